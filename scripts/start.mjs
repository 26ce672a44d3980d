#!/usr/bin/env node
// `npm start`: builds the library and the emulator, starts the Kratos emulator and the demo (the demo reaches Kratos
// through the dev server's proxy on its own origin, so the emulator's public URL is the demo's address + /.ory),
// prints the URL and the seeded logins, and stops both on Ctrl-C.
// Ports: DEMO_PORT (4200) and KRATOS_PORT (4433; the admin API, the emulator's or real Kratos's, on
// KRATOS_ADMIN_PORT, 4434).
// `npm start -- --cross-origin` has the demo talk to Kratos's own origin with CORS and credentials instead.
// `npm start -- --kratos=real` runs real Kratos (tools/kratos, built on first use; needs Go) instead of the emulator.
// `npm start -- --ssr` serves the server-rendered demo (dist/demo-ssr, its node:http server with ngx-kratos/ssr's
// proxy on /.ory) instead of the dev server.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';
const demoPort = Number(process.env.DEMO_PORT ?? 4200);
const kratosPort = Number(process.env.KRATOS_PORT ?? 4433);
const app = `http://${host}:${demoPort}`;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };
const crossOrigin = process.argv.includes('--cross-origin');
const ssr = process.argv.includes('--ssr');
if (ssr && crossOrigin) {
  console.error('npm start: --ssr serves Kratos through the server on the app origin; it does not take --cross-origin');
  process.exit(2);
}
const kratosArg = process.argv.find((arg) => arg.startsWith('--kratos='))?.slice('--kratos='.length) ?? 'emulator';
if (!['emulator', 'real'].includes(kratosArg)) {
  console.error(`npm start: --kratos takes emulator (the default) or real, not ${JSON.stringify(kratosArg)}`);
  process.exit(2);
}
// KRATOS_PUBLIC_URL: your own Kratos (configured as in docs/real-kratos.md, "Your own Kratos") instead of starting one.
const ownKratos = process.env.KRATOS_PUBLIC_URL?.replace(/\/+$/, '');
const kratosTarget = ownKratos ?? `http://${host}:${kratosPort}`;
const kratosPublic = crossOrigin ? kratosTarget : `${app}/.ory`;

function step(label, args) {
  process.stdout.write(`━━ ${label}\n`);
  const { status } = spawnSync(npx, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
  if (status !== 0) process.exit(status ?? 1);
}

step('building ngx-kratos', ['ng', 'build', 'ngx-kratos']);
step('building the Kratos emulator', ['tsc', '-p', 'projects/kratos-emulator/tsconfig.json']);
if (ssr) step('building the SSR demo', ['ng', 'build', 'demo', '--configuration', 'production,ssr']);

// The demo asks /demo-config.json where Kratos is; a small server answers it behind the dev server's proxy.
const configServer = createServer((_req, res) => {
  if (!crossOrigin) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kratosUrl: kratosPublic }));
});
await new Promise((done) => configServer.listen(0, host, done));
const proxyConfig = join(root, 'dist', 'demo-proxy.conf.json');
writeFileSync(
  proxyConfig,
  JSON.stringify({
    '/.ory': { target: kratosTarget, pathRewrite: { '^/\\.ory': '' }, changeOrigin: true, secure: false },
    '/demo-config.json': { target: `http://${host}:${configServer.address().port}`, secure: false },
  }),
);

const children = [];
function start(label, command, args, onLine) {
  // In a process group of its own, so that stopping it stops what it started too (`npx ng serve` runs `ng`, which
  // outlives a signal to npx alone).
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const forward = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (onLine) onLine(line);
        else out.write(`[${label}] ${line}\n`);
      }
    });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${label} stopped (exit ${code}); stopping everything.`);
      stop(1);
    }
  });
  return child;
}

let stopping = false;
let realServer;
function stop(code = 0) {
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  configServer.close();
  Promise.resolve(realServer?.close()).finally(() => setTimeout(() => process.exit(code), 300));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

let logins = [];
let serverLabel = ownKratos ? 'your Kratos' : 'Kratos emulator';
if (!ownKratos && kratosArg === 'real') {
  // Real Kratos in this process's care: built (or cached), started, seeded; stopped with the demo.
  const { startKratos } = await import('../tools/kratos/server.mjs');
  const { appPages } = await import('../tools/kratos/config.mjs');
  process.stdout.write('━━ starting real Kratos\n');
  try {
    realServer = await startKratos({
      host,
      port: kratosPort,
      adminPort: Number(process.env.KRATOS_ADMIN_PORT ?? 4434),
      publicUrl: kratosPublic,
      app,
      ...(crossOrigin ? { allowedOrigins: [app] } : {}),
      ...appPages(app),
      log: (line) => process.stdout.write(`[kratos] ${line}\n`),
    });
  } catch (error) {
    console.error(
      `npm start -- --kratos=real: ${error.message}\n(plain \`npm start\` runs the demo on the emulator, without Go)`,
    );
    stop(1);
    await new Promise(() => undefined);
  }
  const { ada, grace } = realServer.seeds;
  serverLabel = `real Kratos ${realServer.version}, admin API ${realServer.adminUrl}, log ${realServer.logFile}`;
  logins = [
    `${ada.email}  password ${ada.password}  (no second factor)`,
    `${grace.email}  password ${grace.password}  (TOTP, secret ${grace.totpSecret}: made by Kratos at this start)`,
  ];
}
if (!ownKratos && kratosArg === 'emulator')
  start(
    'kratos',
    process.execPath,
    [
      'dist/kratos-emulator/cli.js',
      '--host',
      host,
      '--port',
      String(kratosPort),
      '--public-url',
      kratosPublic,
      ...(crossOrigin ? ['--allowed-origin', app] : []),
      '--settings-ui',
      `${app}/settings`,
      '--login-ui',
      `${app}/login`,
      '--registration-ui',
      `${app}/registration`,
      '--recovery-ui',
      `${app}/recovery`,
      '--verification-ui',
      `${app}/verification`,
      '--admin-port',
      String(Number(process.env.KRATOS_ADMIN_PORT ?? 4434)),
      '--error-ui',
      `${app}/error`,
      '--allowed-return-url',
      `${app}/`,
    ],
    (line) => {
      if (/@example\.com/.test(line)) logins.push(line.trim());
      else if (!/Seeded logins/.test(line)) process.stdout.write(`[kratos] ${line}\n`);
    },
  );

const announce = () => {
  console.log(
    `\n  ngx-kratos demo${ssr ? ' (server-rendered)' : ''}: ${app}/   (${serverLabel}; Kratos at ${kratosPublic}${crossOrigin ? ', cross-origin with CORS' : ''})\n`,
  );
  console.log('  Logins:');
  for (const login of logins) console.log(`    ${login}`);
  if (ownKratos)
    console.log('    (those of your Kratos: seed ada@example.com and grace@example.com as docs/real-kratos.md says)');
  console.log('\n  Ctrl-C stops both.\n');
};
if (ssr) {
  env.PORT = String(demoPort);
  env.HOST = host;
  env.KRATOS_URL = kratosTarget;
  start('demo', process.execPath, ['dist/demo-ssr/server/server.mjs'], (line) => {
    if (/SSR demo: http/.test(line)) return announce();
    process.stdout.write(`[demo] ${line}\n`);
  });
} else {
  start(
    'demo',
    npx,
    ['ng', 'serve', 'demo', '--host', host, '--port', String(demoPort), '--proxy-config', proxyConfig],
    (line) => {
      if (/Local:|localhost:|127\.0\.0\.1:\d+/.test(line) && /http/.test(line)) return announce();
      process.stdout.write(`[demo] ${line}\n`);
    },
  );
}
