/*
 * The emulator as the package users install (issue #18): `projects/kratos-emulator/build-package.mjs` turns the
 * compiled dist/kratos-emulator into a package, `npm pack` packs it, and the tarball, installed into a temporary
 * folder, is typed, and its `kratos-emulator` bin serves on a free loopback port with a seed file's identities.
 * Offline: the package's one dependency (qrcode) and its own are copied from the workspace's node_modules first, so
 * npm finds them installed and fetches nothing.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';

const root = join(__dirname, '../../..');
const dist = join(root, 'dist/kratos-emulator');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The top-level folders of the workspace's node_modules that hold `name` and everything it depends on. */
function installedClosure(name: string): string[] {
  const modules = join(root, 'node_modules');
  const seen = new Set<string>();
  const tops = new Set<string>();
  const visit = (dependency: string, from: string) => {
    const manifest = realpathSync(createRequire(join(from, 'noop.js')).resolve(`${dependency}/package.json`));
    if (seen.has(manifest)) return;
    seen.add(manifest);
    const parts = relative(modules, dirname(manifest)).split(sep);
    tops.add(parts[0].startsWith('@') ? join(parts[0], parts[1]) : parts[0]);
    const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object };
    for (const next of Object.keys(dependencies)) visit(next, dirname(manifest));
  };
  visit(name, root);
  return [...tops];
}

let work: string;
let tarball: string;
let packed: string[];
let app: string;
const children: ChildProcess[] = [];

before(() => {
  work = mkdtempSync(join(tmpdir(), 'kratos-emulator-pack-'));
  run(process.execPath, [join(root, 'projects/kratos-emulator/build-package.mjs')], root);
  const [pack] = JSON.parse(run(npm, ['pack', dist, '--pack-destination', work, '--json'], work)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, pack.filename);
  packed = pack.files.map((file) => file.path).sort();
  app = join(work, 'app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  for (const top of installedClosure('qrcode'))
    cpSync(join(root, 'node_modules', top), join(app, 'node_modules', top), { recursive: true });
  run(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], app);
});

after(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the kratos-emulator package', () => {
  test('the tarball holds the built JS, its declarations, README, LICENSE and package.json: no tests, sources or maps', () => {
    assert.equal(tarball.endsWith('kratos-emulator-0.1.0.tgz'), true);
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'index.js',
      'index.d.ts',
      'cli.js',
      'server.d.ts',
      'config.d.ts',
      'settings/handler.js',
    ])
      assert.ok(packed.includes(file), `${file} is packed`);
    const stray = packed.filter(
      (file) =>
        !['package.json', 'README.md', 'LICENSE'].includes(file) && !/^(settings\/)?[a-z-]+(\.js|\.d\.ts)$/.test(file),
    );
    assert.deepEqual(stray, []);
    assert.equal(
      packed.some((file) => file.startsWith('test/') || file.startsWith('src/') || file.endsWith('.map')),
      false,
    );
  });

  test('its manifest: entry points inside the package, the bin, engines, qrcode its one dependency', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/kratos-emulator/package.json'), 'utf8'));
    assert.equal(manifest.name, 'kratos-emulator');
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.license, 'Apache-2.0');
    assert.deepEqual(manifest.bin, { 'kratos-emulator': 'cli.js' });
    assert.equal(manifest.main, 'index.js');
    assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
    assert.deepEqual(Object.keys(manifest.dependencies), ['qrcode']);
    assert.equal(manifest.devDependencies, undefined);
    assert.equal(manifest.engines.node, '>=20.19');
  });

  test('require() from the installed package gives startEmulator, SEED and totpCode', () => {
    const installed = createRequire(join(app, 'index.js'))('kratos-emulator') as Record<string, unknown>;
    assert.equal(typeof installed['startEmulator'], 'function');
    assert.equal(typeof installed['totpCode'], 'function');
    assert.ok(Array.isArray(installed['SEED']));
  });

  test('startEmulator and its options are typed for a TypeScript user (node16 resolution, through exports)', () => {
    writeFileSync(
      join(app, 'use.ts'),
      `import { startEmulator, type EmulatorOptions, type RunningEmulator } from 'kratos-emulator';
const options: EmulatorOptions = { port: 0, testControls: true, seedFile: 'identities.json', loginStyle: 'unified' };
const running: Promise<RunningEmulator> = startEmulator(options);
void running.then((kratos) => [kratos.url, kratos.adminUrl, kratos.publicUrl, kratos.close()]);
// @ts-expect-error an option it does not have
void startEmulator({ prot: 0 });
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'node16',
          moduleResolution: 'node16',
          types: [],
          lib: ['ES2022'],
          target: 'ES2022',
        },
        files: ['use.ts'],
      }),
    );
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
  });

  test('its bin serves on a free loopback port: no session → 401, a seed file identity signs in', async () => {
    const seedFile = join(work, 'identities.json');
    writeFileSync(
      seedFile,
      JSON.stringify([
        {
          schema_id: 'default',
          traits: { email: 'lin@example.com', name: { first: 'Lin', last: 'Example' } },
          credentials: { password: { config: { password: 'Correct-Horse-1815!' } } },
        },
      ]),
    );
    const bin = join(app, 'node_modules/.bin/kratos-emulator');
    const child = spawn(bin, ['--host', '127.0.0.1', '--port', '0', '--seed', seedFile], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match =
          /listening on (http:\/\/127\.0\.0\.1:\d+) \(public URL (\S+), admin (http:\/\/127\.0\.0\.1:\d+)\)/.exec(out);
        if (match) resolve(match);
      });
      child.once('exit', (code) => reject(new Error(`the bin exited (${code}): ${out}${err}`)));
      setTimeout(() => reject(new Error(`no URL within 10 s: ${out}${err}`)), 10_000).unref();
    });
    const [, url, publicUrl, adminUrl] = listening;
    assert.equal(publicUrl, url);
    assert.notEqual(new URL(adminUrl).port, '4434', 'the admin API takes a free port beside --port 0');

    const settings = await fetch(`${url}/self-service/settings/browser`, { headers: { Accept: 'application/json' } });
    assert.equal(settings.status, 401);
    assert.equal(((await settings.json()) as { error: { id: string } }).error.id, 'session_inactive');

    const flow = (await (await fetch(`${url}/self-service/login/api`)).json()) as { id: string };
    const login = await fetch(`${url}/self-service/login?flow=${flow.id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ method: 'password', identifier: 'lin@example.com', password: 'Correct-Horse-1815!' }),
    });
    assert.equal(login.status, 200);
    const { session_token: token } = (await login.json()) as { session_token: string };
    const whoami = await fetch(`${url}/sessions/whoami`, { headers: { 'X-Session-Token': token } });
    assert.equal(whoami.status, 200);
    const session = (await whoami.json()) as { identity: { traits: { email: string } } };
    assert.equal(session.identity.traits.email, 'lin@example.com');

    const listed = await fetch(`${adminUrl}/admin/identities?credentials_identifier=lin@example.com`);
    assert.equal(((await listed.json()) as unknown[]).length, 1);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
