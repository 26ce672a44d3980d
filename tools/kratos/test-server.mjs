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

/**
 * Starts the server with the emulator's option names (real Kratos takes them through kratosConfig, plus its own:
 * `oidcProviders`, `webauthn`, `app`). Resolves to `{ server, url, publicUrl, close(), reset(), identity(name),
 * sessionToken(login), totpCode(secret), clock(), passTime(moment) }`; `url` is where it listens.
 */
export async function startTestServer({ server = SERVER, ...options } = {}) {
  const kratos =
    server === 'real'
      ? await startKratos({ log: (line) => console.log(`real Kratos: ${line}`), ...options })
      : await startEmulator({ port: 0, testControls: true, ...options });
  const control = (path, init) => fetch(`${kratos.url}/__emulator${path}`, init);
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
