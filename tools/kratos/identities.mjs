// Identities on a real Kratos, as tests and `npm run kratos` need them: imported through the admin API with a
// password, and a TOTP second factor enrolled through api flows. Kratos imports password and OIDC credentials
// only (a `totp` credential in the import body is a 400), and makes a new TOTP secret for every enrolment, so a
// TOTP identity's secret is read from the settings flow that enrols it and handed back to the caller.
import { createRequire } from 'node:module';

const { totpCode } = createRequire(import.meta.url)('kratos-emulator');

/** The emulator's seeded logins, on real Kratos too (grace's secret is Kratos's, not the emulator's). */
export const SEEDS = {
  ada: { email: 'ada@example.com', password: 'Lovelace-1815!', first: 'Ada', last: 'Lovelace' },
  grace: { email: 'grace@example.com', password: 'Hopper-1906!', first: 'Grace', last: 'Hopper', totp: true },
};

async function call(url, init, expected) {
  const answer = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...init?.headers },
    redirect: 'manual',
  });
  const text = await answer.text();
  if (answer.status !== expected) {
    throw new Error(
      `${init?.method ?? 'GET'} ${url} answered ${answer.status}, not ${expected}: ${text.slice(0, 500)}`,
    );
  }
  return text ? JSON.parse(text) : undefined;
}

/** `POST {admin}/admin/identities` with a plain-text password (Kratos hashes it; its password policy is skipped). */
export function importIdentity(adminUrl, { email, password, first, last }) {
  return call(
    `${adminUrl}/admin/identities`,
    {
      method: 'POST',
      body: JSON.stringify({
        schema_id: 'default',
        traits: { email, name: { first, last } },
        credentials: { password: { config: { password } } },
      }),
    },
    201,
  );
}

/** An api (native) login with a password: `{ session_token, session }`. Sent from Node, so no Origin header. */
export async function apiLogin(publicUrl, email, password) {
  const flow = await call(`${publicUrl}/self-service/login/api`, undefined, 200);
  return call(
    `${publicUrl}/self-service/login?flow=${flow.id}`,
    { method: 'POST', body: JSON.stringify({ method: 'password', identifier: email, password }) },
    200,
  );
}

/**
 * Links TOTP to the session token's identity through an api settings flow and resolves to the base32 secret Kratos
 * generated (`totp_secret_key`'s `text.context.secret`). The session must be within the privileged window.
 */
export async function enrolTotp(publicUrl, sessionToken) {
  const headers = { 'X-Session-Token': sessionToken };
  const flow = await call(`${publicUrl}/self-service/settings/api`, { headers }, 200);
  const node = flow.ui.nodes.find((n) => n.attributes.id === 'totp_secret_key');
  const secret = node?.attributes.text?.context?.secret;
  if (typeof secret !== 'string') throw new Error('the settings flow offers no TOTP secret (is totp enabled?)');
  const done = await call(
    `${publicUrl}/self-service/settings?flow=${flow.id}`,
    { method: 'POST', headers, body: JSON.stringify({ method: 'totp', totp_code: totpCode(secret, new Date()) }) },
    200,
  );
  if (done.state !== 'success') throw new Error(`TOTP enrolment ended in state ${done.state}`);
  return secret;
}

/**
 * Imports one identity, enrolling TOTP when `totp` is set: `{ id, email, password, first, last, totpSecret? }`.
 */
export async function createIdentity({ publicUrl, adminUrl }, login) {
  const identity = await importIdentity(adminUrl, login);
  const created = { ...login, id: identity.id };
  delete created.totp;
  if (login.totp) {
    const { session_token } = await apiLogin(publicUrl, login.email, login.password);
    created.totpSecret = await enrolTotp(publicUrl, session_token);
  }
  return created;
}
