#!/usr/bin/env node
// `npm run kratos:build`: builds the pinned Ory Kratos (go.mod and go.sum beside this file) into a cache folder
// outside the clone, keyed by go.mod, go.sum, the build flags and `go version`, so that a fresh clone on the same
// machine reuses the binary and only the first build pays. Everything comes from the Go module proxy: the go.sum
// committed here pins every module, and the checksum database is asked only about modules go.sum does not list.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = dirname(fileURLToPath(import.meta.url));
const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');

/** The Kratos version go.mod pins, e.g. `v1.3.1`. */
export const KRATOS_VERSION = /^require github\.com\/ory\/kratos (v\S+)$/m.exec(goMod)[1];

// cgo: go-sqlite3 is a cgo package (without cgo it is a stub that fails at first use). The `sqlite` tag compiles in
// the sqlite driver that `dsn: memory` needs; without it Kratos retries its database for minutes before failing.
const BUILD_ARGS = [
  'build',
  '-mod=readonly',
  '-trimpath',
  '-tags',
  'sqlite',
  '-ldflags',
  `-X github.com/ory/kratos/driver/config.Version=${KRATOS_VERSION}`,
];
const BUILD_ENV = { CGO_ENABLED: '1', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' };

/** Why real Kratos cannot be had on this machine, as an error whose message says what to do. */
export class KratosUnavailableError extends Error {}

/** The cache root: `KRATOS_CACHE_DIR`, else `$XDG_CACHE_HOME/ngx-kratos/kratos`, else `~/.cache/ngx-kratos/kratos`. */
export function cacheRoot() {
  return (
    process.env.KRATOS_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ngx-kratos', 'kratos')
  );
}

function goVersion() {
  const go = spawnSync('go', ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  if (go.error || go.status !== 0) {
    throw new KratosUnavailableError(
      'real Kratos needs a Go toolchain (go 1.23 or later, with cgo and gcc) and none is on PATH (`go version` ' +
        `failed: ${go.error?.message ?? go.stderr.trim()}); install Go, or run without real Kratos`,
    );
  }
  return go.stdout.trim();
}

/** Where the binary for this go.mod, go.sum, toolchain and flags lives (whether built yet or not). */
export function kratosBinaryPath() {
  const key = createHash('sha256')
    .update(goMod)
    .update(readFileSync(join(moduleDir, 'go.sum')))
    .update(goVersion())
    .update(JSON.stringify([BUILD_ARGS, BUILD_ENV]))
    .digest('hex')
    .slice(0, 16);
  return join(cacheRoot(), `${KRATOS_VERSION}-${key}`, 'kratos');
}

/**
 * The cached binary, built first if it is not there. Resolves to `{ binary, built, seconds }`; rejects with a
 * KratosUnavailableError that names the log when Go is missing or the build fails.
 */
export async function ensureKratos({ log = (line) => console.log(line) } = {}) {
  const binary = kratosBinaryPath();
  if (existsSync(binary)) return { binary, built: false, seconds: 0 };
  const folder = dirname(binary);
  mkdirSync(folder, { recursive: true });
  const cgo = spawnSync('go', ['env', 'CC'], { encoding: 'utf8' }).stdout?.trim() || 'gcc';
  if (spawnSync(cgo, ['--version']).status !== 0) {
    throw new KratosUnavailableError(
      `real Kratos needs a C compiler for cgo (go-sqlite3) and \`${cgo} --version\` failed: install gcc`,
    );
  }
  const logFile = join(folder, 'build.log');
  const partial = `${binary}.partial-${process.pid}`;
  log(`building Ory Kratos ${KRATOS_VERSION} with ${goVersion()} into ${folder} (log: ${logFile}) ...`);
  const started = performance.now();
  const status = await new Promise((resolve) => {
    const out = createWriteStream(logFile);
    const child = spawn('go', [...BUILD_ARGS, '-o', partial, 'github.com/ory/kratos'], {
      cwd: moduleDir,
      env: { ...process.env, ...BUILD_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', (error) => out.end(`${error.message}\n`, () => resolve(-1)));
    child.on('close', (code) => out.end(() => resolve(code)));
  });
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0 || !existsSync(partial)) {
    rmSync(partial, { force: true });
    const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n    ');
    throw new KratosUnavailableError(
      `building Kratos ${KRATOS_VERSION} failed after ${seconds.toFixed(0)} s (exit ${status}); the whole log is ` +
        `${logFile}, its last lines:\n    ${tail}`,
    );
  }
  renameSync(partial, binary); // atomic: a concurrent run sees the old state or the whole binary
  log(`built Ory Kratos ${KRATOS_VERSION} in ${seconds.toFixed(1)} s: ${binary}`);
  return { binary, built: true, seconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { binary, built } = await ensureKratos();
    if (!built) console.log(`Ory Kratos ${KRATOS_VERSION} is already built (cached): ${binary}`);
  } catch (error) {
    console.error(`kratos:build: ${error.message}`);
    process.exit(1);
  }
}
