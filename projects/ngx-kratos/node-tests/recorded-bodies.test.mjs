// Conformance: every real recorded settings-flow body in ../shared/kratos/recorded/ goes through the *built*
// package (dist/ngx-kratos) on Angular's DI in Node, exactly as an app would receive it from HttpClient.
// The recorded bodies are third-party data and stay in ../shared; when that folder is absent, every test here
// reports itself as skipped with the reason. Sections (§) are docs/kratos-protocol.md's.
import '@angular/compiler'; // JIT-links the partially compiled package in Node.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEnvironmentInjector, PLATFORM_ID, provideZonelessChangeDetection, ɵINJECTOR_SCOPE } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const recordedDir = resolve(workspace, '../shared/kratos/recorded');
const skip = existsSync(recordedDir)
  ? false
  : `skipped: ${recordedDir} is absent (recorded Kratos bodies live in ../shared)`;
const pkg = await import(pathToFileURL(join(workspace, 'dist/ngx-kratos/fesm2022/ngx-kratos.mjs')).href);
const { SettingsFlowService, provideKratos, getCsrfToken, allMessages, nodesOfGroup, isKratosError } = pkg;

const KRATOS = 'http://127.0.0.1:4433';
const read = (name) => JSON.parse(readFileSync(join(recordedDir, name), 'utf8'));
const recorded = skip
  ? []
  : readdirSync(recordedDir)
      .filter((f) => f.endsWith('.json'))
      .sort();

function setUp() {
  const injector = createEnvironmentInjector(
    [
      { provide: ɵINJECTOR_SCOPE, useValue: 'root' },
      { provide: PLATFORM_ID, useValue: 'server' }, // what a platform injector would provide in Node
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideKratos({ baseUrl: KRATOS }),
    ],
    null,
  );
  return { service: injector.get(SettingsFlowService), http: injector.get(HttpTestingController), injector };
}

/** Subscribes, flushes `body` with `status`, and returns what the Observable produced. */
function exchange(call, body, status = 200) {
  const { service, http, injector } = setUp();
  const out = { values: [], error: undefined };
  call(service).subscribe({ next: (v) => out.values.push(v), error: (e) => (out.error = e) });
  http.expectOne(() => true).flush(body, { status, statusText: String(status) });
  http.verify();
  injector.destroy();
  return out;
}

/** A minimal flow around recorded nodes (files 01–09 hold only nodes or a ui container). */
function flowAround(ui) {
  return {
    id: 'f1',
    type: 'browser',
    state: 'show_form',
    ui: { action: `${KRATOS}/self-service/settings?flow=f1`, method: 'POST', ...ui },
  };
}

test('the recorded folder holds the bodies this suite expects', { skip }, () => {
  assert.ok(recorded.length >= 15, `expected at least 15 recorded bodies, found ${recorded.length}`);
});

for (const name of recorded) {
  const body = read(name);
  const isFullFlow = !Array.isArray(body) && typeof body.id === 'string';

  test(`${name}: getFlow passes it through unchanged`, { skip }, () => {
    const flow = isFullFlow
      ? body
      : flowAround(Array.isArray(body) ? { nodes: body } : body.nodes ? body : { nodes: [body] });
    const { values, error } = exchange((s) => s.getFlow(flow.id), flow);
    assert.equal(error, undefined, `rejected: ${error?.message}`);
    assert.deepEqual(values[0], flow);
    for (const node of values[0].ui.nodes) {
      assert.equal(node.type, node.attributes.node_type, 'node type mirrors attributes.node_type (§3.3)');
    }
  });
}

test('10 (initial flow): a CSRF token, groups in Kratos order, no messages', { skip }, () => {
  const { values } = exchange((s) => s.getFlow('x'), read('10-elements-full-flow-initial.json'));
  const flow = values[0];
  assert.equal(typeof getCsrfToken(flow), 'string');
  assert.ok(nodesOfGroup(flow, 'profile').length > 0);
  assert.ok(nodesOfGroup(flow, 'password').length > 0);
  assert.equal(flow.ui.messages, undefined, 'ui.messages is omitted when empty (§3.2)');
  assert.equal(flow.organization_id, null);
});

for (const name of ['11-elements-full-flow-success-continue-with.json', '15-elements-full-flow-totp-success.json']) {
  test(`${name}: a 200 to updateFlow is success with continue_with (§2.4 row 13)`, { skip }, () => {
    const { values, error } = exchange((s) => s.updateFlow('x', { method: 'password', password: 'p' }), read(name));
    assert.equal(error, undefined);
    assert.equal(values[0].kind, 'success');
    assert.equal(values[0].flow.state, 'success');
    assert.ok(values[0].flow.continue_with.some((c) => c.action === 'redirect_browser_to'));
    assert.ok(allMessages(values[0].flow, 'success').some((m) => m.id === 1050001));
  });
}

for (const name of [
  '12-elements-full-flow-trait-validation-error.json',
  '13-elements-full-flow-required-field-error.json',
  '14-elements-full-flow-global-error.json',
]) {
  test(`${name}: a 400 to updateFlow is invalid with its error messages (§2.4 row 10)`, { skip }, () => {
    const { values, error } = exchange((s) => s.updateFlow('x', { method: 'profile', traits: {} }), read(name), 400);
    assert.equal(error, undefined, `rejected: ${error?.message}`);
    assert.equal(values[0].kind, 'invalid');
    assert.ok(allMessages(values[0].flow, 'error').length > 0);
  });
}

test('12: the earlier success message and state survive next to the new error (§2.4 row 10)', { skip }, () => {
  const { values } = exchange(
    (s) => s.updateFlow('x', { method: 'profile', traits: {} }),
    read('12-elements-full-flow-trait-validation-error.json'),
    400,
  );
  const flow = values[0].flow;
  assert.equal(flow.state, 'success');
  assert.ok(allMessages(flow, 'error').some((m) => m.id === 4000040));
});

test('a recorded flow truncated in transit becomes a malformed_response KratosError', { skip }, () => {
  const text = JSON.stringify(read('10-elements-full-flow-initial.json'));
  const { values, error } = exchange((s) => s.getFlow('x'), text.slice(0, text.length / 2));
  assert.deepEqual(values, []);
  assert.ok(isKratosError(error, 'malformed_response'));
});
