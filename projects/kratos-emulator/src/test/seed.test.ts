/*
 * Seeding (`seed`, `seedFile`, the CLI's `--seed`): identities in Kratos's import format, the bodies of admin
 * `POST /admin/identities`, imported beside the built-in logins at start and after every reset.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RunningEmulator } from '../server';
import { apiLogin, emulator, Json } from './client';

const lin = {
  schema_id: 'default',
  traits: { email: 'lin@example.com', name: { first: 'Lin', last: 'Example' } },
  credentials: { password: { config: { password: 'Correct-Horse-1815!' } } },
  verifiable_addresses: [{ value: 'lin@example.com', via: 'email', verified: true, status: 'completed' }],
};
const kim = {
  traits: { email: 'kim@example.com' },
  credentials: { password: { config: { password: 'Kim-Password-42!' } } },
};

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'kratos-emulator-seed-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const identities = async (em: RunningEmulator) =>
  ((await (await fetch(`${em.adminUrl}/admin/identities`)).json()) as Json[])
    .map((identity) => identity['traits'].email)
    .sort();

describe('seeding identities', () => {
  let em: RunningEmulator;
  before(async () => (em = await emulator({ seed: [kim], seedFile: file('identities.json', [lin]) })));
  after(() => em.close());

  test('seed and seedFile identities sit beside the built-in logins and sign in with their passwords', async () => {
    assert.deepEqual(await identities(em), [
      'ada@example.com',
      'grace@example.com',
      'kim@example.com',
      'lin@example.com',
    ]);
    const token = await apiLogin(em.url, 'lin@example.com', 'Correct-Horse-1815!');
    const session = (await (
      await fetch(`${em.url}/sessions/whoami`, { headers: { 'X-Session-Token': token } })
    ).json()) as Json;
    assert.deepEqual(session['identity'].traits, lin.traits);
    assert.equal(session['identity'].verifiable_addresses[0].verified, true);
    assert.ok(await apiLogin(em.url, 'kim@example.com', 'Kim-Password-42!'));
  });

  test('a reset brings them back, and drops what the admin API added since', async () => {
    const created = await fetch(`${em.adminUrl}/admin/identities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ traits: { email: 'later@example.com' } }),
    });
    assert.equal(created.status, 201);
    assert.equal((await fetch(`${em.url}/__emulator/reset`, { method: 'POST' })).status, 204);
    assert.deepEqual(await identities(em), [
      'ada@example.com',
      'grace@example.com',
      'kim@example.com',
      'lin@example.com',
    ]);
    assert.ok(await apiLogin(em.url, 'lin@example.com', 'Correct-Horse-1815!'));
  });
});

describe('a seed the admin API would refuse stops the start', () => {
  const refuses = async (options: Parameters<typeof emulator>[0], message: RegExp) =>
    assert.rejects(emulator(options), (error: Error) => (assert.match(error.message, message), true));

  test('an address already taken (a built-in login, or twice in the file): 409', async () => {
    await Promise.all([
      refuses(
        { seed: [{ traits: { email: 'ada@example.com' } }] },
        /^seed\[0\]: The resource could not be created due to a conflict/,
      ),
      refuses({ seedFile: file('twice.json', [lin, lin]) }, /twice\.json, entry 1: .*conflict/),
    ]);
  });

  test('traits the schema refuses: 400 with its reason', () =>
    refuses(
      { seed: [{ traits: { email: 'not an address' } }] },
      /^seed\[0\]: The request was malformed.*is not valid "email"/s,
    ));

  test('a file that is not JSON, not an array, or holds a non-object', async () => {
    await Promise.all([
      refuses({ seedFile: file('broken.json', '[{') }, /^seed file .*broken\.json: /),
      refuses({ seedFile: file('object.json', { traits: {} }) }, /expected an array of identities/),
      refuses({ seedFile: file('strings.json', ['lin@example.com']) }, /entry 0: not an object/),
      refuses({ seedFile: join(dir, 'missing.json') }, /ENOENT/),
    ]);
  });
});
