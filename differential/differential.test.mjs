// The emulator held to real Kratos v1.3.1: every script of scripts.mjs runs on a fresh emulator and on one real Kratos
// (fresh identities per script), and what a client can see of each step (view.mjs) is compared. A difference that
// known-differences.json does not explain fails its script; an entry of that table that explains nothing fails the
// suite. Then every JSON answer of both servers is checked against Kratos's OpenAPI specs (openapi.mjs).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startOidcProvider } from '../e2e/oidc-provider.mjs';
import { enrolTotp } from '../tools/kratos/identities.mjs';
import { REAL_UNAVAILABLE, startTestServer } from '../tools/kratos/test-server.mjs';
import { AJAX, Client, csrfOf, JSON_BODY } from './client.mjs';
import { differences, explain } from './compare.mjs';
import { conformance } from './openapi.mjs';
import { SCRIPTS } from './scripts.mjs';
import { viewOf } from './view.mjs';

// The scripts' part of the table (the fuzz sample's entries are its own: fuzz-sample.test.mjs).
const TABLE = JSON.parse(readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8')).differences.filter(
  (entry) => entry.script !== 'fuzz',
);
// The app the servers redirect to: never requested (redirects are not followed), only compared.
const APP = 'http://127.0.0.1:4200';
// Lifespans of 10 s; scripts that wait for an expiry run on SHORT (scripts.mjs) lifespans of a few seconds, waited
// out on real Kratos (the emulator's clock is advanced instead).
const CONFIG = {
  settingsUi: `${APP}/settings`,
  loginUi: `${APP}/login`,
  registrationUi: `${APP}/registration`,
  verificationUi: `${APP}/verification`,
  recoveryUi: `${APP}/recovery`,
  errorUi: `${APP}/error`,
  allowedReturnUrls: [`${APP}/`],
  allowedOrigins: [APP],
  flowLifespan: 10,
  privilegedMaxAge: 10,
};
const skip = REAL_UNAVAILABLE;

// One pair of servers per configuration: the suite's, and one for each script that asks for another.
const pairs = new Map();
let provider;
const results = { scripts: 0, identical: 0, known: [], unexplained: [] };
const answers = { emulator: [], real: [] };

before(async () => {
  if (skip) return;
  provider = await startOidcProvider();
});
after(async () => {
  for (const pair of pairs.values()) {
    await pair.emulator.close();
    await pair.real.close();
  }
  await provider?.close();
});

async function serversFor(extra = {}) {
  const key = JSON.stringify(extra);
  if (!pairs.has(key)) {
    const oidcProviders = [
      { id: 'emulated', label: 'Emulated Provider', issuerUrl: provider.issuer, ...credentials(provider) },
    ];
    pairs.set(key, {
      config: { ...CONFIG, ...extra },
      emulator: await startTestServer({ server: 'emulator', ...CONFIG, ...extra }),
      real: await startTestServer({ server: 'real', ...CONFIG, oidcProviders, ...extra }),
    });
  }
  return pairs.get(key);
}

function credentials({ clientId, clientSecret }) {
  return { clientId, clientSecret };
}

/** What a script may use on one server: clients, logins, tokens, TOTP codes and time. Nothing it does is compared. */
function contextFor(server, log, config) {
  const client = () => new Client(server.url, log);
  return {
    app: APP,
    publicUrl: server.publicUrl,
    privilegedMaxAge: config.privilegedMaxAge,
    client,
    /** A client on the admin API (its exchanges are compared like the public ones). */
    admin: () => new Client(server.adminUrl, log),
    identity: (name) => server.identity(name),
    seed: (login) => server.seed(login),
    newEmail: (prefix) => server.newEmail(prefix),
    lastCode: (email, template) => server.lastCode(email, template),
    verificationLink: (email) => server.verificationLink(email),
    token: (login) => server.sessionToken(login),
    totpCode: (secret) => server.totpCode(secret),
    passTime: (moment) => server.passTime(moment),
    enrolTotp: async (login) => enrolTotp(server.url, await server.sessionToken(login)),
    /** A browser signed in with a password (AAL1), by Kratos's browser login flow as JSON. */
    async signedIn(login) {
      const browser = client();
      const flow = (await browser.get('/self-service/login/browser', AJAX, { record: false })).json;
      await browser.post(
        `/self-service/login?flow=${flow.id}`,
        { method: 'password', identifier: login.email, password: login.password, csrf_token: csrfOf(flow) },
        JSON_BODY,
        { record: false },
      );
      assert.ok(browser.cookies.has('ory_kratos_session'), 'set-up: the browser login gave no session');
      return browser;
    },
    /** The browser's session stepped up to AAL2 with the login's TOTP code. */
    async stepUp(browser, login) {
      const flow = (await browser.get('/self-service/login/browser?aal=aal2', AJAX, { record: false })).json;
      const done = await browser.post(
        `/self-service/login?flow=${flow.id}`,
        { method: 'totp', totp_code: await server.totpCode(login.totpSecret), csrf_token: csrfOf(flow) },
        JSON_BODY,
        { record: false },
      );
      assert.equal(done.status, 200, `set-up: the AAL2 step-up answered ${done.status}`);
    },
  };
}

async function run(name, which, body, servers) {
  const server = servers[which];
  await server.reset();
  const log = [];
  await body(contextFor(server, log, servers.config));
  const context = { publicUrl: server.publicUrl, app: APP };
  answers[which].push(...log);
  // DIFFERENTIAL_RAW=<folder>: every script's raw exchanges per server, to read what a difference is about.
  if (process.env.DIFFERENTIAL_RAW) {
    mkdirSync(process.env.DIFFERENTIAL_RAW, { recursive: true });
    const file = `${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.${which}.json`;
    writeFileSync(join(process.env.DIFFERENTIAL_RAW, file), JSON.stringify(log, null, 2));
  }
  return log.map((exchange, index) => ({ step: `${index + 1} ${exchange.step}`, view: viewOf(exchange, context) }));
}

for (const { name, run: body, config } of SCRIPTS) {
  test(name, { skip }, async () => {
    const servers = await serversFor(config);
    const emulator = await run(name, 'emulator', body, servers);
    const real = await run(name, 'real', body, servers);
    const found = [];
    if (emulator.length !== real.length) {
      found.push({
        script: name,
        step: '-',
        field: 'steps',
        emulator: String(emulator.length),
        real: String(real.length),
      });
    }
    for (let i = 0; i < Math.min(emulator.length, real.length); i++) {
      for (const difference of differences(emulator[i].view, real[i].view)) {
        found.push({ script: name, step: real[i].step, ...difference });
      }
    }
    const { known, unexplained } = explain(found, TABLE);
    results.scripts++;
    if (found.length === 0) results.identical++;
    results.known.push(...known);
    results.unexplained.push(...unexplained);
    assert.deepEqual(unexplained, [], 'differences that known-differences.json does not explain');
  });
}

test('the table of known differences explains only differences that still exist', { skip }, () => {
  const { stale } = explain([...results.known, ...results.unexplained], TABLE);
  // DIFFERENTIAL_DUMP=<file>: every difference found, known or not, as JSON (to study them or to write the table).
  if (process.env.DIFFERENTIAL_DUMP) {
    writeFileSync(process.env.DIFFERENTIAL_DUMP, JSON.stringify([...results.known, ...results.unexplained], null, 2));
  }
  const line = `differential: ${results.scripts} scripts, ${results.identical} identical, ${results.known.length} known differences, ${results.unexplained.length} unexplained`;
  console.log(line);
  assert.deepEqual(stale, [], 'entries of known-differences.json that no longer differ');
});

test("every JSON answer of both servers checked against v1.3.1's OpenAPI spec and the later one", { skip }, () => {
  const report = conformance(answers);
  for (const line of report.lines) console.log(line);
  assert.deepEqual(report.emulatorOnly, [], 'emulator answers that break a spec real Kratos keeps there');
});
