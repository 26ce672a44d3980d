/*
 * SettingsFlowService: the shared protocol table of docs/kratos-protocol.md §2.1–2.4 (testing/flow-protocol.ts) run
 * for settings, and the answers that are settings' own (rows 10, 11 and 13 of §2.4, each method's body). Each spec
 * flushes Kratos's exact status, headers and body and asserts the outcome. The browser-only rows (303/302
 * redirects) never reach a client that sends `Accept: application/json`; what a client sees if a proxy turns one
 * into an HTML page is covered in kratos-http.spec.ts and in the table.
 */
import { HttpResponse } from '@angular/common/http';
import { KRATOS_TESTING_BASE_URL, settingsFlow, TESTING_CSRF_TOKEN, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { SettingsFlow } from './settings-flow';
import { Harness, record, setUpKratos } from '../../testing/harness';
import { describeFlowEndpoints, PASSWORD_BODY } from '../../testing/flow-protocol';
import * as fx from '../../testing/kratos-fixtures';
import { SettingsUpdateResult } from './settings-flow-options';

describe('SettingsFlowService', () => {
  let h: Harness;

  beforeEach(() => (h = setUpKratos()));
  afterEach(() => h.http.verify());

  describeFlowEndpoints(() => ({
    path: 'settings',
    flow: (overrides) => settingsFlow(overrides as Partial<SettingsFlow>),
    createBrowserFlow: (options) => h.service.createBrowserFlow(options),
    createNativeFlow: (options) => h.service.createNativeFlow(options),
    getFlow: (id, options) => h.service.getFlow(id, options),
    updateFlow: (id, options) => h.service.updateFlow(id, PASSWORD_BODY, options),
  }));

  describe('updateFlow: the answers of settings (§2.4)', () => {
    const url = `${KRATOS_TESTING_BASE_URL}/self-service/settings`;
    const expectPost = () => h.http.expectOne((r) => r.url === url);
    const passwordBody = PASSWORD_BODY;
    const submit = () => h.service.updateFlow(TESTING_FLOW_ID, passwordBody);

    it('types each method body (profile with nested traits, totp, lookup_secret, oidc, webauthn, passkey)', () => {
      const bodies = [
        {
          method: 'profile',
          traits: { email: 'ada@127.0.0.1', name: { first: 'Ada' } },
          csrf_token: TESTING_CSRF_TOKEN,
        },
        { method: 'totp', totp_code: '123456', csrf_token: TESTING_CSRF_TOKEN },
        { method: 'totp', totp_unlink: true, csrf_token: TESTING_CSRF_TOKEN },
        { method: 'lookup_secret', lookup_secret_reveal: true, csrf_token: TESTING_CSRF_TOKEN },
        { method: 'oidc', link: 'github' },
        { method: 'webauthn', webauthn_remove: 'a1b2', csrf_token: TESTING_CSRF_TOKEN },
        { method: 'passkey', passkey_remove: 'c3d4', csrf_token: TESTING_CSRF_TOKEN },
      ] as const;
      for (const body of bodies) {
        record(h.service.updateFlow(TESTING_FLOW_ID, body));
        const req = expectPost();
        expect(req.request.body).toEqual(body);
        req.flush(fx.successFlow());
      }
    });

    it('row 13 (browser AJAX): 200 → success with continue_with inside the flow', () => {
      const rec = record(submit());
      expectPost().flush(fx.successFlow());
      const result = rec.values[0];
      expect(result.kind).toBe('success');
      expect(result.flow.state).toBe('success');
      expect(result.flow.ui.messages?.[0].id).toBe(1050001);
      expect(result.flow.continue_with).toEqual([
        { action: 'redirect_browser_to', redirect_browser_to: fx.SETTINGS_UI },
      ]);
      expect(rec.completed).toBeTrue();
    });

    it('row 11: lookup_secret reveal answers 200 with the flow → success (not invalid)', () => {
      const rec = record(
        h.service.updateFlow(TESTING_FLOW_ID, { method: 'lookup_secret', lookup_secret_reveal: true }),
      );
      const flow = settingsFlow({ active: 'lookup_secret' });
      expectPost().flush(flow);
      expect(rec.values).toEqual([{ kind: 'success', flow }]);
    });

    it('row 10: 400 with the flow → invalid, messages on the node, state left as it was (recorded/12)', () => {
      const rec = record(
        h.service.updateFlow(TESTING_FLOW_ID, { method: 'profile', traits: { email: 'not-an-email' } }),
      );
      const flow = fx.invalidFlow();
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.error).toBeUndefined();
      expect(rec.values).toEqual([{ kind: 'invalid', flow }]);
      const email = rec.values[0].flow.ui.nodes.find(
        (n) => n.attributes.node_type === 'input' && n.attributes.name === 'traits.email',
      );
      expect(email?.messages[0].id).toBe(4000040);
      expect(rec.values[0].flow.state).toBe('success');
    });

    it('a validation answer of an api flow stays a validation result', () => {
      const rec = record(h.service.updateFlow(TESTING_FLOW_ID, passwordBody, { sessionToken: 'ory_st_abc' }));
      const flow = { ...fx.invalidFlow(), type: 'api' as const };
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.values[0].kind).toBe('invalid');
    });
  });

  describe('observe', () => {
    it("'response' gives the HttpResponse with status and headers and the parsed flow as body", () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID, { observe: 'response' }));
      h.http
        .expectOne(() => true)
        .flush(settingsFlow(), {
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'r1' },
        });
      const response: HttpResponse<SettingsFlow> = rec.values[0];
      expect(response).toBeInstanceOf(HttpResponse);
      expect(response.status).toBe(200);
      expect(response.headers.get('X-Request-Id')).toBe('r1');
      expect(response.body?.id).toBe(TESTING_FLOW_ID);
    });

    it("'response' on a 400 flow gives an HttpResponse with status 400 and the invalid result", () => {
      const rec = record(
        h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }, { observe: 'response' }),
      );
      h.http.expectOne(() => true).flush(fx.invalidFlow(), { status: 400, statusText: 'Bad Request' });
      const response: HttpResponse<SettingsUpdateResult> = rec.values[0];
      expect(response.status).toBe(400);
      expect(response.body?.kind).toBe('invalid');
    });
  });
});
