// ngx-kratos/ssr's createKratosProxy, built, on loopback: in front of a fake upstream (node:http, or raw bytes over
// node:net where a header must be exactly what a test says) for its rules, and in front of the emulator or real
// Kratos v1.3.1 (`KRATOS_SERVER=real`) for the flows. Sections (§) are docs/kratos-protocol.md's.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { createKratosProxy, DEFAULT_KRATOS_PROXY_PATHS } = await import(
  pathToFileURL(join(workspace, 'dist/ngx-kratos/fesm2022/ngx-kratos-ssr.mjs')).href
);
const { REAL_UNAVAILABLE, SERVER_LABEL, startTestServer } = await import(
  pathToFileURL(join(workspace, 'tools/kratos/test-server.mjs')).href
);

// The library's own list of open-redirect payloads, transpiled from its source at test time (one list).
const payloadSource = readFileSync(
  join(workspace, 'projects/ngx-kratos/src/testing/open-redirect-payloads.ts'),
  'utf8',
);
const { OPEN_REDIRECT_PAYLOADS } = await import(
  `data:text/javascript;base64,${Buffer.from(
    ts.transpileModule(payloadSource, { compilerOptions: { module: ts.ModuleKind.ESNext } }).outputText,
  ).toString('base64')}`
);

// ── Servers: every one started here is closed after the suite ─────────────────────────────────────────────────

const servers = new Set();
after(async () => {
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((done) => server.close(() => done()));
  }
});

async function listen(server) {
  servers.add(server);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${server.address().port}`;
}

/** A fake Kratos on node:http: `reply(req, res)` answers; `seen` lists what reached it. */
async function fakeUpstream(reply = (req, res) => res.end('ok')) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders });
    reply(req, res);
  });
  return { url: await listen(server), seen, server };
}

/** A fake Kratos that writes `response(req)` as raw bytes, so that a header is exactly the test's. */
async function rawUpstream(response) {
  const seen = [];
  const server = createNetServer((socket) => {
    socket.once('data', (chunk) => {
      seen.push(chunk.toString('latin1').split('\r\n')[0]);
      socket.end(response(), 'latin1');
    });
    socket.on('error', () => undefined);
  });
  return { url: await listen(server), seen, server };
}

/** The proxy on its own node:http server; `next` is passed on when given. */
async function proxyOn(options, { next } = {}) {
  const handle = createKratosProxy({ prefix: '/.ory', ...options });
  const server = createServer((req, res) => handle(req, res, next && (() => next(req, res))));
  const url = await listen(server);
  return { url, port: server.address().port, server };
}

/** One request through node:http: `{ status, headers, body }`, never following a redirect. */
function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Raw bytes to `port`, the answer's status and text once the server closes (`Connection: close`). */
function raw(port, text) {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text, 'latin1'));
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const answer = Buffer.concat(chunks).toString('latin1');
      done({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), text: answer });
    });
    socket.on('error', fail);
  });
}

const rawGet = (port, target, extra = '') =>
  raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`);

// ── Options ──────────────────────────────────────────────────────────────────────────────────────────────────

test('options are checked when the proxy is made, each with the option named', () => {
  for (const [options, name] of [
    [{ kratosUrl: 'not a url' }, /kratosUrl/],
    [{ kratosUrl: 'ftp://127.0.0.1/' }, /kratosUrl/],
    [{ kratosUrl: 'http://user:pw@127.0.0.1/' }, /kratosUrl/],
    [{ kratosUrl: 'http://127.0.0.1/', prefix: '/.ory/../admin' }, /prefix/],
    [{ kratosUrl: 'http://127.0.0.1/', prefix: 'ory' }, /prefix/],
    [{ kratosUrl: 'http://127.0.0.1/', paths: ['self-service/'] }, /paths/],
    [{ kratosUrl: 'http://127.0.0.1/', paths: ['//evil.example/'] }, /paths/],
    [{ kratosUrl: 'http://127.0.0.1/', cookieDomain: 'example.com; HttpOnly' }, /cookieDomain/],
  ]) {
    assert.throws(
      () => createKratosProxy(options),
      (error) => error instanceof TypeError && name.test(error.message),
    );
  }
  assert.deepEqual([...DEFAULT_KRATOS_PROXY_PATHS], ['/self-service/', '/sessions/whoami', '/.well-known/ory/']);
});

// ── Request headers ──────────────────────────────────────────────────────────────────────────────────────────

describe('request headers', () => {
  test('only the allow-list reaches Kratos, with Kratos own Host and the X-Forwarded-* the proxy sets', async () => {
    const upstream = await fakeUpstream();
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const sent = {
      Accept: 'application/json',
      'Accept-Language': 'de',
      Cookie: 'csrf_token_x=1; ory_kratos_session=2',
      'Content-Type': 'application/json',
      Origin: proxy.url,
      Referer: `${proxy.url}/login`,
      'User-Agent': 'test-agent',
      'X-Request-ID': 'req-1',
      'X-Session-Token': 'tok',
      Authorization: 'Bearer tok',
      'X-CSRF-Token': 'csrf',
      // None of these may pass.
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-For': '203.0.113.9',
      'X-Forwarded-Proto': 'https',
      Forwarded: 'host=evil.example;proto=https',
      'X-Real-IP': '203.0.113.9',
      'X-Original-URL': '/admin/identities',
      'X-Rewrite-URL': '/admin/identities',
      'Proxy-Authorization': 'Basic eA==',
      'Accept-Encoding': 'gzip',
    };
    const answer = await send(`${proxy.url}/.ory/self-service/login/browser?return_to=x`, {
      method: 'POST',
      headers: sent,
      body: '{}',
    });
    assert.equal(answer.status, 200);
    const [seen] = upstream.seen;
    assert.equal(seen.url, '/self-service/login/browser?return_to=x');
    assert.deepEqual(Object.keys(seen.headers).sort(), [
      'accept',
      'accept-language',
      'authorization',
      'connection',
      'content-length',
      'content-type',
      'cookie',
      'host',
      'origin',
      'referer',
      'user-agent',
      'x-csrf-token',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-proto',
      'x-request-id',
      'x-session-token',
    ]);
    assert.equal(seen.headers.host, new URL(upstream.url).host);
    assert.equal(seen.headers['x-forwarded-host'], `127.0.0.1:${proxy.port}`);
    assert.equal(seen.headers['x-forwarded-proto'], 'http', "an untrusted client's X-Forwarded-Proto is ignored");
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen.headers.origin, proxy.url, 'Origin as the browser sent it (§1.2)');
    assert.equal(seen.headers['content-length'], '2');
  });

  test("trustProxy believes the nearest proxy's X-Forwarded-Proto and keeps its X-Forwarded-For chain, never its X-Forwarded-Host", async () => {
    const upstream = await fakeUpstream();
    const proxy = await proxyOn({ kratosUrl: upstream.url, trustProxy: true });
    await send(`${proxy.url}/.ory/sessions/whoami`, {
      headers: {
        'X-Forwarded-Proto': 'http, https',
        'X-Forwarded-For': '203.0.113.9',
        'X-Forwarded-Host': 'evil.example',
      },
    });
    const [seen] = upstream.seen;
    assert.equal(seen.headers['x-forwarded-proto'], 'https');
    assert.equal(seen.headers['x-forwarded-for'], '203.0.113.9, 127.0.0.1');
    assert.equal(seen.headers['x-forwarded-host'], `127.0.0.1:${proxy.port}`);
  });

  test('header smuggling: CR/LF in a value, a bare CR, duplicate Host, Content-Length with Transfer-Encoding', async () => {
    const upstream = await fakeUpstream();
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const path = '/.ory/sessions/whoami';
    // CRLF inside a value ends the header: what follows is a header of its own, and a client X-Forwarded-Host is
    // dropped like any other.
    const split = await raw(
      proxy.port,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nX-Request-ID: a\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(split.status, 200);
    assert.equal(upstream.seen.length, 1);
    assert.equal(upstream.seen[0].headers['x-forwarded-host'], `127.0.0.1:${proxy.port}`);
    assert.ok(!upstream.seen[0].rawHeaders.includes('evil.example'));
    upstream.seen.length = 0;

    const refused = [
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nX-Request-ID: a\rX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nX-Request-ID: a\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nX-Request-ID: a\0b\r\nConnection: close\r\n\r\n`,
    ];
    for (const text of refused) {
      const answer = await raw(proxy.port, text);
      assert.equal(answer.status, 400, JSON.stringify(text));
    }
    assert.deepEqual(upstream.seen, [], 'none of them reached Kratos');
  });
});

// ── Paths ────────────────────────────────────────────────────────────────────────────────────────────────────

describe('paths', () => {
  const safeUpstreamPath = (url) => {
    const path = url.split('?')[0];
    return (
      /^\/(?:self-service\/|sessions\/whoami$|\.well-known\/ory\/)/.test(path) &&
      !/\/\/|\\|(?:^|\/)\.\.?(?:\/|$)|%2e|%2f|%5c/i.test(path)
    );
  };

  test('everything outside the prefix and the allow-list is refused with a 404, or next() when given', async () => {
    const upstream = await fakeUpstream();
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const nexted = [];
    const withNext = await proxyOn(
      { kratosUrl: upstream.url },
      { next: (req, res) => (nexted.push(req.url), res.writeHead(418).end()) },
    );
    const refused = [
      '/',
      '/self-service/login/browser',
      '/.oryx/self-service/login/browser',
      '/.ory',
      '/.ory/',
      '/.ory/admin/identities',
      '/.ory/sessions',
      '/.ory/sessions/whoami/extra',
      '/.ory/sessions/token-exchange?init_code=a&return_to_code=b',
      '/.ory/schemas/default',
      '/.ory/health/ready',
      '/.ory/metrics/prometheus',
      '/.ory/../admin/identities',
      '/.ory/self-service/../../admin/identities',
      '/.ory/self-service/./login/browser',
      '/.ory/%2e%2e/admin/identities',
      '/.ory/%2E%2E/admin/identities',
      '/.ory/self-service/%2e%2e/%2e%2e/admin',
      '/.ory/self-service%2f..%2f..%2fadmin',
      '/.ory/self-service/%5c..%5cadmin',
      '/.ory//self-service/login/browser',
      '/.ory/self-service//login/browser',
      '/.ory/self-service\\..\\admin',
      '/.ory\\self-service/login/browser',
      '/.ory/self-service/%00',
      '/.ory/self-service/%c0%ae%c0%ae/admin',
      '/.ory/sessions/whoami#x',
      `http://127.0.0.1:${new URL(upstream.url).port}/self-service/login/browser`,
      `http://127.0.0.1:${proxy.port}/.ory/self-service/login/browser`,
      '*',
    ];
    for (const target of refused) {
      const answer = await rawGet(proxy.port, target);
      assert.ok([400, 404].includes(answer.status), `${target}: ${answer.status}`);
      const passed = await rawGet(withNext.port, target);
      assert.ok([400, 418].includes(passed.status), `${target} with next: ${passed.status}`);
    }
    for (const method of ['TRACE', 'PROPFIND']) {
      const answer = await raw(
        proxy.port,
        `${method} /.ory/sessions/whoami HTTP/1.1\r\nHost: 127.0.0.1:${proxy.port}\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(answer.status, 404, method);
    }
    const connectAnswer = await raw(
      proxy.port,
      `CONNECT 127.0.0.1:${new URL(upstream.url).port} HTTP/1.1\r\nHost: 127.0.0.1:${new URL(upstream.url).port}\r\n\r\n`,
    );
    assert.notEqual(connectAnswer.status, 200);
    assert.deepEqual(upstream.seen, [], 'no refused request reached Kratos');
    assert.ok(nexted.length > 20, 'next() was called for the refused paths');
    assert.ok(!nexted.includes('/.ory/sessions/whoami'));

    for (const target of [
      '/.ory/sessions/whoami',
      '/.ory/.well-known/ory/webauthn.js',
      '/.ory/self-service/login/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F',
    ]) {
      assert.equal((await rawGet(proxy.port, target)).status, 200, target);
      assert.equal((await rawGet(withNext.port, target)).status, 200, target);
    }
    assert.deepEqual(
      upstream.seen.map((seen) => seen.url),
      [
        '/sessions/whoami',
        '/sessions/whoami',
        '/.well-known/ory/webauthn.js',
        '/.well-known/ory/webauthn.js',
        '/self-service/login/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F',
        '/self-service/login/browser?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F',
      ],
    );
  });

  test(`the ${OPEN_REDIRECT_PAYLOADS.length} open-redirect payloads as request targets never reach Kratos off the allow-list`, async () => {
    assert.equal(OPEN_REDIRECT_PAYLOADS.length, 22);
    const upstream = await fakeUpstream();
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      for (const target of [payload, `/.ory${payload}`, `/.ory/${payload}`, `/.ory/self-service/${payload}`]) {
        const before = upstream.seen.length;
        const answer = await rawGet(proxy.port, target);
        if (upstream.seen.length > before) {
          assert.equal(answer.status, 200, JSON.stringify(target));
          const { url, headers } = upstream.seen.at(-1);
          assert.ok(safeUpstreamPath(url), `${JSON.stringify(target)} reached Kratos as ${JSON.stringify(url)}`);
          assert.equal(headers.host, new URL(upstream.url).host);
        } else {
          assert.ok([400, 404].includes(answer.status), `${JSON.stringify(target)}: ${answer.status}`);
        }
      }
    }
    // The payloads that are harmless data in a path segment (`/.ory/self-service/javascript:alert(1)` stays a path
    // of Kratos) may pass; the ones that would leave Kratos's paths may not.
    assert.ok(upstream.seen.every((seen) => safeUpstreamPath(seen.url)));
  });
});

// ── Answers ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('answers', () => {
  test("Location: Kratos's URLs (absolute or relative, under its base path) go to the app's origin and prefix; others stay", async () => {
    let location;
    const upstream = await fakeUpstream((req, res) => res.writeHead(303, { Location: location }).end());
    const base = `${upstream.url}/kratos`;
    const proxy = await proxyOn({ kratosUrl: `${base}/` });
    const cases = [
      [`${base}/self-service/login/browser?aal=aal2`, `${proxy.url}/.ory/self-service/login/browser?aal=aal2`],
      ['/kratos/self-service/login/browser', `${proxy.url}/.ory/self-service/login/browser`],
      ['../../sessions/whoami#top', `${proxy.url}/.ory/sessions/whoami#top`],
      [
        `${upstream.url.toUpperCase().replace('HTTP', 'http')}/kratos/self-service/errors?id=1`,
        `${proxy.url}/.ory/self-service/errors?id=1`,
      ],
      [`${upstream.url}/elsewhere`, `${upstream.url}/elsewhere`],
      ['http://127.0.0.1:4200/login?flow=1', 'http://127.0.0.1:4200/login?flow=1'],
      ['https://accounts.example/authorize?x=1', 'https://accounts.example/authorize?x=1'],
    ];
    for (const [given, expected] of cases) {
      location = given;
      const answer = await send(`${proxy.url}/.ory/self-service/login/browser`);
      assert.equal(answer.status, 303, 'the redirect is the answer: not followed');
      assert.equal(answer.headers.location, expected, given);
    }
    assert.equal(upstream.seen.length, cases.length, 'one upstream request per client request');
    assert.ok(upstream.seen.every((seen) => seen.url === '/kratos/self-service/login/browser'));
  });

  test(`Location: the ${OPEN_REDIRECT_PAYLOADS.length} payloads from upstream never become another host`, async () => {
    let location;
    const upstream = await rawUpstream(
      () => `HTTP/1.1 303 See Other\r\nLocation: ${location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    const kratos = new URL(upstream.url);
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const app = new URL(proxy.url);
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      for (const given of [payload, `${upstream.url}${payload}`, `${upstream.url}/${payload}`]) {
        location = given;
        const answer = await send(`${proxy.url}/.ory/self-service/login/browser`);
        if (answer.status === 502) {
          // A value node:http's parser refuses (a CR, LF or NUL): the answer is not Kratos's; nothing is forwarded.
          assert.match(given, /[\r\n\0]/, JSON.stringify(given));
          continue;
        }
        assert.equal(answer.status, 303, JSON.stringify(given));
        const got = answer.headers.location ?? '';
        assert.ok(!/[\r\n\0]/.test(got));
        const trimmed = given.replace(/^[\t ]+|[\t ]+$/g, '');
        if (got === trimmed) {
          // Untouched: then it was not Kratos's URL at all, and the proxy made it no worse.
          const parsed = URL.canParse(trimmed, kratos) ? new URL(trimmed, kratos) : undefined;
          assert.ok(!parsed || parsed.origin !== kratos.origin || parsed.username || parsed.password, given);
          continue;
        }
        // Rewritten: only a URL of Kratos's origin, into one of the app's origin under the prefix.
        assert.equal(new URL(trimmed, kratos).origin, kratos.origin, `${JSON.stringify(given)} → ${got}`);
        const rewritten = new URL(got);
        assert.equal(rewritten.origin, app.origin, `${JSON.stringify(given)} → ${got}`);
        assert.ok(rewritten.pathname.startsWith('/.ory/'), got);
      }
    }
  });

  test("Set-Cookie: Domain removed (host-only) or forced by cookieDomain; Secure only on https or a trusted proxy's word", async () => {
    const upstream = await fakeUpstream((req, res) =>
      res
        .writeHead(200, {
          'Set-Cookie': [
            'csrf_token_abc=v1; Path=/; Domain=kratos.internal; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax',
            'ory_kratos_session=v2; Path=/; Expires=Wed, 01 Dec 2027 00:00:00 GMT; HttpOnly; SameSite=Lax',
          ],
        })
        .end(),
    );
    const plain = await proxyOn({ kratosUrl: upstream.url });
    const untrusted = await send(`${plain.url}/.ory/sessions/whoami`, { headers: { 'X-Forwarded-Proto': 'https' } });
    assert.deepEqual(untrusted.headers['set-cookie'], [
      'csrf_token_abc=v1; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax',
      'ory_kratos_session=v2; Path=/; Expires=Wed, 01 Dec 2027 00:00:00 GMT; HttpOnly; SameSite=Lax',
    ]);

    const trusted = await proxyOn({ kratosUrl: upstream.url, trustProxy: true, cookieDomain: 'example.com' });
    const secure = await send(`${trusted.url}/.ory/sessions/whoami`, { headers: { 'X-Forwarded-Proto': 'https' } });
    assert.deepEqual(secure.headers['set-cookie'], [
      'csrf_token_abc=v1; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Domain=example.com; Secure',
      'ory_kratos_session=v2; Path=/; Expires=Wed, 01 Dec 2027 00:00:00 GMT; HttpOnly; SameSite=Lax; Domain=example.com; Secure',
    ]);
    const overHttp = await send(`${trusted.url}/.ory/sessions/whoami`);
    assert.ok(overHttp.headers['set-cookie'].every((cookie) => !/secure/i.test(cookie)));
  });

  test('hop-by-hop answer headers stay with the proxy; the others pass', async () => {
    const upstream = await rawUpstream(
      () =>
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Custom: yes\r\nConnection: close, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=99\r\nContent-Length: 2\r\n\r\n{}',
    );
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const answer = await send(`${proxy.url}/.ory/sessions/whoami`);
    assert.equal(answer.body, '{}');
    assert.equal(answer.headers['x-custom'], 'yes');
    assert.equal(answer.headers['x-hop'], undefined);
    assert.notEqual(answer.headers['keep-alive'], 'timeout=99');
  });

  test('unreachable Kratos: a small 502 in the error envelope, no detail of the failure', async () => {
    const closed = createServer();
    const url = await listen(closed);
    servers.delete(closed);
    await new Promise((done) => closed.close(done));
    const proxy = await proxyOn({ kratosUrl: url });
    const answer = await send(`${proxy.url}/.ory/sessions/whoami`);
    assert.equal(answer.status, 502);
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.ok(answer.body.length < 200, answer.body);
    assert.equal(JSON.parse(answer.body).error.code, 502);
    assert.doesNotMatch(answer.body, /ECONNREFUSED|Error|at |127\.0\.0\.1|node:/);
  });
});

// ── Streams and aborts ───────────────────────────────────────────────────────────────────────────────────────

// A proxy that failed to pass a close on would leave these waiting: the timeout turns that into a failure.
describe('streams and aborts', { timeout: 5000 }, () => {
  test("bodies stream both ways: Kratos sees the request's first chunk, and the client the answer's, before either ends", async () => {
    let release;
    const released = new Promise((done) => (release = done));
    let firstRequestChunk;
    const upstream = await fakeUpstream(async (req, res) => {
      [firstRequestChunk] = await once(req, 'data');
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first|');
      await released;
      req.resume();
      res.end('last');
    });
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const client = request(`${proxy.url}/.ory/self-service/login?flow=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    client.write('{"method":');
    const [res] = await once(client, 'response');
    assert.equal(firstRequestChunk.toString(), '{"method":', 'the request body was not held back');
    const [chunk] = await once(res, 'data');
    assert.equal(chunk.toString(), 'first|', 'the answer was not held back');
    release();
    client.end('"password"}');
    let rest = '';
    for await (const more of res) rest += more;
    assert.equal(rest, 'last');
  });

  test('a client that goes away closes the request to Kratos', async () => {
    let upstreamClosed;
    const closed = new Promise((done) => (upstreamClosed = done));
    const upstream = await fakeUpstream((req, res) => {
      res.on('close', () => upstreamClosed(res.writableFinished));
      res.writeHead(200);
      res.write('partial');
    });
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const client = request(`${proxy.url}/.ory/sessions/whoami`);
    client.on('error', () => undefined);
    client.end();
    const [res] = await once(client, 'response');
    await once(res, 'data');
    client.destroy();
    assert.equal(await closed, false, 'Kratos saw the close before it had answered');
  });

  test('a client that goes away before any answer closes the request to Kratos too', async () => {
    let upstreamClosed;
    const closed = new Promise((done) => (upstreamClosed = done));
    let arrived;
    const reached = new Promise((done) => (arrived = done));
    const upstream = await fakeUpstream((req, res) => {
      res.on('close', () => upstreamClosed(true));
      arrived();
    });
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const client = request(`${proxy.url}/.ory/sessions/whoami`);
    client.on('error', () => undefined);
    client.end();
    await reached;
    client.destroy();
    assert.equal(await closed, true);
  });

  test("Kratos's connection cut mid-answer reaches the client as a broken answer, not a complete one", async () => {
    const upstream = await fakeUpstream((req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
      setTimeout(() => res.socket.destroy(), 20);
    });
    const proxy = await proxyOn({ kratosUrl: upstream.url });
    const client = request(`${proxy.url}/.ory/sessions/whoami`);
    client.end();
    const [res] = await once(client, 'response');
    const outcome = await new Promise((done) => {
      res.on('end', () => done('complete'));
      res.on('aborted', () => done('aborted'));
      res.on('error', () => done('aborted'));
      res.on('close', () => done(res.complete ? 'complete' : 'aborted'));
      res.resume();
    });
    assert.equal(outcome, 'aborted');
  });
});

// ── Express ──────────────────────────────────────────────────────────────────────────────────────────────────

test("as Express 5 middleware: Kratos's paths are answered, the rest goes to next()", async (t) => {
  let express;
  try {
    express = createRequire(import.meta.url)('express');
  } catch {
    // Express is no dependency of the library; this test runs where the workspace has it (it does today, through
    // Angular's build tools), and says so when it does not.
    return t.skip('express is not installed');
  }
  const upstream = await fakeUpstream((req, res) => res.end(`kratos:${req.url}`));
  const app = express();
  app.use(createKratosProxy({ kratosUrl: upstream.url }));
  app.use((req, res) => res.status(200).send('app'));
  const url = await listen(createServer(app));
  assert.equal((await send(`${url}/.ory/sessions/whoami`)).body, 'kratos:/sessions/whoami');
  assert.equal((await send(`${url}/.ory/admin/identities`)).body, 'app');
  assert.equal((await send(`${url}/settings`)).body, 'app');
  // Behind a body parser the body is gone: a 500 at once, never a request to Kratos that waits for a body.
  const parsed = express();
  parsed.use(express.json());
  parsed.use(createKratosProxy({ kratosUrl: upstream.url }));
  const parsedUrl = await listen(createServer(parsed));
  const before = upstream.seen.length;
  const late = await send(`${parsedUrl}/.ory/self-service/login?flow=1`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"method":"password"}',
  });
  assert.equal(late.status, 500);
  assert.equal(upstream.seen.length, before);
  // Mounted on the prefix, Express strips it from req.url; the proxy reads originalUrl.
  const mounted = express();
  mounted.use('/.ory', createKratosProxy({ kratosUrl: upstream.url }));
  const mountedUrl = await listen(createServer(mounted));
  assert.equal((await send(`${mountedUrl}/.ory/sessions/whoami`)).body, 'kratos:/sessions/whoami');
});

// ── In front of Kratos ───────────────────────────────────────────────────────────────────────────────────────

// Each test skips itself (and says why) when real Kratos cannot be had, as against-kratos.test.mjs's do.
const check = (name, fn) => test(`${name} [${SERVER_LABEL}]`, { skip: REAL_UNAVAILABLE }, fn);

describe(`in front of ${SERVER_LABEL}`, () => {
  let kratos;
  let proxy;
  let trusted;
  after(async () => kratos?.close());

  const ready = async () => {
    if (kratos) return;
    kratos = await startTestServer();
    proxy = await proxyOn({ kratosUrl: kratos.url });
    trusted = await proxyOn({ kratosUrl: kratos.url, trustProxy: true, cookieDomain: '127.0.0.1' });
  };

  /** A Location of Kratos as a client of the proxy sees it: Kratos's own URLs under the prefix, the rest unchanged. */
  const seenThrough = (location) =>
    location.startsWith(`${kratos.url}/`) ? `${proxy.url}/.ory${location.slice(kratos.url.length)}` : location;

  /** `name=value` pairs of the answers' Set-Cookie, for the next request's Cookie. */
  const jar = () => {
    const cookies = new Map();
    return {
      take: (answer) => {
        for (const cookie of answer.headers['set-cookie'] ?? []) {
          const [pair] = cookie.split(';');
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
      },
      header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    };
  };

  check(`a browser login flow is created through the proxy: the 303 is the answer, its cookie host-only`, async () => {
    await ready();
    const answer = await send(`${proxy.url}/.ory/self-service/login/browser`, { headers: { Accept: 'text/html' } });
    assert.equal(answer.status, 303, 'not followed');
    // The login UI (§1.5) as Kratos itself writes it, seen through the proxy: the app's page (real Kratos's config)
    // stays as it is; one on Kratos's origin (the emulator's own /ui pages) moves under the prefix.
    const direct = await send(`${kratos.url}/self-service/login/browser`, { headers: { Accept: 'text/html' } });
    const flowId = /flow=[0-9a-f-]{36}/;
    assert.equal(
      answer.headers.location.replace(flowId, 'flow=ID'),
      seenThrough(direct.headers.location).replace(flowId, 'flow=ID'),
    );
    const csrf = answer.headers['set-cookie'].find((cookie) => cookie.startsWith('csrf_token_'));
    assert.ok(csrf, 'the CSRF cookie (§1.2)');
    assert.doesNotMatch(csrf, /domain=|secure/i);

    const forced = await send(`${trusted.url}/.ory/self-service/login/browser`, {
      headers: { Accept: 'application/json', 'X-Forwarded-Proto': 'https' },
    });
    assert.equal(forced.status, 200);
    assert.equal(JSON.parse(forced.body).type, 'browser');
    const cookie = forced.headers['set-cookie'].find((c) => c.startsWith('csrf_token_'));
    assert.match(cookie, /; Domain=127\.0\.0\.1; Secure$/);
  });

  check(`Kratos's own redirect to its login init comes back on the app's origin and prefix`, async () => {
    await ready();
    // No session at the settings init: 303 to <public>/self-service/login/browser (§1.5), <public> being Kratos's.
    const answer = await send(`${proxy.url}/.ory/self-service/settings/browser`, { headers: { Accept: 'text/html' } });
    assert.equal(answer.status, 303);
    assert.equal(new URL(answer.headers.location).origin, proxy.url);
    assert.match(answer.headers.location, /^http:\/\/127\.0\.0\.1:\d+\/\.ory\/self-service\/login\/browser/);
    const followed = await send(answer.headers.location, { headers: { Accept: 'text/html' } });
    assert.equal(followed.status, 303, 'the rewritten URL reaches Kratos through the proxy');
  });

  check(
    `a browser login through the proxy: create, submit, session cookie, whoami; a form submit's 303 not followed`,
    async () => {
      await ready();
      await kratos.reset();
      const ada = await kratos.identity('ada');
      const cookies = jar();
      const created = await send(`${proxy.url}/.ory/self-service/login/browser`, {
        headers: { Accept: 'application/json' },
      });
      assert.equal(created.status, 200, created.body);
      cookies.take(created);
      const flow = JSON.parse(created.body);
      const csrf = flow.ui.nodes.find((node) => node.attributes.name === 'csrf_token').attributes.value;

      const submitted = await send(`${proxy.url}/.ory/self-service/login?flow=${flow.id}`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          Cookie: cookies.header(),
          Origin: proxy.url,
        },
        body: JSON.stringify({ method: 'password', identifier: ada.email, password: ada.password, csrf_token: csrf }),
      });
      assert.equal(submitted.status, 200, submitted.body);
      const session = submitted.headers['set-cookie'].find((cookie) => cookie.startsWith('ory_kratos_session='));
      assert.ok(session, 'the session cookie');
      assert.doesNotMatch(session, /domain=|secure/i);
      cookies.take(submitted);

      const whoami = await send(`${proxy.url}/.ory/sessions/whoami`, {
        headers: { Accept: 'application/json', Cookie: cookies.header() },
      });
      assert.equal(whoami.status, 200, whoami.body);
      assert.equal(JSON.parse(whoami.body).identity.traits.email, ada.email);

      // The form-post form of a submit (no JSON Accept): Kratos answers 303 to the return URL (§1.5), passed on.
      const form = jar();
      const again = await send(`${proxy.url}/.ory/self-service/login/browser`, {
        headers: { Accept: 'application/json' },
      });
      form.take(again);
      const second = JSON.parse(again.body);
      const token = second.ui.nodes.find((node) => node.attributes.name === 'csrf_token').attributes.value;
      const posted = await send(`${proxy.url}/.ory/self-service/login?flow=${second.id}`, {
        method: 'POST',
        headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.header() },
        body: new URLSearchParams({
          method: 'password',
          identifier: ada.email,
          password: ada.password,
          csrf_token: token,
        }).toString(),
      });
      assert.equal(posted.status, 303, posted.body);
      // default_browser_return_url: the app's home on real Kratos, the emulator's own root on the emulator.
      assert.equal(
        posted.headers.location,
        seenThrough(kratos.server === 'real' ? 'http://127.0.0.1:4200/' : `${kratos.url}/`),
      );
      assert.ok(posted.headers['set-cookie'].some((cookie) => cookie.startsWith('ory_kratos_session=')));
    },
  );
});
