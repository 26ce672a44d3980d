#!/usr/bin/env node
// `npm run screenshots`: pictures of every flow page of the demo with the default theme (ngx-kratos/ui/theme.css), in
// the light and the dark colour scheme, written to docs/screenshots/<page>-<light|dark>.png for docs/theming.md.
// Builds the library, the emulator and the demo, starts the emulator and the demo through the end-to-end harness
// (e2e/harness.mjs), signs in where a page needs it, and stops everything at the end. `npm test` never runs it: it
// rewrites committed files. `KRATOS_SERVER=real` takes the pictures on real Kratos (built by `npm run kratos:build`).
// `npm run screenshots -- login settings` takes those pages only (a name that is none of them fails, with the names
// there are, before anything is built); `-- --no-build` uses dist/ as it is.
//
// THEME_PAGES is also what e2e/theme.e2e.test.mjs checks (colour contrast, no horizontal scroll), page by page.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'a-long-and-unusual-passphrase-1815';

/** Signs `login` in on the login page, then waits for the page Kratos sends it to (not the login page). */
async function signedIn(page, demo, login, { signIn }) {
  await page.goto(`${demo.app}/login`);
  await signIn(page, login.email, login.password);
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** grace's second factor: the AAL2 login with a code from her authenticator app. */
async function secondFactor(page, demo, grace) {
  await page.locator('input[name="totp_code"]').fill(await demo.totpCode(grace.totpSecret));
  await page.getByRole('button', { name: 'Use Authenticator' }).click();
}

/**
 * The pages, each opened in a fresh browser context by `open(page, demo, harness)` and left showing what the picture
 * shows. `harness` is e2e/harness.mjs (its `signIn`).
 */
export const THEME_PAGES = [
  {
    name: 'login',
    title: 'Sign in: the password, then a passkey and a provider, with "or" between them',
    async open(page, demo) {
      await page.goto(`${demo.app}/login`);
      await page.locator('.kratos-login input[name="identifier"]').waitFor();
    },
  },
  {
    name: 'login-error',
    title: 'Sign in after a wrong password: Kratos’s message in the form that was sent',
    async open(page, demo, harness) {
      const ada = await demo.identity('ada');
      await page.goto(`${demo.app}/login`);
      await harness.signIn(page, ada.email, 'not-the-password');
      await page.locator('.kratos-login .kratos-message--error').waitFor();
    },
  },
  {
    name: 'login-second-factor',
    title: 'The second factor: an authenticator app’s code (a one-time-code input), or a recovery code',
    async open(page, demo, harness) {
      const grace = await demo.identity('grace');
      await page.goto(`${demo.app}/settings`);
      await page.waitForURL(/\/login\?/);
      await harness.signIn(page, grace.email, grace.password);
      await page.locator('.kratos-login[data-kratos-screen="second-factor"] input[name="totp_code"]').waitFor();
    },
  },
  {
    name: 'registration',
    title: 'Create an account: the traits first (two-step registration), or a provider',
    async open(page, demo) {
      await page.goto(`${demo.app}/registration`);
      await page.locator('.kratos-registration input[name="traits.email"]').waitFor();
    },
  },
  {
    name: 'registration-password',
    title: 'Create an account, the second step: the password, and a way back',
    async open(page, demo) {
      await page.goto(`${demo.app}/registration`);
      const registration = page.locator('.kratos-registration');
      await registration.locator('input[name="traits.email"]').fill(demo.newEmail('screenshot'));
      await registration.locator('input[name="traits.name.first"]').fill('Ada');
      await registration.locator('[data-kratos-node-group="profile"]').getByRole('button').click();
      await registration.locator('input[name="password"]').waitFor();
    },
  },
  {
    name: 'recovery',
    title: 'Recover an account: the address',
    async open(page, demo) {
      await page.goto(`${demo.app}/recovery`);
      await page.locator('.kratos-recovery input[name="email"]').waitFor();
    },
  },
  {
    name: 'recovery-code',
    title: 'Recover an account: the code from the mail, with Kratos’s message and a button to send another',
    async open(page, demo) {
      const ada = await demo.identity('ada');
      await page.goto(`${demo.app}/recovery`);
      await page.locator('input[name="email"]').fill(ada.email);
      await page.locator('form:has(input[name="email"]) button[name="method"][value="code"]').click();
      await page.locator('.kratos-recovery input[name="code"]').waitFor();
    },
  },
  {
    name: 'verification',
    title: 'Verify an address: the address to send a code to',
    async open(page, demo) {
      await page.goto(`${demo.app}/verification`);
      await page.locator('.kratos-verification input[name="email"]').waitFor();
    },
  },
  {
    name: 'verification-code',
    title: 'Verify an address: a wrong code, and Kratos’s message beside the field',
    async open(page, demo) {
      const ada = await demo.identity('ada');
      await page.goto(`${demo.app}/verification`);
      await page.locator('input[name="email"]').fill(ada.email);
      await page.locator('form:has(input[name="email"]) button[name="method"][value="code"]').click();
      const code = page.locator('.kratos-verification input[name="code"]');
      await code.waitFor();
      await code.fill('000000');
      await page.locator('form:has(input[name="code"]) button[name="method"][value="code"]').click();
      await page.locator('.kratos-verification .kratos-message--error').waitFor();
    },
  },
  {
    name: 'settings',
    title: 'Settings (signed in): a card per section; an authenticator app to set up',
    async open(page, demo, harness) {
      await signedIn(page, demo, await demo.identity('ada'), harness);
      await page.goto(`${demo.app}/settings`);
      await page.locator('form[data-kratos-group="totp"] .kratos-image').waitFor();
    },
  },
  {
    name: 'settings-saved',
    title: 'Settings after a save: the success message in the section that was saved',
    async open(page, demo, harness) {
      await signedIn(page, demo, await demo.identity('ada'), harness);
      await page.goto(`${demo.app}/settings`);
      const profile = page.locator('form[data-kratos-group="profile"]');
      await profile.getByRole('button', { name: 'Save' }).click();
      await page.locator('[data-kratos-section="profile"] .kratos-message--success').waitFor();
    },
  },
  {
    name: 'settings-second-factor',
    title: 'Settings with an authenticator app linked: removing it is a destructive action',
    async open(page, demo, harness) {
      const grace = await demo.identity('grace');
      await page.goto(`${demo.app}/settings`);
      await page.waitForURL(/\/login\?/);
      await harness.signIn(page, grace.email, grace.password);
      await secondFactor(page, demo, grace);
      await page.waitForURL(/\/settings\?flow=/);
      await page.locator('button.kratos-button--danger[name="totp_unlink"]').waitFor();
    },
  },
  {
    name: 'error',
    title: 'The error page: Kratos’s stored error for ?id=',
    async open(page, demo) {
      await page.goto(`${demo.app}/error?id=stub:500`);
      await page.locator('.kratos-flow-error [data-kratos-detail="reference"]').waitFor();
    },
  },
];

/** Where the fonts and images of the page have settled, so that a picture or a measure is of the page as it stays. */
export async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

function build(label, args) {
  process.stdout.write(`━━ ${label}\n`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const { status } = spawnSync(npx, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (status !== 0) process.exit(status ?? 1);
}

async function main() {
  const skipBuild = process.argv.includes('--no-build');
  // Pages named on the command line: checked before anything is built, so that a typo is not a run of no pictures.
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const known = THEME_PAGES.map((entry) => entry.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(
      `screenshots: no page ${unknown.map((name) => `'${name}'`).join(', ')}; the pages are ${known.join(', ')}`,
    );
    process.exit(2);
  }
  if (!skipBuild) {
    build('building ngx-kratos', ['ng', 'build', 'ngx-kratos']);
    build('building the Kratos emulator', ['tsc', '-p', 'projects/kratos-emulator/tsconfig.json']);
    build('building the demo', ['ng', 'build', 'demo']);
  }
  const harness = await import('../e2e/harness.mjs');
  const out = join(root, 'docs/screenshots');
  mkdirSync(out, { recursive: true });
  const pages = THEME_PAGES.filter((entry) => only.length === 0 || only.includes(entry.name));
  const demo = await harness.startDemo({ privilegedMaxAge: 300, flowLifespan: 3600 });
  let failed = false;
  try {
    for (const entry of pages) {
      for (const colorScheme of ['light', 'dark']) {
        await demo.reset();
        const context = await demo.browser.newContext({ viewport: { width: 960, height: 720 }, colorScheme });
        try {
          const page = await context.newPage();
          await entry.open(page, demo, harness);
          await settled(page);
          // No caret, no hover: the picture of the page at rest. Focus stays where the flow put it (its ring shows).
          await page.mouse.move(0, 0);
          const file = join(out, `${entry.name}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage: true, caret: 'hide', animations: 'disabled' });
          console.log(`  ${entry.name}-${colorScheme}.png`);
        } catch (error) {
          failed = true;
          console.error(`  ${entry.name}-${colorScheme}: ${error.stack ?? error}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await demo.close();
  }
  console.log(failed ? 'some screenshots failed' : `${pages.length * 2} screenshots in docs/screenshots/`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
