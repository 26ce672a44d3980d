// startKratos(): the pinned real Kratos on loopback for the test suites and `npm run kratos`: built (or taken from the
// cache), configured by config.mjs, started with `serve --dev --sqa-opt-out` on a memory database, waited for, seeded
// with the emulator's logins, and stopped by close() or, failing that, when this process ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKratos, KRATOS_VERSION, KratosUnavailableError } from './build.mjs';
import { kratosConfig } from './config.mjs';
import { createIdentity, SEEDS } from './identities.mjs';

export { KRATOS_VERSION, KratosUnavailableError };

/** A free loopback port, chosen now (Kratos takes a port number, not 0). */
export async function freePort(host = '127.0.0.1') {
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Every Kratos this process started, stopped when it exits. A signal or a crash ends this process without its exit
// handlers; for that case Kratos runs under util-linux's setpriv with a parent-death signal, so the kernel kills it
// when this process dies (a Ctrl-C in a terminal reaches it directly too).
const running = new Set();
let hooked = false;
function hookProcessExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
const SETPRIV = '/usr/bin/setpriv';

function tail(file, lines = 8) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n    ');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a real Kratos. Options are those of kratosConfig() (port 0 or absent: a free one; the same for
 * `adminPort`), plus `seed` (default true: ada and grace, grace with TOTP), `readyTimeoutMs` (default 120 s) and
 * `log` (a function for progress lines). Resolves to `{ url, publicUrl, adminUrl, version, logFile, seeds, close() }`:
 * `url` is where Kratos listens, `publicUrl` its base URL as browsers see it (a proxy's, say).
 */
export async function startKratos({ seed = true, readyTimeoutMs = 120_000, log = () => undefined, ...options } = {}) {
  const { binary } = await ensureKratos({ log });
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host));
  const adminPort = options.adminPort || (await freePort(host));
  const url = `http://${host}:${port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const adminUrl = `http://${host}:${adminPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'ngx-kratos-real-'));
  const configFile = join(dir, 'kratos.json');
  const logFile = options.logFile ?? join(dir, 'kratos.log');
  writeFileSync(configFile, JSON.stringify(kratosConfig({ ...options, host, port, adminPort, publicUrl }), null, 2));

  const args = ['serve', '--dev', '--sqa-opt-out', '--config', configFile];
  const out = openSync(logFile, 'a');
  // Kratos reads any config key from the environment too (DSN, SERVE_PUBLIC_PORT, ...), so it gets none of ours: the
  // config file is all there is. DEV_DISABLE_API_FLOW_ENFORCEMENT (honoured with --dev) lets api flows accept Origin
  // headers and cookies, the emulator's --dev-api-flows.
  const spawnOptions = {
    stdio: ['ignore', out, out],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? tmpdir(),
      DEV_DISABLE_API_FLOW_ENFORCEMENT: options.devApiFlows ? 'true' : 'false',
    },
  };
  const child = existsSync(SETPRIV)
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', binary, ...args], spawnOptions)
    : spawn(binary, args, spawnOptions);
  closeSync(out);
  hookProcessExit();
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));

  let keepLog = Boolean(options.logFile);
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepLog) rmSync(dir, { recursive: true, force: true });
  };

  const started = performance.now();
  const waited = () => ((performance.now() - started) / 1000).toFixed(1);
  try {
    await waitForReady(adminUrl, readyTimeoutMs, exited, logFile, waited);
    log(`Kratos ${KRATOS_VERSION} ready in ${waited()} s on ${url} (admin ${adminUrl}, log ${logFile})`);
    const seeds = {};
    if (seed) {
      for (const [name, login] of Object.entries(SEEDS))
        seeds[name] = await createIdentity({ publicUrl: url, adminUrl }, login);
    }
    return { url, publicUrl, adminUrl, version: KRATOS_VERSION, logFile, readySeconds: Number(waited()), seeds, close };
  } catch (error) {
    keepLog = true; // the message names the log
    await close();
    throw error;
  }
}

async function waitForReady(adminUrl, timeoutMs, exited, logFile, waited) {
  let gone;
  exited.then((status) => (gone = status));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (gone) {
      const log = tail(logFile);
      const taken = /listen tcp (\S+): bind: address already in use/.exec(log)?.[1];
      throw new KratosUnavailableError(
        taken
          ? `Kratos could not listen on ${taken}: the port is taken (choose another with --port or --admin-port); log: ${logFile}`
          : `Kratos exited (${gone.signal ?? `code ${gone.code}`}) after ${waited()} s before it was ready; log: ${logFile}:\n    ${log}`,
      );
    }
    try {
      const answer = await fetch(`${adminUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new KratosUnavailableError(
    `Kratos was not ready after waiting ${waited()} s (GET ${adminUrl}/health/ready); log: ${logFile}:\n    ${tail(logFile)}`,
  );
}
