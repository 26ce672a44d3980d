// One Kratos for a test suite, the emulator or real Kratos, behind one interface, so that the same tests run on
// both: fresh logins, session tokens, TOTP codes and time passing come from here, whatever the server.
import { createRequire } from 'node:module';
import { apiLogin, createIdentity, SEEDS } from './identities.mjs';
import { KRATOS_VERSION, startKratos } from './server.mjs';

const { startEmulator, totpCode, SEED } = createRequire(import.meta.url)('kratos-emulator');

/** The server a suite runs on: `KRATOS_SERVER=real` for real Kratos, else the emulator. */
export const SERVER = process.env.KRATOS_SERVER === 'real' ? 'real' : 'emulator';
export const SERVER_LABEL = SERVER === 'real' ? `real Kratos ${KRATOS_VERSION}` : 'emulator';
/** Set by `npm test` when real Kratos cannot be had on this machine and CI does not require it: the reason. */
export const REAL_UNAVAILABLE = process.env.KRATOS_REAL_UNAVAILABLE || undefined;

/** The code in a courier message's body: its first run of six digits (docs/kratos-protocol.md §10). */
export const codeOf = (message) => /\d{6}/.exec(message?.body ?? '')?.[0];

let emails = 0;
/**
 * A fresh address `<prefix>-<pid>-<n>-<time>@example.com`: unique in this process and across runs (real Kratos keeps
 * its identities for its whole life). example.com is reserved (RFC 2606) and no courier sends anything, so no mail
 * leaves the machine; the differential suite's views normalise `…@example.com` away.
 */
export function newEmail(prefix = 'user') {
  const safe =
    String(prefix)
      .toLowerCase()
      .replace(/[^a-z0-9.+-]+/g, '-') || 'user';
  return `${safe}-${process.pid}-${++emails}-${Date.now().toString(36)}@example.com`;
}

/**
 * Starts the server with the emulator's option names (real Kratos takes them through kratosConfig, plus its own:
 * `oidcProviders`, `webauthn`, `app`); login and registration options (`registrationEnabled`, `registrationSession`,
 * `passwordlessCode`, `loginStyle`, `legacyOneStepRegistration`) and recovery and verification options
 * (`recoveryEnabled`, `verificationEnabled`, `recoveryUi`, `verificationUi`, `continueWithTransitions`, `codeLifespan`
 * in seconds) have the same names and defaults on both. Resolves to `{ server, url, publicUrl, adminUrl, close(),
 * reset(), identity(name), seed(login), newEmail(prefix), courierMessages(email), lastCode(email, template?),
 * verificationLink(email), sessionToken(login), totpCode(secret), clock(), passTime(moment) }`; `url` is where it
 * listens, `adminUrl` its admin API (loopback). `passTime` lets flows, sessions and codes expire on either server.
 */
export async function startTestServer({ server = SERVER, ...options } = {}) {
  const kratos =
    server === 'real'
      ? await startKratos({ log: (line) => console.log(`real Kratos: ${line}`), ...options })
      : await startEmulator({ port: 0, testControls: true, ...options });
  const control = (path, init) => fetch(`${kratos.url}/__emulator${path}`, init);
  const admin = async (path, init, expected) => {
    const answer = await fetch(`${kratos.adminUrl}${path}`, {
      ...init,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    const text = await answer.text();
    if (answer.status !== expected)
      throw new Error(`${init?.method ?? 'GET'} {admin}${path} answered ${answer.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const courierMessages = (email) =>
    admin(`/admin/courier/messages?recipient=${encodeURIComponent(email)}&page_size=100`, undefined, 200);
  const clock = async () =>
    server === 'real' ? new Date() : new Date((await (await control('/clock')).json()).unix * 1000);
  let made = 0;
  return {
    server,
    url: kratos.url,
    publicUrl: kratos.publicUrl,
    adminUrl: kratos.adminUrl,
    close: () => kratos.close(),
    /** Before each test: a clean emulator; real Kratos keeps its state, and tests use fresh logins. */
    reset: async () => void (server === 'emulator' && (await control('/reset', { method: 'POST' }))),
    /**
     * A login for this test like the seeded `name` ('ada' or 'grace', who has TOTP): the seed itself on a reset
     * emulator; on real Kratos a new identity, with its own email, the same password and grace's TOTP enrolled now.
     * `{ email, password, totpSecret? }`.
     */
    async identity(name) {
      const seed = SEEDS[name];
      if (server === 'emulator') {
        const { email, password, totpSecret } = SEED.find((login) => login.email === seed.email);
        return { email, password, ...(totpSecret ? { totpSecret } : {}) };
      }
      const email = seed.email.replace('@', `+${process.pid}-${++made}@`);
      return createIdentity({ publicUrl: kratos.url, adminUrl: kratos.adminUrl }, { ...seed, email });
    },
    /**
     * A new identity made through the admin API (`POST {admin}/admin/identities`, Kratos's import format), on either
     * server: `login` is `{ email, password, traits? }` (`traits` beside the email, say `{ name: { first: 'A' } }`;
     * no `password`: an identity without one). Resolves to `{ id, email, password }`. The email must be new (409).
     */
    async seed({ email, password, traits = {} }) {
      const identity = await admin(
        '/admin/identities',
        {
          method: 'POST',
          body: JSON.stringify({
            schema_id: 'default',
            traits: { ...traits, email },
            ...(password ? { credentials: { password: { config: { password } } } } : {}),
          }),
        },
        201,
      );
      return { id: identity.id, email, password };
    },
    /** A fresh address for this test (see newEmail above): register or seed it. */
    newEmail,
    /**
     * The courier's messages to `email`, newest first (`GET {admin}/admin/courier/messages?recipient=`): `[{ id,
     * template_type ('verification_code_valid', 'login_code_valid', 'registration_code_valid'), subject, body, … }]`.
     */
    courierMessages,
    /**
     * The code of the newest message to `email` (its first six digits), or undefined when there is none. Pass
     * `template` to skip other kinds (a registration also queues a verification code): `recovery_code_valid`,
     * `verification_code_valid`, `login_code_valid`, `registration_code_valid`.
     */
    async lastCode(email, template) {
      const list = await courierMessages(email);
      return codeOf(template ? list.find((message) => message.template_type === template) : list[0]);
    },
    /**
     * The link of the newest verification mail to `email` (`{public}/self-service/verification?code=<c>&flow=<id>`,
     * docs/kratos-protocol.md §12.7), or undefined when there is none.
     */
    async verificationLink(email) {
      const list = await courierMessages(email);
      const message = list.find((m) => m.template_type === 'verification_code_valid');
      return /https?:\/\/\S+\/self-service\/verification\?\S+/.exec(message?.body ?? '')?.[0];
    },
    /** A session token from an api login made from Node (no Origin header, no cookies, as Kratos requires). */
    sessionToken: async (login) => (await apiLogin(kratos.url, login.email, login.password)).session_token,
    /** The TOTP code for `secret` now, on the server's clock. */
    totpCode: async (secret) => totpCode(secret, await clock()),
    clock,
    /**
     * Lets time pass until `moment` (a Date on the server's clock) is behind the server: the emulator's clock is
     * advanced past it; on real Kratos the real clock is polled until it is, with a second for Kratos's rounding.
     */
    async passTime(moment) {
      const target = moment.getTime() + 1000;
      if (server === 'emulator') {
        const seconds = Math.ceil((target - (await clock()).getTime()) / 1000);
        if (seconds > 0)
          await control('/clock', { method: 'POST', body: JSON.stringify({ advance_seconds: seconds }) });
        return;
      }
      while (Date.now() < target) await new Promise((done) => setTimeout(done, 100));
    },
  };
}
