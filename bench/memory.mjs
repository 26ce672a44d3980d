// Part 3, memory: the JS heap of a real Chromium page (Chrome DevTools Protocol) before and after many create/cancel
// cycles of SettingsFlowService and many navigations to and from the demo's settings page, each after forced GCs,
// plus the emulator's count of requests still open at the end (a cancel that does not abort would leave them open).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { APP_BUILD, ensureBuilt, linkerPlugin, ngxKratosResolver, outDir, progress, root, table } from './lib.mjs';
import { signInThroughDemo } from './round-trips.mjs';

const CYCLES = 1000;
const NAVIGATIONS = 200;
/** The emulator's artificial delay during create/cancel, so that every cancel happens while the request is in flight. */
const LATENCY_MS = 200;
const CANCEL_AFTER_MS = 20;
/** The longest wait for the emulator's open requests to drain at the end of a phase. */
const SETTLE_MS = 3000;
/** Warm-up before the start figure, so that one-time allocations (lazy code, caches, JIT) are not counted as growth. */
const WARM_UP = { cycles: 20, navigations: 5 };

/**
 * Bundles bench/memory-page/main.ts for the browser. Unlike part 1, Angular and rxjs are bundled in (the page is a
 * whole app), so the linker also runs over Angular's own partial-compiled packages, as in an app build.
 */
async function buildMemoryPage() {
  const dir = join(outDir, 'memory-page');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'bench.js');
  await build({
    ...APP_BUILD,
    entryPoints: [join(root, 'bench/memory-page/main.ts')],
    outfile,
    plugins: [ngxKratosResolver(), (await linkerPlugin()).plugin],
  });
  return { '/bench.html': join(root, 'bench/memory-page/bench.html'), '/bench.js': outfile };
}

/** Heap used after GC, in bytes: several collections with pauses, until two readings agree (or five tries). */
async function heapAfterGc(cdp) {
  let previous = Number.NaN;
  for (let i = 0; i < 5; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((done) => setTimeout(done, 100));
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    if (usedSize === previous) break;
    previous = usedSize;
  }
  return previous;
}

/** The emulator's `stats` and `latency` test controls (the bench needs the emulator, not a real Kratos). */
function emulatorControls(kratosUrl) {
  const control = (path, init) => fetch(`${kratosUrl}/__emulator${path}`, init);
  const stats = async () => (await control('/stats')).json();
  const latency = async (ms) => {
    const answer = await control('/latency', { method: 'POST', body: JSON.stringify({ ms }) });
    if (!answer.ok) throw new Error(`bench: POST /__emulator/latency answered ${answer.status}`);
  };
  return { stats, latency };
}

/**
 * Runs in the page: `n` times, click the nav link to Settings and wait until the settings form is visible, then the
 * one to Home and wait until the home page shows who is signed in. The loop runs inside the page rather than through
 * Playwright locators because Playwright's injected script lives in the same V8 heap, and per-step locator work
 * would be measured with the app (and take twice as long).
 */
async function roundTripsInPage(n) {
  const until = (ready) =>
    new Promise((resolve, reject) => {
      const since = performance.now();
      const poll = () => {
        if (ready()) resolve();
        else if (performance.now() - since > 15_000) reject(new Error(`bench: timed out waiting for ${ready}`));
        else setTimeout(poll, 2);
      };
      poll();
    });
  const link = (name) =>
    [...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent.trim() === name);
  for (let i = 0; i < n; i++) {
    link('Settings').click();
    await until(() => document.querySelector('form[data-kratos-group="profile"]')?.checkVisibility() === true);
    link('Home').click();
    await until(() => /Signed in/.test(document.querySelector('[data-testid="who"]')?.textContent ?? ''));
  }
}

/** The growth per cycle or round trip, in bytes. */
const perStep = (bytes, steps) => `${bytes >= 0 ? '+' : ''}${Math.round(bytes / steps)}`;
const kib = (bytes) => (bytes / 1024).toFixed(0);
const signedKib = (bytes) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)}`;

const JIT_OFF = '--js-flags=--no-opt --no-maglev --no-sparkplug';

/** Phase B in one browser: warm-up, then heap after GC at the start, half way and the end of the navigations. */
async function navigationPhase(demo, page, cdp, settle, label) {
  await page.goto(`${demo.app}/`);
  await page.getByTestId('who').filter({ hasText: 'Signed in' }).waitFor();
  await page.evaluate(roundTripsInPage, WARM_UP.navigations);
  const start = await heapAfterGc(cdp);
  await page.evaluate(roundTripsInPage, NAVIGATIONS / 2);
  const mid = await heapAfterGc(cdp);
  await page.evaluate(roundTripsInPage, NAVIGATIONS / 2);
  const open = await settle();
  const end = await heapAfterGc(cdp);
  return [
    `${NAVIGATIONS} × Home → Settings → Home (demo, nav links; ${label})`,
    kib(start),
    kib(end),
    signedKib(end - start),
    `${signedKib(mid - start)} / ${signedKib(end - mid)}`,
    perStep(end - start, NAVIGATIONS),
    open,
  ];
}

/** Runs part 3 and returns its text. */
export async function memory({ skipBuild = false } = {}) {
  ensureBuilt(['lib', 'demo', 'emulator'], { skipBuild });
  progress('memory: bundling the bench page…');
  const extraFiles = await buildMemoryPage();
  const { launchChromium, signIn, startDemo } = await import('../e2e/harness.mjs');
  progress('memory: demo + emulator + Chromium…');
  // The demo's default setup, as `npm start` runs it: Kratos behind the same-origin `/.ory` proxy, which aborts its
  // upstream request when the browser aborts (so the emulator sees each cancel as a real proxy would pass it on).
  const demo = await startDemo({ extraFiles });
  try {
    const controls = emulatorControls(demo.kratos.url);
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // The session cookie is the demo origin's, which the bench page shares: sign in through the demo first.
    await signInThroughDemo(demo, page, signIn);
    /**
     * Open requests at the end: polled every 100 ms until none is open or SETTLE_MS has passed (requests still in
     * their artificial delay, or whose abort has not reached the emulator yet, drain within it); with the time it took.
     */
    const settle = async () => {
      const since = Date.now();
      let { open } = await controls.stats();
      while (open > 0 && Date.now() - since < SETTLE_MS) {
        await new Promise((done) => setTimeout(done, 100));
        ({ open } = await controls.stats());
      }
      return `${open} (${((Date.now() - since) / 1000).toFixed(1)} s)`;
    };
    const rows = [];

    // Phase A: create/cancel cycles on the bench page.
    await page.goto(`${demo.app}/bench.html`);
    await page.waitForFunction(() => window.bench?.ready === true);
    const flowId = await page.evaluate(() => window.bench.flowId());
    if (!/^[0-9a-f-]{36}$/.test(flowId)) throw new Error(`bench: the bench page got no flow (${flowId})`);
    await controls.latency(LATENCY_MS);
    progress(`memory: ${CYCLES} create/cancel cycles…`);
    await page.evaluate(({ n, after }) => window.bench.cycles(n, after), { n: WARM_UP.cycles, after: CANCEL_AFTER_MS });
    await settle(); // the warm-up's requests still in their delay would otherwise be counted as served below
    const servedBefore = (await controls.stats()).served;
    const startA = await heapAfterGc(cdp);
    const cycles = (n) => page.evaluate(({ n, after }) => window.bench.cycles(n, after), { n, after: CANCEL_AFTER_MS });
    await cycles(CYCLES / 2);
    const midA = await heapAfterGc(cdp);
    const seen = await cycles(CYCLES / 2);
    await controls.latency(0);
    const openA = await settle();
    const endA = await heapAfterGc(cdp);
    const servedA = (await controls.stats()).served - servedBefore;
    rows.push([
      `${CYCLES} createBrowserFlow create/cancel (${LATENCY_MS} ms latency, cancel at ${CANCEL_AFTER_MS} ms)`,
      kib(startA),
      kib(endA),
      signedKib(endA - startA),
      `${signedKib(midA - startA)} / ${signedKib(endA - midA)}`,
      perStep(endA - startA, CYCLES),
      openA,
    ]);

    // Phase B: navigations in the demo through its nav links; then the same in a Chromium with V8's optimizing
    // compilers off, where compiled code cannot grow, so what remains is objects the app keeps.
    progress(`memory: ${NAVIGATIONS} navigations to and from /settings…`);
    rows.push(await navigationPhase(demo, page, cdp, settle, 'JIT on'));
    const jitless = await launchChromium([JIT_OFF]);
    try {
      progress(`memory: ${NAVIGATIONS} navigations again, JIT off…`);
      const jitlessContext = await jitless.newContext();
      const jitlessPage = await jitlessContext.newPage();
      await signInThroughDemo(demo, jitlessPage, signIn);
      rows.push(
        await navigationPhase(demo, jitlessPage, await jitlessContext.newCDPSession(jitlessPage), settle, 'JIT off'),
      );
    } finally {
      await jitless.close();
    }
    await context.close();

    return [
      `3. Memory (Chromium JS heap used after forced GC, via CDP; emulator requests open at the end, ≤ ${SETTLE_MS / 1000} s to drain)`,
      '',
      table(['phase', 'start KiB', 'end KiB', 'Δ KiB', 'Δ 1st/2nd half', 'Δ B/step', 'open at end (settle)'], rows),
      '',
      'A leak grows by the same amount in both halves; one-time growth (caches, compiled code) shrinks in the second.',
      `JIT off: Chromium with --js-flags="${JIT_OFF.slice('--js-flags='.length)}": no optimized code is made, so only`,
      'objects the app keeps could grow.',
      "Kratos reached through the demo origin's /.ory proxy (the `npm start` setup).",
      `warm-up before each start figure: ${WARM_UP.cycles} cycles / ${WARM_UP.navigations} round trips; ` +
        `create/cancel: ${seen.answered} answered before their cancel, ${seen.errors} errors; ` +
        `the emulator answered ${servedA} of these ${CYCLES} requests`,
    ].join('\n');
  } finally {
    await demo.close();
  }
}
