/*
 * The random requests of the emulator's fuzz (fast-check): random methods, paths, query strings, headers, cookies and
 * bodies, some of them built on a real session, flow and CSRF cookie so that the deeper code runs. `{{name}}` in any
 * generated string stands for a real value of the server it is sent to (`Real`, made by `prepareReal`). Shared by
 * the emulator's fuzz test and the differential suite's fuzz sample on both servers.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../http';
import { Browser, browserLogin, Json } from './client';

const ORIGIN = 'http://127.0.0.1:4200';

/** The server's real values a request may use: session token and cookie, CSRF cookie, flow ids, logout token. */
export type Real = Record<string, string>;

/**
 * Signs `email` in twice (api token, browser cookies) on the server at `base` and makes settings and login flows of
 * both kinds and a logout token: the values `{{…}}` stands for. Over HTTP only, so it works on any Kratos.
 */
export async function prepareReal(base: string, email: string, password: string): Promise<Real> {
  const client = new Browser(base);
  const loginFlow = (await client.get('/self-service/login/api')).body as Json;
  const token = (
    (await client.post(`/self-service/login?flow=${loginFlow.id}`, { method: 'password', identifier: email, password }))
      .body as Json
  ).session_token as string;
  const apiFlow = (await new Browser(base).get('/self-service/settings/api', { 'X-Session-Token': token }))
    .body as Json;
  const browser = new Browser(base);
  await browserLogin(browser, email, password);
  const browserFlow = (await browser.get('/self-service/settings/browser')).body as Json;
  const csrfName = [...browser.cookies.keys()].find((name) => name.startsWith('csrf_token_'))!;
  const loginApiFlow = (await new Browser(base).get('/self-service/login/api')).body as Json;
  const stranger = new Browser(base);
  stranger.cookies.set(csrfName, browser.cookies.get(csrfName)!);
  const loginBrowserFlow = (await stranger.get('/self-service/login/browser')).body as Json;
  const logout = (await browser.get('/self-service/logout/browser')).body as Json;
  const real: Real = {
    token,
    sessionCookie: decodeURIComponent(browser.cookies.get('ory_kratos_session')!),
    csrfName,
    csrf: decodeURIComponent(browser.cookies.get(csrfName)!),
    browserFlow: browserFlow.id,
    apiFlow: apiFlow.id,
    loginBrowserFlow: loginBrowserFlow.id,
    loginApiFlow: loginApiFlow.id,
    logoutToken: logout.logout_token,
  };
  for (const [name, value] of Object.entries(real)) assert.ok(value, `setup: no ${name}`);
  return real;
}

const resolveText = (text: string, real: Real): string =>
  text.replace(/\{\{(\w+)\}\}/g, (all, name: string) => real[name] ?? all);
const resolveDeep = (value: unknown, real: Real): unknown =>
  typeof value === 'string'
    ? resolveText(value, real)
    : Array.isArray(value)
      ? value.map((item) => resolveDeep(item, real))
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [resolveText(k, real), resolveDeep(v, real)]))
        : value;

/** Well-formed UTF-16 (lone surrogates become U+FFFD), so that encodeURIComponent cannot throw. */
const wellFormed = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

// ---- arbitraries -------------------------------------------------------------------------------------------------

/** Characters a header value may carry on the wire (tab, visible ASCII, space, obs-text). */
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
  .map((code) => String.fromCharCode(code));
const headerText = fc.string({ unit: headerChar, maxLength: 60 });
/**
 * Characters of a request target: visible ASCII. (Node's client sends up to U+00FF, but Node's server refuses bytes
 * above 0x7E before the emulator sees them; a few such targets are sent all the same.)
 */
const pathChar = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const percentGarbage = fc
  .array(
    fc.oneof(
      fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%0D%0A', '%C3%28', '%FF', '%2F', '%25', '%u2028', '+', '&', '='),
      fc.string({ unit: pathChar, maxLength: 4 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

const REAL_PATHS = [
  '/self-service/settings/browser',
  '/self-service/settings/api',
  '/self-service/settings/flows',
  '/self-service/settings',
  '/self-service/login/browser',
  '/self-service/login/api',
  '/self-service/login/flows',
  '/self-service/login',
  '/sessions/whoami',
  '/self-service/logout/browser',
  '/self-service/logout',
  '/self-service/logout/api',
  '/self-service/errors',
  '/.well-known/ory/webauthn.js',
  '/.well-known/change-password',
  '/oidc-provider/authorize',
  '/health/alive',
  '/self-service/methods/oidc/callback/emulated',
  '/ui/settings',
  '/ui/login',
  '/ui/error',
  '/ui/verification',
];

const path = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...REAL_PATHS) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string({ unit: pathChar, maxLength: 12 }).map((s) => `/self-service/methods/oidc/callback/${s}`),
      percentGarbage.map((s) => `/self-service/methods/oidc/callback/${s}`),
      fc.constantFrom(...REAL_PATHS).map((p) => p.toUpperCase()),
      fc.constantFrom(...REAL_PATHS).map((p) => `${p}/`),
      fc.constantFrom(...REAL_PATHS).map((p) => `/${p}`),
      fc.constantFrom(...REAL_PATHS).map((p) => `/self-service/../${p.slice(1)}`),
      fc.constantFrom(...REAL_PATHS).map((p) => `http://127.0.0.1:1${p}`),
      fc.constantFrom('*', '/', '//', '/%', '/..', '/ui/', '/self-service/settings%2Fbrowser', 'http://x:99999/'),
      fc.constantFrom('/health/alive?x=\u00e9', '/self-service/settings/flows?id=\u007f', '/\u00ff'),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.string({ unit: pathChar, maxLength: 10 }), percentGarbage), { minLength: 1, maxLength: 4 })
      .map((segments) => `/${segments.join('/')}`.replace(/[?#]/g, '')),
  },
);

const queryKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('flow', 'id', 'return_to', 'refresh', 'aal', 'token', 'state', 'code') },
  { weight: 1, arbitrary: anyText },
);
const queryValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{{browserFlow}}',
      '{{apiFlow}}',
      '{{loginBrowserFlow}}',
      '{{loginApiFlow}}',
      '{{logoutToken}}',
      '{{browserFlow}}'.toUpperCase(),
      '00000000-0000-0000-0000-000000000000',
      'true',
      'false',
      'aal1',
      'aal2',
      'aal3',
      '',
      'http://127.0.0.1:4200/after',
      'http://127.0.0.1:4200/',
      '/self-service/after',
      '//127.0.0.2/x',
      'javascript:alert(1)',
      'http://127.0.0.1:4200/a\r\nX-Evil: 1',
      'http://[::1',
      'http://127.0.0.1:99999/',
    ),
  },
  { weight: 3, arbitrary: anyText },
);
/** Encoded properly, raw, or percent garbage. */
const queryPair = fc.tuple(queryKey, queryValue, fc.constantFrom('encoded', 'raw', 'garbage'), percentGarbage);
const query = fc.array(queryPair, { maxLength: 4 });

const accept = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json, text/plain, */*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      '*/*',
      'text/*;q=0.9, application/json;q=0',
      'application/json;q=0.5, text/html;q=0.4',
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;q=1.2.3',
      'application/json;q=',
      ';;;,,,',
      '',
    ),
    headerText,
  ),
  { nil: undefined },
);
const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=UTF-8',
      'multipart/form-data; boundary=fuzz',
      'text/plain',
      'text/html',
      'application/xml',
      ';',
      '',
    ),
    headerText,
  ),
  { nil: undefined },
);
const cookieValue = fc.oneof(
  fc.string({ unit: headerChar, maxLength: 20 }).map((s) => s.replace(/[;\t]/g, '')),
  percentGarbage,
);
const cookie = fc.option(
  fc
    .array(
      fc.oneof(
        fc.tuple(
          fc.constant('ory_kratos_session'),
          fc.oneof(fc.constantFrom('{{sessionCookie}}', '{{token}}', '%E0%A4%A', ''), cookieValue),
        ),
        fc.tuple(fc.constant('{{csrfName}}'), fc.oneof(fc.constantFrom('{{csrf}}', '%E0%A4%A', ''), cookieValue)),
        fc.tuple(fc.constantFrom('csrf_token_', 'csrf_token_x', '__cf_bm', '', '=', ' '), cookieValue),
        fc.tuple(
          fc.string({ unit: headerChar, maxLength: 8 }).map((s) => s.replace(/[;=\t]/g, '')),
          cookieValue,
        ),
      ),
      { maxLength: 4 },
    )
    .chain((pairs) =>
      fc
        .constantFrom('; ', ';', ';;', ' ; ')
        .map((glue) => pairs.map(([name, value]) => `${name}=${value}`).join(glue)),
    ),
  { nil: undefined },
);
const sessionToken = fc.option(
  fc.oneof(fc.constantFrom('{{token}}', '', 'ory_st_x', '{{sessionCookie}}'), headerText),
  {
    nil: undefined,
  },
);
const authorization = fc.option(
  fc.oneof(fc.constantFrom('Bearer {{token}}', 'Bearer ', 'bearer {{token}}', 'Basic Zm9vOmJhcg=='), headerText),
  { nil: undefined },
);
const origin = fc.option(fc.oneof(fc.constantFrom(ORIGIN, 'http://127.0.0.2:4200', 'null', ''), headerText), {
  nil: undefined,
});
const secFetchMode = fc.option(fc.constantFrom('cors', 'navigate', 'same-origin', 'no-cors', 'websocket', 'CORS'), {
  nil: undefined,
});
const preflight = fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'x'), { nil: undefined });

const headers = fc.record({
  accept,
  contentType,
  cookie,
  sessionToken,
  authorization,
  origin,
  secFetchMode,
  preflight,
  csrfHeader: fc.option(fc.oneof(fc.constant('{{csrf}}'), headerText), { nil: undefined }),
});

/** Values a field of a submitted body may take. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{{csrf}}',
      'true',
      'false',
      '',
      'emulated',
      'github',
      'Lovelace-1815!',
      'abcdefghijk',
      'short',
      '123456',
      'ada@example.com',
      'not-an-email',
      '{"id":"x","rawId":"x","type":"public-key","response":{}}',
      '{not json',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(true, false, null, 0, -1, 1e308, '__proto__') },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { email: fc.oneof(fc.constant('ada@example.com'), anyText), name: fc.jsonValue({ maxDepth: 2 }) },
      { requiredKeys: [] },
    ),
  },
);
const FIELDS = [
  'password',
  'traits',
  'traits.email',
  'traits.name.first',
  'traits.name.last',
  'traits.name',
  'totp_code',
  'totp_unlink',
  'lookup_secret_reveal',
  'lookup_secret_regenerate',
  'lookup_secret_confirm',
  'lookup_secret_disable',
  'link',
  'unlink',
  'webauthn_register',
  'webauthn_register_displayname',
  'webauthn_remove',
  'passkey_settings_register',
  'passkey_remove',
  'identifier',
  'session_token',
  'flow',
  'upstream_parameters',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  '',
  '.',
  'a..b',
];
const METHODS_IN_BODY = ['password', 'profile', 'totp', 'lookup_secret', 'oidc', 'webauthn', 'passkey', 'code', 'x'];

/** A settings- or login-like body: a method, maybe the real CSRF token, and random fields. */
const submission = fc
  .tuple(
    fc.option(fc.oneof(fc.constantFrom(...METHODS_IN_BODY), anyText), { nil: undefined }),
    fc.option(fc.oneof(fc.constant('{{csrf}}'), anyText), { nil: undefined }),
    fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, anyText), fieldValue, {
      maxKeys: 4,
    }),
  )
  .map(([method, csrf, fields]) => {
    const body: Record<string, unknown> = { ...fields };
    if (method !== undefined) body['method'] = method;
    if (csrf !== undefined) body['csrf_token'] = csrf;
    return body;
  });

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, unknown> }
  | { kind: 'truncated'; value: unknown; at: number }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: readonly number[] }
  | { kind: 'multipart'; value: Record<string, unknown> }
  | { kind: 'huge'; size: number };

const body: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 12, arbitrary: submission.map((value) => ({ kind: 'json' as const, value })) },
  { weight: 6, arbitrary: submission.map((value) => ({ kind: 'form' as const, value })) },
  { weight: 2, arbitrary: submission.map((value) => ({ kind: 'multipart' as const, value })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(submission, fc.jsonValue({ maxDepth: 3 })), fc.nat({ max: 200 }))
      .map(([value, at]) => ({ kind: 'truncated' as const, value, at })),
  },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })) },
  {
    weight: 2,
    arbitrary: fc
      .anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true })
      .map((value) => ({ kind: 'json' as const, value })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom('', ' ', '\n', 'null', '[]', '""', '1', '{}', '{"method":"password",', '<a/>'),
        anyText.map((text) => `<!doctype html><html><body>${text}</body></html>`),
        anyText,
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
        fc.constantFrom([0xff, 0xfe], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      )
      .map((bytes) => ({ kind: 'bytes' as const, bytes })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(MAX_BODY_BYTES - 64, MAX_BODY_BYTES, MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 4096)
      .map((size) => ({ kind: 'huge' as const, size })),
  },
);

export interface Spec {
  method: string;
  path: string;
  query: [key: string, value: string, mode: 'encoded' | 'raw' | 'garbage', garbage: string][];
  headers: {
    accept?: string;
    contentType?: string;
    cookie?: string;
    sessionToken?: string;
    authorization?: string;
    origin?: string;
    secFetchMode?: string;
    preflight?: string;
    csrfHeader?: string;
  };
  body: BodySpec;
}

/** Anything at all. */
const randomSpec: fc.Arbitrary<Spec> = fc.record({
  method: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
    { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'get', 'FUZZ') },
  ),
  path,
  query,
  headers,
  body,
});

const BROWSER_SESSION = 'ory_kratos_session={{sessionCookie}}; {{csrfName}}={{csrf}}';
const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * Requests as a client would send them, on the real session, flows and CSRF cookie, with random bodies, and now and
 * then one header or the flow id swapped for a random one: these reach the strategies and the flow code.
 */
const deepSpec: fc.Arbitrary<Spec> = fc
  .record({
    kind: fc.constantFrom(
      'settings-browser',
      'settings-browser',
      'settings-browser',
      'settings-api',
      'settings-api',
      'settings-get',
      'settings-init',
      'login-browser',
      'login-api',
      'session',
    ),
    accept: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('application/json', 'application/json, text/plain, */*', NAVIGATION) },
      { weight: 1, arbitrary: accept },
    ),
    form: fc.boolean(),
    contentType: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: contentType }),
    body: fc.oneof(
      { weight: 8, arbitrary: submission.map((value) => ({ submission: value })) },
      { weight: 2, arbitrary: body.map((spec) => ({ spec })) },
    ),
    flow: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: queryValue }),
    extraQuery: fc.array(queryPair, { maxLength: 2 }),
    swap: fc.option(headers, { freq: 4, nil: undefined }),
    swapWhich: fc.constantFrom('cookie', 'sessionToken', 'origin', 'secFetchMode', 'csrfHeader', 'authorization'),
  })
  .map(({ kind, accept, form, contentType, body, flow, extraQuery, swap, swapWhich }): Spec => {
    const json = 'application/json';
    const type = contentType ?? (form ? 'application/x-www-form-urlencoded' : json);
    const encoded: BodySpec = 'spec' in body ? body.spec : { kind: form ? 'form' : 'json', value: body.submission };
    const base = (method: string, path: string, q: Spec['query'], h: Spec['headers'], b: BodySpec): Spec => ({
      method,
      path,
      query: [...q, ...extraQuery],
      headers: swap ? { ...h, [swapWhich]: swap[swapWhich] } : h,
      body: b,
    });
    const flowParam = (name: string, real: string): Spec['query'] => [[name, flow ?? real, 'encoded', '']];
    switch (kind) {
      case 'settings-browser':
        return base(
          'POST',
          '/self-service/settings',
          flowParam('flow', '{{browserFlow}}'),
          {
            accept,
            contentType: type,
            cookie: BROWSER_SESSION,
            secFetchMode: 'cors',
          },
          encoded,
        );
      case 'settings-api':
        return base(
          'POST',
          '/self-service/settings',
          flowParam('flow', '{{apiFlow}}'),
          {
            accept: json,
            contentType: type,
            sessionToken: '{{token}}',
          },
          encoded,
        );
      case 'settings-get':
        return base(
          'GET',
          '/self-service/settings/flows',
          flowParam('id', '{{browserFlow}}'),
          {
            accept,
            cookie: BROWSER_SESSION,
          },
          { kind: 'none' },
        );
      case 'settings-init':
        return base(
          'GET',
          form ? '/self-service/settings/browser' : '/self-service/settings/api',
          flowParam('return_to', 'http://127.0.0.1:4200/after'),
          form ? { accept, cookie: BROWSER_SESSION } : { accept, sessionToken: '{{token}}' },
          { kind: 'none' },
        );
      case 'login-browser':
        return base(
          'POST',
          '/self-service/login',
          flowParam('flow', '{{loginBrowserFlow}}'),
          {
            accept,
            contentType: type,
            cookie: '{{csrfName}}={{csrf}}',
          },
          encoded,
        );
      case 'login-api':
        return base(
          'POST',
          '/self-service/login',
          flowParam('flow', '{{loginApiFlow}}'),
          {
            accept: json,
            contentType: type,
          },
          encoded,
        );
      case 'session':
        return base(
          form ? 'GET' : 'DELETE',
          form ? '/sessions/whoami' : '/self-service/logout/api',
          [],
          form ? { accept, cookie: BROWSER_SESSION } : { accept: json, contentType: type },
          form ? { kind: 'none' } : encoded,
        );
    }
  });

/** A random request: anything at all, or one a client would send on the real session and flows, now and then bent. */
export const requestSpec = fc.oneof({ weight: 1, arbitrary: randomSpec }, { weight: 1, arbitrary: deepSpec });

// ---- sending -----------------------------------------------------------------------------------------------------

function encodeBody(spec: BodySpec, real: Real): Buffer | undefined {
  const json = (value: unknown) => {
    try {
      return JSON.stringify(resolveDeep(value, real)) ?? '';
    } catch {
      return String(value);
    }
  };
  const flat = (value: Record<string, unknown>) =>
    Object.entries(resolveDeep(value, real) as Record<string, unknown>).map(([key, v]): [string, string] => [
      wellFormed(key),
      wellFormed(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')),
    ]);
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'json':
      return Buffer.from(json(spec.value));
    case 'truncated':
      return Buffer.from(json(spec.value).slice(0, spec.at));
    case 'form':
      return Buffer.from(new URLSearchParams(flat(spec.value)).toString());
    case 'multipart':
      return Buffer.from(
        flat(spec.value)
          .map(([key, value]) => `--fuzz\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`)
          .join('') + '--fuzz--\r\n',
      );
    case 'text':
      return Buffer.from(spec.text);
    case 'bytes':
      return Buffer.from(spec.bytes);
    case 'huge': {
      const head = `{"method":"password","csrf_token":"${real['csrf']}","password":"`;
      return Buffer.from(head + 'x'.repeat(Math.max(0, spec.size - head.length - 2)) + '"}');
    }
  }
}

function target(spec: Spec, real: Real): string {
  const pairs = spec.query.map(([key, value, mode, garbage]) => {
    const k = wellFormed(resolveText(key, real));
    const v = wellFormed(resolveText(value, real));
    if (mode === 'garbage') return `${encodeURIComponent(k)}=${garbage}`;
    if (mode === 'raw') return `${k}=${v}`.replace(/[^\u0021-\u007e]/gu, (c) => encodeURIComponent(c));
    return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  });
  return pairs.length ? `${spec.path}?${pairs.join('&')}` : spec.path;
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
}

/** Sends `spec` to the server at `base`, with the `real` values of that server filled in. */
export function send(spec: Spec, base: string, real: Real, agent: Agent): Promise<Reply> {
  const url = new URL(base);
  const h = spec.headers;
  const headers: Record<string, string> = {};
  // Node's client refuses what no HTTP/1.1 header may carry (controls, DEL, code points above U+00FF).
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[name] = resolveText(value, real).replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
  };
  set('Accept', h.accept);
  set('Content-Type', h.contentType);
  set('Cookie', h.cookie);
  set('X-Session-Token', h.sessionToken);
  set('Authorization', h.authorization);
  set('Origin', h.origin);
  set('Sec-Fetch-Mode', h.secFetchMode);
  set('Access-Control-Request-Method', h.preflight);
  set('X-CSRF-Token', h.csrfHeader);
  const payload = encodeBody(spec.body, real);
  if (payload) headers['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: spec.method,
        path: target(spec, real),
        headers,
        agent,
        timeout: 15000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(payload);
  });
}
