// Part 2, round trips: how many requests reach Kratos for one settings navigation in the production demo, counted
// at the harness's proxy in front of the emulator (every request that reached it, whatever the browser did).
import { ensureBuilt, progress, table } from './lib.mjs';

export const USER = { email: 'ada@example.com', password: 'Lovelace-1815!' };

/** Signs in through the demo's own login page: /settings sends a signed-out user there and back with a flow. */
export async function signInThroughDemo(demo, page, signIn) {
  await page.goto(`${demo.app}/settings`);
  await page.waitForURL(/\/login\?/);
  await signIn(page, USER.email, USER.password);
  await page.waitForURL(/\/settings\?flow=/);
  await page.locator('form[data-kratos-group="profile"]').waitFor();
}

/** Clears the log, runs `navigate`, and returns the requests Kratos received meanwhile as "METHOD path". */
async function counted(demo, navigate) {
  await demo.clearRequests();
  await navigate();
  return (await demo.requests()).map((r) => `${r.method} ${r.path}`);
}

/** Runs part 2 and returns its text. */
export async function roundTrips({ skipBuild = false } = {}) {
  ensureBuilt(['demo', 'emulator'], { skipBuild });
  // Imported only now: the harness loads dist/kratos-emulator when it is imported.
  const { signIn, startDemo } = await import('../e2e/harness.mjs');
  progress('round trips: demo + emulator + Chromium…');
  const demo = await startDemo();
  try {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const form = page.locator('form[data-kratos-group="profile"]');
    await signInThroughDemo(demo, page, signIn);

    const fresh = await counted(demo, async () => {
      await page.goto(`${demo.app}/settings`);
      await page.waitForURL(/\/settings\?flow=/);
      await form.waitFor();
    });
    const reload = await counted(demo, async () => {
      await page.reload();
      await form.waitFor();
    });
    // In-app: from the home page (its whoami is the home page's, so it is made before the log is cleared) through
    // the nav link, as a user of a running app navigates.
    await page.goto(`${demo.app}/`);
    await page.getByTestId('who').waitFor();
    const inApp = await counted(demo, async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(/\/settings\?flow=/);
      await form.waitFor();
    });
    // The same page again, in the same document: Kratos's WebAuthn script is loaded once per page, so only the flow.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.getByTestId('who').waitFor();
    const again = await counted(demo, async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(/\/settings\?flow=/);
      await form.waitFor();
    });
    await context.close();

    // Login and registration, signed out, in a context of their own: the flow routes' one request per navigation.
    const guest = await demo.browser.newContext();
    const guestPage = await guest.newPage();
    const loginForm = guestPage.locator('.kratos-login form').first();
    const registrationForm = guestPage.locator('.kratos-registration form').first();
    const nav = guestPage.getByRole('navigation', { name: 'Main' });
    const loginFresh = await counted(demo, async () => {
      await guestPage.goto(`${demo.app}/login`);
      await guestPage.waitForURL(/\/login\?flow=/);
      await loginForm.waitFor();
    });
    const loginReload = await counted(demo, async () => {
      await guestPage.reload();
      await loginForm.waitFor();
    });
    const registrationInApp = await counted(demo, async () => {
      await nav.getByRole('link', { name: 'Create account' }).click();
      await guestPage.waitForURL(/\/registration\?flow=/);
      await registrationForm.waitFor();
    });
    const registrationReload = await counted(demo, async () => {
      await guestPage.reload();
      await registrationForm.waitFor();
    });
    const loginInApp = await counted(demo, async () => {
      await nav.getByRole('link', { name: 'Sign in' }).click();
      await guestPage.waitForURL(/\/login\?flow=/);
      await loginForm.waitFor();
    });
    const recoveryForm = guestPage.locator('.kratos-recovery form').first();
    const recoveryInApp = await counted(demo, async () => {
      await guestPage.locator('[data-kratos-link="recovery"]').click();
      await guestPage.waitForURL(/\/recovery\?flow=/);
      await recoveryForm.waitFor();
    });
    const recoveryReload = await counted(demo, async () => {
      await guestPage.reload();
      await recoveryForm.waitFor();
    });
    const verificationForm = guestPage.locator('.kratos-verification form').first();
    const verificationFresh = await counted(demo, async () => {
      await guestPage.goto(`${demo.app}/verification`);
      await guestPage.waitForURL(/\/verification\?flow=/);
      await verificationForm.waitFor();
    });
    const verificationReload = await counted(demo, async () => {
      await guestPage.reload();
      await verificationForm.waitFor();
    });
    const errorPage = await counted(demo, async () => {
      await guestPage.goto(`${demo.app}/error?id=stub:500`);
      await guestPage.locator('.kratos-flow-error').waitFor();
    });
    await guestPage.goto(`${demo.app}/login`);
    await loginForm.waitFor();
    // Signed in, /login: the login flow's create answers session_already_available, and the guard goes home.
    await signIn(guestPage, USER.email, USER.password);
    await guestPage.getByTestId('who').waitFor();
    const signedInLogin = await counted(demo, async () => {
      await guestPage.goto(`${demo.app}/login`);
      await guestPage.waitForURL((url) => url.pathname === '/');
      await guestPage.getByTestId('who').waitFor();
    });
    await guest.close();
    // The flow's own requests: Kratos's script and the header's whoami are counted under "all".
    const flowRequests = (requests) => requests.filter((r) => r.includes(' /self-service/')).length;
    const flowRows = [
      ['login, fresh: load /login (no ?flow)', loginFresh],
      ['login, reload /login?flow=…', loginReload],
      ['login, in-app: nav link → Sign in', loginInApp],
      ['registration, in-app: nav link → Create account', registrationInApp],
      ['registration, reload /registration?flow=…', registrationReload],
      ['recovery, in-app: "Forgot password?" on /login', recoveryInApp],
      ['recovery, reload /recovery?flow=…', recoveryReload],
      ['verification, fresh: load /verification (no ?flow)', verificationFresh],
      ['verification, reload /verification?flow=…', verificationReload],
      ['error page: load /error?id=… (Kratos’s error)', errorPage],
      ['signed in, load /login → home (the whoami is the header’s, which home shares)', signedInLogin],
    ].map(([name, requests]) => [name, flowRequests(requests), requests.length, requests.join(', ')]);

    // The settings flow's own requests, and all of them: a full page load adds the header's one whoami
    // (injectKratosSession(), shared by every page of the document) and Kratos's script.
    const measured = (name, requests) => [name, flowRequests(requests), requests.length, requests.join(', ')];
    const rows = [
      measured('fresh: load /settings (no ?flow)', fresh),
      measured('reload /settings?flow=…', reload),
      measured('in-app: nav link Home → Settings', inApp),
      measured('in-app again, same page', again),
      ['physical limit', 1, 1, 'one request must fetch or create the flow'],
      [
        'classic server-rendered pattern',
        2,
        3,
        'GET /sessions/whoami, GET /self-service/settings/browser, GET …/flows',
      ],
    ];
    return [
      '2. Round trips (Kratos requests per settings navigation, counted at the proxy in front of the emulator; production demo, signed in)',
      '',
      table(['navigation', 'flow requests', 'all', 'which'], rows, ['l', 'r', 'r', 'l']),
      '',
      "Kratos's WebAuthn script (the flow offers security keys and passkeys) is loaded once per page; Kratos sends it",
      'with `Cache-Control: private, no-cache, no-store, must-revalidate`, so each new page fetches it again.',
      '',
      '2b. Round trips per navigation of the other flows (signed out unless said; target 1 flow request)',
      '',
      table(['navigation', 'flow requests', 'all', 'which'], flowRows, ['l', 'r', 'r', 'l']),
    ].join('\n');
  } finally {
    await demo.close();
  }
}

/**
 * SSR first load: the server-rendered demo (dist/demo-ssr), signed in, loads /settings afresh. Requests are counted
 * as they leave the browser (to the app's /.ory) and at the proxy in front of the emulator (the server's and the
 * browser's together). Target: 0 from the browser, 1 in all.
 */
export async function ssrFirstLoad({ skipBuild = false } = {}) {
  ensureBuilt(['demo-ssr', 'emulator'], { skipBuild });
  const { signIn, startSsrDemo } = await import('../e2e/harness.mjs');
  progress('round trips: SSR demo + emulator + Chromium…');
  const demo = await startSsrDemo({ server: 'emulator' });
  try {
    const context = await demo.browser.newContext();
    const fromBrowser = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/.ory/')) fromBrowser.push(`${request.method()} ${url.pathname}`);
    });
    const page = await context.newPage();
    await page.goto(`${demo.app}/login`);
    await signIn(page, USER.email, USER.password);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('who').waitFor();
    fromBrowser.length = 0;
    await demo.clearRequests();
    await page.goto(`${demo.app}/settings`);
    await page.locator('form[data-kratos-group="profile"]').waitFor();
    await page.waitForURL(/\/settings\?flow=/);
    await page.waitForTimeout(500);
    const total = (await demo.requests()).map((r) => `${r.method} ${r.path}`);
    await context.close();
    const flows = (list) => list.filter((r) => r.includes(' /self-service/'));
    return [
      '2c. SSR first load (the server-rendered demo, signed in, a fresh load of /settings; target 0 / 1 flow requests)',
      '',
      table(
        ['requests to Kratos', 'flow requests', 'all', 'which'],
        [
          ['from the browser', flows(fromBrowser).length, fromBrowser.length, fromBrowser.join(', ') || '—'],
          ['in all (server + browser)', flows(total).length, total.length, total.join(', ')],
        ],
        ['l', 'r', 'r', 'l'],
      ),
      '',
      `SSR first load: browser requests / total Kratos requests = ${flows(fromBrowser).length} / ${flows(total).length} (flow requests)`,
    ].join('\n');
  } finally {
    await demo.close();
  }
}
