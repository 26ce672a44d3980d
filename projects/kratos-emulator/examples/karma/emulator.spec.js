/* global __karma__ */
const args = __karma__.config.args;
const kratosUrl = args[args.indexOf('--kratos-url') + 1];
const json = { Accept: 'application/json', 'Content-Type': 'application/json' };

describe('the Kratos emulator, from the browser', () => {
  beforeEach(async () => {
    expect((await fetch(`${kratosUrl}/__emulator/reset`, { method: 'POST' })).ok).toBe(true);
  });

  it('has no session before sign-in', async () => {
    const answer = await fetch(`${kratosUrl}/sessions/whoami`, { credentials: 'include' });
    expect(answer.status).toBe(401);
  });

  it('signs in through the browser login flow, with cookies across origins', async () => {
    const created = await fetch(`${kratosUrl}/self-service/login/browser`, { headers: json, credentials: 'include' });
    expect(created.status).toBe(200);
    const flow = await created.json();
    const csrf = flow.ui.nodes.find((node) => node.attributes.name === 'csrf_token').attributes.value;

    const login = await fetch(flow.ui.action, {
      method: 'POST',
      headers: json,
      credentials: 'include',
      body: JSON.stringify({
        method: 'password',
        identifier: 'ada@example.com',
        password: 'Lovelace-1815!',
        csrf_token: csrf,
      }),
    });
    expect(login.status).toBe(200);

    const whoami = await fetch(`${kratosUrl}/sessions/whoami`, { credentials: 'include' });
    expect(whoami.status).toBe(200);
    expect((await whoami.json()).identity.traits.email).toBe('ada@example.com');
  });
});
