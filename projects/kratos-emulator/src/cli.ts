#!/usr/bin/env node
/* `kratos-emulator` / `npm run emulator`: a Kratos stand-in on 127.0.0.1:4433, Kratos's public port. */
import { parseArgs } from 'node:util';
import { SEED } from './state';
import { startEmulator } from './server';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4433' },
    'admin-port': { type: 'string' },
    'registration-ui': { type: 'string' },
    'recovery-ui': { type: 'string' },
    'verification-ui': { type: 'string' },
    'no-recovery': { type: 'boolean', default: false },
    'no-verification': { type: 'boolean', default: false },
    'continue-with-transitions': { type: 'boolean', default: false },
    'code-lifespan': { type: 'string' },
    'passwordless-code': { type: 'boolean', default: false },
    'login-style': { type: 'string', default: 'unified' },
    'legacy-one-step-registration': { type: 'boolean', default: false },
    'no-registration': { type: 'boolean', default: false },
    'no-registration-session': { type: 'boolean', default: false },
    'public-url': { type: 'string' },
    'settings-ui': { type: 'string' },
    'login-ui': { type: 'string' },
    'error-ui': { type: 'string' },
    'allowed-origin': { type: 'string', multiple: true, default: [] },
    'allowed-return-url': { type: 'string', multiple: true, default: [] },
    'flow-lifespan': { type: 'string' },
    'privileged-max-age': { type: 'string' },
    'dev-api-flows': { type: 'boolean', default: false },
    'disable-method': { type: 'string', multiple: true, default: [] },
    'test-controls': { type: 'boolean', default: false },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`kratos-emulator [--host 127.0.0.1] [--port 4433] [--admin-port 4434, free with --port 0] [--public-url URL] [--settings-ui URL]
  [--login-ui URL] [--registration-ui URL] [--recovery-ui URL] [--verification-ui URL] [--error-ui URL] [--allowed-origin ORIGIN]... [--allowed-return-url URL]...
  [--flow-lifespan SECONDS] [--privileged-max-age SECONDS] [--dev-api-flows] [--disable-method METHOD]...
  [--passwordless-code] [--login-style unified|identifier_first] [--legacy-one-step-registration]
  [--no-registration] [--no-registration-session] [--no-recovery] [--no-verification]
  [--continue-with-transitions] [--code-lifespan SECONDS] [--test-controls] [--seed identities.json]
--seed imports a JSON array of identities in Kratos's import format (admin POST /admin/identities bodies), beside the
built-in logins, at start and at every test-control reset. --port 0 picks a free port; the first line printed names it.
The admin API (identities, courier messages) listens on --admin-port, on loopback only.`);
  process.exit(0);
}

const seconds = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`kratos-emulator: --${name} takes a positive number of seconds`);
    process.exit(2);
  }
  return n;
};

startEmulator({
  host: values.host,
  port: Number(values.port),
  // Unset: 4434, or a free port beside --port 0.
  adminPort: values['admin-port'] === undefined ? undefined : Number(values['admin-port']),
  registrationUi: values['registration-ui'],
  recoveryUi: values['recovery-ui'],
  verificationUi: values['verification-ui'],
  recoveryEnabled: !values['no-recovery'],
  verificationEnabled: !values['no-verification'],
  continueWithTransitions: values['continue-with-transitions'],
  codeLifespan: seconds(values['code-lifespan'], 'code-lifespan'),
  passwordlessCode: values['passwordless-code'],
  loginStyle: values['login-style'] === 'identifier_first' ? 'identifier_first' : 'unified',
  legacyOneStepRegistration: values['legacy-one-step-registration'],
  registrationEnabled: !values['no-registration'],
  registrationSession: !values['no-registration-session'],
  publicUrl: values['public-url'],
  settingsUi: values['settings-ui'],
  loginUi: values['login-ui'],
  errorUi: values['error-ui'],
  allowedOrigins: values['allowed-origin'],
  allowedReturnUrls: values['allowed-return-url'],
  flowLifespan: seconds(values['flow-lifespan'], 'flow-lifespan'),
  privilegedMaxAge: seconds(values['privileged-max-age'], 'privileged-max-age'),
  devApiFlows: values['dev-api-flows'],
  disabledMethods: values['disable-method'],
  testControls: values['test-controls'],
  seedFile: values.seed,
}).then(
  (emulator) => {
    console.log(
      `Kratos emulator listening on ${emulator.url} (public URL ${emulator.publicUrl}, admin ${emulator.adminUrl})`,
    );
    console.log('Seeded logins:');
    for (const login of SEED) console.log(`  ${login.email}  password ${login.password}  (${login.note})`);
    if (values.seed) console.log(`  and the identities of ${values.seed}`);
    const stop = () => emulator.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: Error) => {
    console.error(`kratos-emulator: ${error.message}`);
    process.exit(1);
  },
);
