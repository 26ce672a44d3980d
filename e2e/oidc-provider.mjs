// A small OpenID Connect provider on loopback for the OIDC link scenario on real Kratos, which Kratos's `generic`
// provider accepts: discovery, an authorize page with one "Continue" button (like the emulator's own provider page),
// the code exchange (client_secret_basic or _post, PKCE S256 when Kratos sends a challenge), userinfo, and a JWKS
// with an RS256 key made by node:crypto at start. One user: whoever the test says (`subject`, `email`, or later `signInAs`).
import { createHash, createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (value) => Buffer.from(value).toString('base64url');
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startOidcProvider({ subject = randomUUID(), email = 'linked@example.com' } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const client = { id: 'ngx-kratos-e2e', secret: randomBytes(16).toString('hex') };
  const codes = new Map(); // code → { nonce, challenge, redirectUri }
  const tokens = new Map(); // access token → claims
  let issuer = '';

  const sign = (claims) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
    return `${head}.${body}.${signature}`;
  };
  const json = (res, status, body) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify(body));

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      if (q.get('client_id') !== client.id || q.get('response_type') !== 'code' || !q.get('redirect_uri')) {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        nonce: q.get('nonce') ?? undefined,
        challenge: q.get('code_challenge') ?? undefined,
        redirectUri: q.get('redirect_uri'),
      });
      const back = new URL(q.get('redirect_uri'));
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state'));
      const href = escapeHtml(back.href);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return void res.end(
        `<!doctype html><title>Test OpenID provider</title><h1>Test OpenID provider</h1>` +
          `<p>Sign in as ${escapeHtml(email)}?</p><a id="continue" href="${href}">Continue</a>`,
      );
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      if (id !== client.id || secret !== client.secret) return json(res, 401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier');
      if (
        form.get('grant_type') !== 'authorization_code' ||
        !grant ||
        grant.redirectUri !== form.get('redirect_uri') ||
        (grant.challenge && (!verifier || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge))
      ) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: issuer,
        sub: subject,
        aud: client.id,
        iat: now,
        exp: now + 300,
        email,
        email_verified: true,
      };
      const accessToken = randomBytes(16).toString('hex');
      tokens.set(accessToken, claims);
      return json(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: sign({ ...claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) }),
      });
    }
    if (url.pathname === '/userinfo') {
      const claims = tokens.get(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
      if (!claims) return json(res, 401, { error: 'invalid_token' });
      return json(res, 200, { sub: claims.sub, email: claims.email, email_verified: true });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    clientId: client.id,
    clientSecret: client.secret,
    /** From now on the provider's one user is this one (a scenario's own subject and email). */
    signInAs(user) {
      ({ subject = randomUUID(), email } = user);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
