import { test, expect } from '@playwright/test';

const kratos = () => process.env.KRATOS_URL!; // set by global-setup.ts

test.beforeEach(async ({ request }) => {
  expect((await request.post(`${kratos()}/__emulator/reset`)).ok()).toBe(true);
});

test('a seeded identity signs in through the api login flow; a reset ends its session', async ({ request }) => {
  const flow = await (await request.get(`${kratos()}/self-service/login/api`)).json();
  const login = await request.post(flow.ui.action, {
    data: { method: 'password', identifier: 'lin@example.com', password: 'Correct-Horse-1!' },
  });
  expect(login.status()).toBe(200);
  const headers = { 'X-Session-Token': (await login.json()).session_token };

  const whoami = await request.get(`${kratos()}/sessions/whoami`, { headers });
  expect(whoami.status()).toBe(200);
  expect((await whoami.json()).identity.traits.email).toBe('lin@example.com');

  await request.post(`${kratos()}/__emulator/reset`);
  expect((await request.get(`${kratos()}/sessions/whoami`, { headers })).status()).toBe(401);
});

test('signed out, settings is refused; signed in through the browser flow, it opens', async ({ page }) => {
  const json = { Accept: 'application/json' };
  const refused = await page.request.get(`${kratos()}/self-service/settings/browser`, { headers: json });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.id).toBe('session_inactive');
  await page.goto(`${kratos()}/self-service/settings/browser`);
  await expect(page).toHaveURL(/\/ui\/login\?flow=/); // the emulator's placeholder login UI

  // Sign in with the page's cookies (page.request shares them), as the login UI's form would.
  const flow = await (await page.request.get(`${kratos()}/self-service/login/browser`, { headers: json })).json();
  const csrf = flow.ui.nodes.find((node: { attributes: { name?: string } }) => node.attributes.name === 'csrf_token');
  const login = await page.request.post(flow.ui.action, {
    headers: json,
    data: {
      method: 'password',
      identifier: 'lin@example.com',
      password: 'Correct-Horse-1!',
      csrf_token: csrf.attributes.value,
    },
  });
  expect(login.status()).toBe(200);

  await page.goto(`${kratos()}/self-service/settings/browser`);
  await expect(page).toHaveURL(/\/ui\/settings\?flow=/);
});
