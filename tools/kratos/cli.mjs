#!/usr/bin/env node
// `npm run kratos`: the pinned real Kratos on loopback, with the emulator's flags (`npm run emulator -- --help`) and
// seeded logins; its UI URLs default to the demo's pages. Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { KRATOS_VERSION, startKratos } from './server.mjs';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4433' },
    'admin-port': { type: 'string', default: '4434' },
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
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm run kratos -- [--host 127.0.0.1] [--port 4433] [--admin-port 4434] [--public-url URL]
  [--settings-ui URL] [--login-ui URL] [--error-ui URL] [--allowed-origin ORIGIN]... [--allowed-return-url URL]...
  [--flow-lifespan SECONDS] [--privileged-max-age SECONDS] [--dev-api-flows] [--disable-method METHOD]...
Real Ory Kratos ${KRATOS_VERSION} (built by npm run kratos:build), on a memory database: nothing outlives it.`);
  process.exit(0);
}

function number(name, { min = 1 } = {}) {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`kratos: --${name} takes a whole number${min > 0 ? ` from ${min}` : ''}, not ${raw}`);
    process.exit(2);
  }
  return n;
}

const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));

try {
  const kratos = await startKratos(
    defined({
      host: values.host,
      port: number('port'),
      adminPort: number('admin-port'),
      publicUrl: values['public-url'],
      settingsUi: values['settings-ui'],
      loginUi: values['login-ui'],
      errorUi: values['error-ui'],
      allowedOrigins: values['allowed-origin'],
      allowedReturnUrls: values['allowed-return-url'],
      flowLifespan: number('flow-lifespan'),
      privilegedMaxAge: number('privileged-max-age'),
      devApiFlows: values['dev-api-flows'],
      disabledMethods: values['disable-method'],
      logFile: process.env.KRATOS_LOG,
      log: (line) => console.log(line),
    }),
  );
  const { ada, grace } = kratos.seeds;
  console.log(
    `Ory Kratos ${kratos.version} listening on ${kratos.url} (public URL ${kratos.publicUrl}, admin ${kratos.adminUrl})`,
  );
  console.log(`Kratos's log: ${kratos.logFile}`);
  console.log('Seeded logins:');
  console.log(`  ${ada.email}  password ${ada.password}  (no second factor)`);
  console.log(
    `  ${grace.email}  password ${grace.password}  (TOTP, secret ${grace.totpSecret}: Kratos made it at this start)`,
  );
  const stop = () => kratos.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`kratos: ${error.message}`);
  process.exit(1);
}
