// The default theme (ngx-kratos/ui/theme.css, which the demo imports) checked, not only looked at: every flow page of
// the demo (the pages of `npm run screenshots`, scripts/screenshots.mjs) with axe-core's colour-contrast rule at zero
// violations in the light and the dark colour scheme, and no horizontal scroll at 320 px wide, left to right and with
// dir="rtl" on <html>. On the emulator or on real Kratos (`KRATOS_SERVER=real`), like the other end-to-end files.
//   node --test e2e/theme.e2e.test.mjs      (after `ng build ngx-kratos`, `ng build demo` and the emulator's build)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { settled, THEME_PAGES } from '../scripts/screenshots.mjs';
import * as harness from './harness.mjs';
import { browserSuite } from './suite.mjs';

const s = browserSuite({ label: 'theme', demoOptions: { privilegedMaxAge: 300, flowLifespan: 3600 } });
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDE = { width: 1024, height: 768 };
const NARROW = { width: 320, height: 640 };

/**
 * axe-core's colour-contrast rule on the whole page, as it is now: its violations, one line per element, and how many
 * elements it could not judge ("incomplete": an overlap, a background image), which the run prints so that a page
 * whose text axe cannot measure does not pass unseen.
 */
async function contrastViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } }),
  );
  const incomplete = results.incomplete.flatMap((rule) => rule.nodes.map((node) => node.target.join(' ')));
  if (incomplete.length) console.log(`  axe could not judge ${incomplete.length}: ${incomplete.join(', ')}`);
  assert.ok(results.passes.length + results.violations.length > 0, 'axe checked the contrast of some text');
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`),
  );
}

/** How wide the document is (its scroll width) and how wide the window is. */
const widths = (page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

/** The elements wider than the window, for a failure's message. */
const overflowing = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.right > innerWidth + 0.5 || box.left < -0.5;
      })
      .slice(0, 10)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`),
  );

for (const entry of THEME_PAGES) {
  s.scenario(`theme: ${entry.name}, colour contrast in both schemes, no horizontal scroll at 320 px`, async () => {
    const page = s.page;
    await page.setViewportSize(WIDE);
    await page.emulateMedia({ colorScheme: 'light' });
    await entry.open(page, s.demo, harness);
    await settled(page);
    assert.equal((await page.locator('.kratos-flow').count()) > 0, true, 'the page shows a flow');

    const report = [];
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      // The buttons' colour transitions run to their end: axe reads the colours the user reads.
      await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      const scheme = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--kratos-color-scheme').trim(),
      );
      assert.equal(scheme, colorScheme, `the theme's ${colorScheme} set applies`);
      const violations = await contrastViolations(page);
      console.log(`${entry.name} (${colorScheme}): ${violations.length} colour-contrast violations`);
      for (const line of violations) console.log(`  ${line}`);
      report.push(...violations.map((line) => `${colorScheme}: ${line}`));
    }
    assert.deepEqual(report, [], `colour-contrast violations on ${entry.name}`);

    await page.setViewportSize(NARROW);
    for (const dir of ['ltr', 'rtl']) {
      await page.evaluate((value) => document.documentElement.setAttribute('dir', value), dir);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const { scroll, client } = await widths(page);
      console.log(`${entry.name} at 320 px (${dir}): scrollWidth ${scroll}, clientWidth ${client}`);
      // Against the window's own width (320 px less a scrollbar, where one shows), not the constant.
      assert.ok(scroll <= client, `${entry.name} (${dir}) scrolls sideways: ${scroll} px; ${await overflowing(page)}`);
    }
  });
}

s.scenario('theme: the login page has the "or" divider and a provider button named after the provider', async () => {
  await s.page.goto(`${s.demo.app}/login`);
  const provider = s.page.locator('.kratos-login button.kratos-button--provider[data-kratos-provider]');
  await provider.first().waitFor();
  assert.match(await provider.first().textContent(), new RegExp(s.demo.oidc.label));
  assert.equal(
    await s.page
      .locator('.kratos-login .kratos-divider')
      .first()
      .textContent()
      .then((t) => t.trim()),
    'or',
  );
});

test('theme.css: the dark set under prefers-color-scheme and the one for data-kratos-theme="dark" are the same', () => {
  const css = readFileSync(new URL('../projects/ngx-kratos/ui/theme.css', import.meta.url), 'utf8').replace(
    /\/\*[\s\S]*?\*\//g,
    '',
  );
  const block = (selector) => {
    const start = css.indexOf(`${selector} {`);
    assert.ok(start >= 0, `theme.css has ${selector}`);
    const body = css.slice(start + selector.length + 2, css.indexOf('}', start));
    return body
      .split(';')
      .map((line) => line.trim())
      .filter(Boolean);
  };
  const light = block(':root').map((line) => line.split(':')[0]);
  const system = block(":root:where(:not([data-kratos-theme='light']))");
  const chosen = block(":root:where([data-kratos-theme='dark'])");
  assert.deepEqual(chosen, system);
  for (const line of system) assert.ok(light.includes(line.split(':')[0]), `${line} has a light value too`);
});
