/*
 * The flow requests, the one client under every flow's service, driven by a test-only descriptor (testing/widget-flow.ts):
 * the shared protocol table of docs/kratos-protocol.md §2.1–2.4 at another path, and a descriptor's own results.
 */
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { describeFlowEndpoints, PASSWORD_BODY } from '../../testing/flow-protocol';
import { Harness, record, setUpKratos } from '../../testing/harness';
import { WIDGET_FLOW, widgetFlow } from '../../testing/widget-flow';
import { KratosHttp } from '../http/kratos-http';
import { createBrowserFlow, createNativeFlow, getFlow, updateFlow } from './flow-requests';

describe('the flow requests with a second flow kind', () => {
  let h: Harness;
  let http: KratosHttp;

  beforeEach(() => {
    h = setUpKratos();
    http = TestBed.inject(KratosHttp);
  });
  afterEach(() => h.http.verify());

  describeFlowEndpoints(() => ({
    path: 'widget',
    flow: widgetFlow,
    createBrowserFlow: (options = {}) => createBrowserFlow(http, WIDGET_FLOW, { return_to: options.returnTo }, {}),
    createNativeFlow: (options = {}) =>
      createNativeFlow(http, WIDGET_FLOW, { return_to: options.returnTo }, { sessionToken: options.sessionToken }),
    getFlow: (id, options = {}) => getFlow(http, WIDGET_FLOW, id, options),
    updateFlow: (id, options = {}) => updateFlow(http, WIDGET_FLOW, id, PASSWORD_BODY, options),
  }));

  describe("the descriptor's own classification of a submit's answer", () => {
    const submit = () => record(updateFlow(http, WIDGET_FLOW, TESTING_FLOW_ID, { method: 'code', code: '000000' }, {}));
    const expectPost = () => h.http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/widget`);
    const wrongCode = { id: 4060006, text: 'The code is invalid or has already been used.', type: 'error' as const };

    it('200 with a flow-level error message → rejected, not done', () => {
      const rec = submit();
      const flow = widgetFlow({ ui: { ...widgetFlow().ui, messages: [wrongCode] } });
      expectPost().flush(flow);
      expect(rec.values).toEqual([{ kind: 'rejected', flow }]);
    });

    it('200 without one → done', () => {
      const rec = submit();
      const flow = widgetFlow({ state: 'passed_challenge' });
      expectPost().flush(flow);
      expect(rec.values).toEqual([{ kind: 'done', flow }]);
    });

    it('400 with the flow in its next state → next_step, not a validation error', () => {
      const rec = submit();
      const flow = widgetFlow({ state: 'code_sent' });
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.error).toBeUndefined();
      expect(rec.values).toEqual([{ kind: 'next_step', flow }]);
    });

    it('400 with the flow in the same state → invalid', () => {
      const rec = submit();
      const flow = widgetFlow();
      expectPost().flush(flow, { status: 400, statusText: 'Bad Request' });
      expect(rec.values).toEqual([{ kind: 'invalid', flow }]);
    });

    it('a flow body with a status the descriptor does not classify stays a KratosError', () => {
      const rec = submit();
      expectPost().flush(widgetFlow(), { status: 403, statusText: 'Forbidden' });
      expect(rec.values).toEqual([]);
      expect(rec.kratosError().status).toBe(403);
    });

    it("names the descriptor's flow in a malformed_response message", () => {
      const rec = record(getFlow(http, WIDGET_FLOW, TESTING_FLOW_ID, {}));
      h.http.expectOne(() => true).flush({ id: TESTING_FLOW_ID });
      const error = rec.kratosError();
      expect(error.kind).toBe('malformed_response');
      expect(error.message).toContain('is not a widget flow');
    });
  });
});
