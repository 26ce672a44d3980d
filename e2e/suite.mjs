// What every end-to-end file shares: one Chromium and one demo (with its Kratos) for the file, a fresh browser context
// and page per scenario, a clean emulator before each, a screenshot of where each scenario ended in
// e2e/screenshots/ (git-ignored), and demos of their own for scenarios that need other settings. Everything stops when
// the file ends, also on failure.
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { launchChromium, REAL_UNAVAILABLE, SERVER_LABEL, startDemo } from './harness.mjs';

const SHOTS = new URL('./screenshots/', import.meta.url);

/**
 * Registers the file's hooks and returns its state: `browser`, `demo`, `context` and `page` (set before each scenario),
 * `scenario(name, fn)` (a test named with the server and `label`, skipped with the reason when real Kratos cannot be
 * had here and CI does not require it) and `ownDemo(options, body)`. `demoOptions` configure the file's demo.
 */
export function browserSuite({ label = '', demoOptions = {} } = {}) {
  const unavailable = REAL_UNAVAILABLE;
  const suite = {
    browser: undefined,
    demo: undefined,
    context: undefined,
    page: undefined,
    scenario: (name, fn) => test(`${name} [${SERVER_LABEL}${label ? `; ${label}` : ''}]`, { skip: unavailable }, fn),
    /** A demo of its own for one scenario (other lifespans, cross-origin, the NgModule build), on the shared browser. */
    async ownDemo(options, body) {
      const own = await startDemo({ browser: suite.browser, ...options });
      const ownContext = await suite.browser.newContext();
      try {
        suite.page = await ownContext.newPage();
        await body(own, suite.page);
      } finally {
        await screenshot(); // before its servers stop
        suite.page = undefined;
        await ownContext.close();
        await own.close();
      }
    },
  };
  mkdirSync(SHOTS, { recursive: true });
  let current = '';
  const screenshot = async () => {
    const name = current
      .replace(/[^A-Za-z0-9]+/g, '-')
      .slice(0, 80)
      .replace(/-+$/, '');
    await suite.page
      ?.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true })
      .catch(() => undefined);
  };
  before(async () => {
    if (unavailable) return;
    suite.browser = await launchChromium();
    suite.demo = await startDemo({ browser: suite.browser, ...demoOptions });
  });
  after(async () => {
    try {
      await suite.demo?.close();
    } finally {
      await suite.browser?.close();
    }
  });
  beforeEach((t) => void (current = t.name));
  afterEach(screenshot);
  beforeEach(async () => {
    if (unavailable) return;
    await suite.demo.reset();
    await suite.context?.close();
    suite.context = await suite.browser.newContext();
    suite.page = await suite.context.newPage();
  });
  return suite;
}
