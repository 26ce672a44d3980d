// The emulator package's README examples, run as a user would run them (issue #18): the @playwright/test project in
// examples/playwright/ (`npx playwright test -c …`, after a type check) and the Karma project in examples/karma/
// (`npx karma start … --single-run`), each in its own process group, bounded, and killed on failure; then the README's
// Playwright and Karma sections compared, block by block, with the files they name, so that the README shows exactly
// what runs.
//
// Run after `npm run build:emulator`: the examples import 'kratos-emulator', which resolves (node_modules/kratos-emulator
// -> projects/kratos-emulator, whose `main` is ../../dist/kratos-emulator/index.js) to the built package.
//   npm run build:emulator && node --test projects/kratos-emulator/examples/examples.test.mjs
// Chromium: Debian's /usr/bin/chromium unless CHROME_BIN names another (both examples read it); no download.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';

const examples = dirname(fileURLToPath(import.meta.url));
const pkg = join(examples, '..'); // projects/kratos-emulator
const root = join(pkg, '../..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const RUN_TIMEOUT_MS = 180_000;

/** Process groups still running (killed by `after` and on SIGINT/SIGTERM, so no browser outlives the test). */
const running = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
};
after(() => running.forEach(killGroup));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    running.forEach(killGroup);
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/**
 * Runs `npx …args` from the workspace root in a new process group; resolves with its exit code, output and duration.
 * After `timeoutMs`, and whenever it closes (failed or not), the whole group (npx, the runner, its workers, Chromium)
 * is killed. `command` is npx unless given.
 */
function run(args, timeoutMs = RUN_TIMEOUT_MS, command = npx) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    detached: true, // its own process group, so that one kill reaches the browser too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', npm_config_update_notifier: 'false' },
  });
  running.add(child.pid);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child.pid);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // whatever it left behind (a Chromium), after a clean exit too
      running.delete(child.pid);
      const seconds = (performance.now() - started) / 1000;
      resolve({ code, signal, timedOut, output, seconds });
    });
  });
}

function assertRan(name, result) {
  const how = result.timedOut
    ? `timed out after ${RUN_TIMEOUT_MS / 1000} s`
    : `exited with ${result.code ?? result.signal}`;
  assert.ok(!result.timedOut && result.code === 0, `${name} ${how}:\n${result.output}`);
}

/** Whether process `pid` is gone: no such process, or a zombie (killed, waiting for whoever adopted it to reap it). */
async function gone(pid) {
  for (let tries = 0; tries < 100; tries++) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if (error.code === 'ESRCH') return true;
      throw error;
    }
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    if (/^\d+ \(.*\) Z/.test(stat)) return true;
    await new Promise((done) => setTimeout(done, 20));
  }
  return false;
}

describe('the harness', () => {
  test('a process the run left behind in its group is killed after a clean exit too', async () => {
    const script =
      "const { spawn } = require('node:child_process');" +
      "const left = spawn('sleep', ['60'], { stdio: 'ignore' }); left.unref(); console.log(left.pid);";
    const result = await run(['-e', script], 10_000, process.execPath);
    assert.equal(result.code, 0, result.output);
    const pid = Number(result.output.trim());
    assert.ok(pid > 0, result.output);
    assert.ok(await gone(pid), `process ${pid}, left by a run that exited 0, is still running`);
  });

  test("karma.conf.js's plugin lets Karma exit when closing the emulator fails", async () => {
    const conf = join(examples, 'karma/karma.conf.js');
    const requireFrom = createRequire(conf);
    const emulator = requireFrom.resolve('kratos-emulator');
    const saved = requireFrom.cache[emulator];
    const fake = new Module(emulator);
    fake.filename = emulator;
    fake.loaded = true;
    fake.exports = {
      startEmulator: async () => ({
        url: 'http://127.0.0.1:1',
        close: () => Promise.reject(new Error('close failed')),
      }),
    };
    requireFrom.cache[emulator] = fake;
    delete requireFrom.cache[conf];
    const logged = [];
    const { error } = console;
    console.error = (...args) => logged.push(args.join(' '));
    try {
      let settings;
      await requireFrom(conf)({ set: (value) => (settings = value) });
      const plugin = settings.plugins.find((entry) => typeof entry === 'object')['framework:kratos-emulator'][1];
      const emitter = new EventEmitter();
      plugin(emitter);
      const done = await new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error('done was not called after close() rejected')), 2000);
        emitter.emit('exit', () => resolve(true));
      });
      assert.equal(done, true);
      assert.ok(
        logged.some((line) => /closing failed/.test(line)),
        logged.join('\n'),
      );
    } finally {
      console.error = error;
      delete requireFrom.cache[conf];
      if (saved) requireFrom.cache[emulator] = saved;
      else delete requireFrom.cache[emulator];
    }
  });
});

describe('the examples run', () => {
  test('dist/kratos-emulator is built', () => {
    assert.ok(
      existsSync(join(root, 'dist/kratos-emulator/index.js')),
      'dist/kratos-emulator/index.js is missing: run `npm run build:emulator` first',
    );
  });

  test('examples/playwright type-checks', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const result = await run(['tsc', '-p', 'projects/kratos-emulator/examples/playwright/tsconfig.json']);
    console.log(`examples/playwright: tsc in ${result.seconds.toFixed(1)} s`);
    assertRan('tsc -p examples/playwright', result);
  });

  test('examples/playwright passes under @playwright/test', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const output = mkdtempSync(join(tmpdir(), 'kratos-emulator-playwright-'));
    try {
      const result = await run([
        'playwright',
        'test',
        '-c',
        'projects/kratos-emulator/examples/playwright',
        '--reporter=list',
        '--output',
        output,
      ]);
      const passed = Number(/^\s*(\d+) passed\b/m.exec(result.output)?.[1] ?? 0);
      console.log(`examples/playwright: ${passed} passed in ${result.seconds.toFixed(1)} s`);
      assertRan('npx playwright test', result);
      assert.ok(passed > 0, `no test passed:\n${result.output}`);
      assert.doesNotMatch(result.output, /^\s*\d+ (failed|flaky|skipped|did not run)\b/m, result.output);
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  });

  test('examples/karma passes under Karma', { timeout: RUN_TIMEOUT_MS + 10_000 }, async () => {
    const result = await run([
      'karma',
      'start',
      'projects/kratos-emulator/examples/karma/karma.conf.js',
      '--single-run',
      '--no-colors',
    ]);
    const passed = Number(/^TOTAL: (\d+) SUCCESS$/m.exec(result.output)?.[1] ?? 0);
    console.log(`examples/karma: ${passed} passed in ${result.seconds.toFixed(1)} s`);
    assertRan('npx karma start', result);
    assert.ok(passed > 0, `no spec passed:\n${result.output}`);
    assert.doesNotMatch(result.output, /FAILED|SKIPPED/, result.output);
  });
});

/** The README's `## title` section: its text up to the next `## `. */
function section(readme, title) {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.notEqual(start, -1, `README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The fenced code blocks of a piece of Markdown, each as its text (with its final newline). */
const codeBlocks = (markdown) => [...markdown.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((match) => match[1]);

describe('the README shows the examples exactly', () => {
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  const sections = {
    'In a Playwright suite': [
      'examples/playwright/playwright.config.ts',
      'examples/playwright/global-setup.ts',
      'examples/playwright/emulator.spec.ts',
    ],
    'In Karma tests': ['examples/karma/karma.conf.js', 'examples/karma/emulator.spec.js'],
  };
  for (const [title, files] of Object.entries(sections)) {
    test(`"${title}": every block is the file its first line names`, () => {
      const shown = codeBlocks(section(readme, title)).map((block) => {
        const [first, ...rest] = block.split('\n');
        const file = /^\/\/ (examples\/\S+)$/.exec(first)?.[1];
        assert.ok(file, `a block of "${title}" does not start with a "// examples/…" line naming its file:\n${block}`);
        assert.equal(
          rest.join('\n'),
          readFileSync(join(pkg, file), 'utf8'),
          `README.md's ${file} differs from the file`,
        );
        return file;
      });
      assert.deepEqual(shown, files, `"${title}" should show these files, in this order`);
    });
  }

  test('"Seeding identities" shows examples/playwright/identities.json', () => {
    const [json] = codeBlocks(section(readme, 'Seeding identities'));
    assert.equal(json, readFileSync(join(examples, 'playwright/identities.json'), 'utf8'));
  });
});
