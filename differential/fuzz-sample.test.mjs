// A sample of the emulator's fuzz on both servers: the same random requests (fast-check, fixed seed) to the emulator
// and to real Kratos v1.3.1, each filled in with that server's own session, flows and CSRF cookie, and the answers
// compared by status class (2xx/3xx/4xx/5xx) and error id. A difference known-differences.json does not explain (its
// entries with `"script": "fuzz"`) fails; so does an entry of that table that explains nothing.
// FUZZ_SEED=<n> and FUZZ_SAMPLE=<n> replay another sample.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startOidcProvider } from '../e2e/oidc-provider.mjs';
import { REAL_UNAVAILABLE, startTestServer } from '../tools/kratos/test-server.mjs';
import { explain } from './compare.mjs';

const require = createRequire(import.meta.url);
const { prepareReal, requestSpec, send } = require('../dist/kratos-emulator/test/fuzz-requests.js');

const SEED = Number(process.env.FUZZ_SEED ?? 1815);
const SAMPLE = Number(process.env.FUZZ_SAMPLE ?? 300);
// Fresh sessions and flows on both servers every so many requests, so that one request's effect (a logout, a changed
// password) reaches only the next few, the same way on both.
const BATCH = 25;
const TABLE = JSON.parse(readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8')).differences.filter(
  (entry) => entry.script === 'fuzz',
);
const APP = 'http://127.0.0.1:4200';
const CONFIG = { allowedOrigins: [APP], allowedReturnUrls: [`${APP}/`], settingsUi: `${APP}/settings` };
const skip = REAL_UNAVAILABLE;

let servers;
let agents;
let provider;
before(async () => {
  if (skip) return;
  // Real Kratos with an OIDC provider named like the emulator's own, so that both offer `emulated`.
  provider = await startOidcProvider();
  const { issuer, clientId, clientSecret } = provider;
  const oidcProviders = [{ id: 'emulated', label: 'Emulated Provider', issuerUrl: issuer, clientId, clientSecret }];
  servers = {
    emulator: await startTestServer({ server: 'emulator', ...CONFIG }),
    real: await startTestServer({ server: 'real', ...CONFIG, oidcProviders }),
  };
  agents = { emulator: new Agent({ keepAlive: true }), real: new Agent({ keepAlive: true }) };
});
after(async () => {
  for (const agent of Object.values(agents ?? {})) agent.destroy();
  await servers?.emulator.close();
  await servers?.real.close();
  await provider?.close();
});

/** What the sample compares of an answer. */
function outcome(reply) {
  let id = '∅';
  if (/json/i.test(reply.contentType)) {
    try {
      id = JSON.parse(reply.text)?.error?.id ?? '∅';
    } catch {
      id = 'unparsable';
    }
  }
  return { status: `${String(reply.status)[0]}xx`, id };
}

test(`fuzz sample: ${SAMPLE} random requests on both servers (seed ${SEED})`, { skip }, async () => {
  const specs = fc.sample(requestSpec, { seed: SEED, numRuns: SAMPLE });
  const found = [];
  let real = {};
  for (let i = 0; i < specs.length; i++) {
    if (i % BATCH === 0) {
      for (const which of ['emulator', 'real']) {
        await servers[which].reset();
        const login = await servers[which].identity('ada');
        real[which] = await prepareReal(servers[which].url, login.email, login.password);
      }
    }
    const spec = specs[i];
    const replies = await Promise.all(
      ['emulator', 'real'].map((which) => send(spec, servers[which].url, real[which], agents[which])),
    );
    const [emulator, kratos] = replies.map(outcome);
    const step = `#${i} ${spec.method} ${spec.path}`;
    for (const field of ['status', 'id']) {
      if (emulator[field] !== kratos[field]) {
        found.push({ script: 'fuzz', step, field, emulator: emulator[field], real: kratos[field], spec, replies });
      }
    }
  }
  const { known, unexplained, stale } = explain(found, TABLE);
  // FUZZ_DUMP=<file>: every difference with its request and both answers, to study them.
  if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, JSON.stringify(found, null, 2));
  console.log(
    `fuzz sample: ${SAMPLE} requests (seed ${SEED}), ${found.length === 0 ? 'no' : found.length} differences, ` +
      `${known.length} known, ${unexplained.length} unexplained`,
  );
  const brief = (d) => ({ step: d.step, field: d.field, emulator: d.emulator, real: d.real, headers: d.spec.headers });
  assert.deepEqual(unexplained.map(brief), [], 'fuzz differences that known-differences.json does not explain');
  assert.deepEqual(stale, [], 'fuzz entries of known-differences.json that no longer differ');
});
