/*
 * Property-based fuzzing of the emulator's request handling (fast-check, the requests of fuzz-requests.ts): whatever
 * arrives, the emulator answers, never with a 5xx, and its JSON parses.
 * A fixed seed by default; `FUZZ_SEED=<n>` replays another one, `FUZZ_RUNS=<n>` changes the number of requests.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../http';
import { RunningEmulator } from '../server';
import { Browser, emulator, Json } from './client';
import { prepareReal, Real, requestSpec, send } from './fuzz-requests';

const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : 1815;
const RUNS = process.env['FUZZ_RUNS'] ? Number(process.env['FUZZ_RUNS']) : 10000;
const ORIGIN = 'http://127.0.0.1:4200';

let em: RunningEmulator;
let agent: Agent;
before(async () => {
  em = await emulator({ allowedOrigins: [ORIGIN], allowedReturnUrls: [`${ORIGIN}/`] });
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
after(async () => {
  agent.destroy();
  await em.close();
});

let real: Real = {};

/** Reset, then the seeded user's session, flows and CSRF cookie. */
async function prepare(): Promise<Real> {
  await fetch(`${em.url}/__emulator/reset`, { method: 'POST' });
  return prepareReal(em.url, 'ada@example.com', 'Lovelace-1815!');
}

// ---- the property ------------------------------------------------------------------------------------------------

test(`fuzz: ${RUNS} random requests, each answered below 500 with parseable JSON (seed ${SEED})`, async (t) => {
  console.log(`kratos-emulator fuzz: seed ${SEED} (FUZZ_SEED=<n> to replay another), ${RUNS} runs`);
  t.diagnostic(`seed ${SEED}`);
  real = await prepare();
  const statuses = new Map<number, number>();
  let count = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(requestSpec, async (spec) => {
      // Now and then start over from the seed, so that the real session and flows stay usable.
      if (++count % 500 === 0) real = await prepare();
      const reply = await send(spec, em.url, real, agent);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      assert.ok(reply.status >= 200 && reply.status < 500, `status ${reply.status}: ${reply.text.slice(0, 500)}`);
      const tooLarge = spec.body.kind === 'huge' && spec.body.size > MAX_BODY_BYTES;
      if (tooLarge && spec.method === 'POST' && /^\/self-service\/(settings|login)$/.test(spec.path)) {
        // Over 1 MiB: a 400 with the flow (or the browser's redirect), never a success.
        assert.ok(reply.status < 200 || reply.status >= 300, `a body over the limit got ${reply.status}`);
      }
      if (/json/i.test(reply.contentType) && spec.method !== 'HEAD' && reply.status !== 204) {
        assert.doesNotThrow(() => JSON.parse(reply.text), `unparseable JSON: ${reply.text.slice(0, 200)}`);
      }
    }),
    { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
  );
  const seconds = (Date.now() - started) / 1000;
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
  console.log(`kratos-emulator fuzz: ${count} requests in ${seconds.toFixed(1)} s; statuses ${summary.join(' ')}`);
  t.diagnostic(`${count} requests in ${seconds.toFixed(1)} s`);

  // Afterwards the emulator still works, and nothing is left open.
  assert.equal((await fetch(`${em.url}/health/alive`)).status, 200);
  real = await prepare();
  const whoami = await new Browser(em.url).get('/sessions/whoami', { 'X-Session-Token': real['token'] });
  assert.equal(whoami.status, 200);
  assert.equal((whoami.body as Json).identity.traits.email, 'ada@example.com');
  const stats = (await (await fetch(`${em.url}/__emulator/stats`)).json()) as { open: number };
  assert.equal(stats.open, 0);
});
