/*
 * The request pipeline through the public service: laziness, cancellation, observe 'events', timeouts,
 * per-call headers and context, the server-only Cookie option, and every kind of body that is not Kratos's.
 */
import { HttpContext, HttpContextToken, HttpEvent, HttpEventType, HttpResponse } from '@angular/common/http';
import { csrfNode, KRATOS_TESTING_BASE_URL, settingsFlow, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { KratosErrorKind } from '../errors/kratos-error-kind';
import { SettingsFlow } from '../settings/settings-flow';
import { Harness, record, setUpKratos } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';

describe('KratosHttp pipeline', () => {
  let h: Harness;
  afterEach(() => h.http.verify());

  describe('in a browser', () => {
    beforeEach(() => (h = setUpKratos()));

    it('is cold: nothing is sent until subscription, and each subscription after the last answer sends again', () => {
      const flow$ = h.service.getFlow(TESTING_FLOW_ID);
      h.http.expectNone(() => true);
      const first = record(flow$);
      h.http.expectOne(() => true).flush(settingsFlow());
      const second = record(flow$);
      h.http.expectOne(() => true).flush(settingsFlow());
      expect([first.values.length, second.values.length]).toEqual([1, 1]);
    });

    it('aborts the request when the subscriber unsubscribes', () => {
      const rec = record(h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }));
      const req = h.http.expectOne(() => true);
      rec.subscription.unsubscribe();
      expect(req.cancelled).toBeTrue();
      expect(rec.values).toEqual([]);
    });

    it("observe 'events' reports Sent, upload and download progress, then the decoded response", () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID, { observe: 'events' }));
      const req = h.http.expectOne(() => true);
      expect(req.request.reportProgress).toBeTrue();
      req.event({ type: HttpEventType.UploadProgress, loaded: 10, total: 10 });
      req.event({ type: HttpEventType.DownloadProgress, loaded: 50, total: 100 });
      req.flush(settingsFlow());
      const types = rec.values.map((event: HttpEvent<SettingsFlow>) => event.type);
      expect(types).toEqual([
        HttpEventType.Sent,
        HttpEventType.UploadProgress,
        HttpEventType.DownloadProgress,
        HttpEventType.Response,
      ]);
      const last = rec.values[3] as HttpResponse<SettingsFlow>;
      expect(last.body?.id).toBe(TESTING_FLOW_ID);
    });

    it("does not ask for progress events unless observe is 'events'", () => {
      record(h.service.getFlow(TESTING_FLOW_ID));
      const req = h.http.expectOne(() => true);
      expect(req.request.reportProgress).toBeFalse();
      req.flush(settingsFlow());
    });

    it('passes extra headers and the HttpContext through, but keeps Accept and the session header its own', () => {
      const TAG = new HttpContextToken(() => 'none');
      const context = new HttpContext().set(TAG, 'settings-page');
      record(
        h.service.getFlow(TESTING_FLOW_ID, {
          headers: { 'X-Request-Id': 'r-1', Accept: 'text/html', 'X-Session-Token': 'from-headers' },
          sessionToken: 'from-option',
          context,
        }),
      );
      const req = h.http.expectOne(() => true);
      expect(req.request.headers.get('X-Request-Id')).toBe('r-1');
      expect(req.request.headers.get('Accept')).toBe('application/json');
      expect(req.request.headers.get('X-Session-Token')).toBe('from-option');
      expect(req.request.context.get(TAG)).toBe('settings-page');
      req.flush(settingsFlow());
    });

    it('throws at once, before sending, when the cookie option is used in a browser', () => {
      expect(() => h.service.getFlow(TESTING_FLOW_ID, { cookie: 'ory_kratos_session=abc' })).toThrowError(
        /browsers forbid/,
      );
      expect(() =>
        h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }, { cookie: 'a=b' }),
      ).toThrow();
      expect(() => h.service.createBrowserFlow({ cookie: 'a=b' })).toThrow();
      h.http.expectNone(() => true);
    });

    // One answer's mapping: retries are off here and have their own specs (kratos-http-retry.spec.ts).
    it('a network failure (status 0) becomes kind network', () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID, { retry: false }));
      h.http.expectOne(() => true).error(new ProgressEvent('error'));
      const error = rec.kratosError();
      expect(error.kind).toBe('network');
      expect(error.status).toBe(0);
    });

    describe('bodies that are not what Kratos sends', () => {
      const cases: {
        name: string;
        status: number;
        body: string | object | null;
        kind: KratosErrorKind;
        excerpt?: string;
      }[] = [
        {
          name: 'an HTML page with 200',
          status: 200,
          body: '<html><body>Sign in</body></html>',
          kind: 'malformed_response',
          excerpt: '<html><body>Sign in</body></html>',
        },
        { name: 'an empty 200 body', status: 200, body: '', kind: 'malformed_response', excerpt: '' },
        { name: 'a null 200 body', status: 200, body: null, kind: 'malformed_response', excerpt: '' },
        {
          name: 'truncated JSON',
          status: 200,
          body: '{"id":"abc","type":"brow',
          kind: 'malformed_response',
          excerpt: '{"id":"abc","type":"brow',
        },
        { name: 'JSON of another shape', status: 200, body: { hello: 'world' }, kind: 'malformed_response' },
        { name: 'a JSON array', status: 200, body: [1, 2], kind: 'malformed_response' },
        {
          name: 'a flow whose id is a number',
          status: 200,
          body: { ...settingsFlow(), id: 42 },
          kind: 'malformed_response',
        },
        {
          name: 'a flow without ui.nodes',
          status: 200,
          body: { ...settingsFlow(), ui: { action: '', method: 'POST' } },
          kind: 'malformed_response',
        },
        {
          name: 'a node without attributes.node_type',
          status: 200,
          body: {
            ...settingsFlow(),
            ui: { action: '', method: 'POST', nodes: [{ type: 'input', attributes: {} }] },
          },
          kind: 'malformed_response',
        },
        {
          name: "a proxy's 502 HTML page",
          status: 502,
          body: '<html><h1>502 Bad Gateway</h1></html>',
          kind: 'server_error',
          excerpt: '<html><h1>502 Bad Gateway</h1></html>',
        },
        { name: 'an empty 503', status: 503, body: '', kind: 'server_error', excerpt: '' },
        {
          name: "a proxy's 404 HTML page",
          status: 404,
          body: '<html>Not Found</html>',
          kind: 'malformed_response',
          excerpt: '<html>Not Found</html>',
        },
        {
          name: 'a 403 with an error of another shape',
          status: 403,
          body: { error: 'forbidden' },
          kind: 'malformed_response',
        },
        { name: 'a 401 with an empty body', status: 401, body: '', kind: 'malformed_response' },
        {
          name: 'a flow whose ui.messages is not a list',
          status: 200,
          body: { ...settingsFlow(), ui: { ...settingsFlow().ui, messages: {} } },
          kind: 'malformed_response',
        },
        {
          // Found by the property spec: a `null` message was a TypeError in whatever read the messages.
          name: 'a flow whose ui.messages holds null',
          status: 200,
          body: { ...settingsFlow(), ui: { ...settingsFlow().ui, messages: [null] } },
          kind: 'malformed_response',
        },
        {
          name: "a flow whose node's messages hold a string",
          status: 200,
          body: {
            ...settingsFlow(),
            ui: { ...settingsFlow().ui, nodes: [{ ...csrfNode(), messages: ['x'] }] },
          },
          kind: 'malformed_response',
        },
        {
          name: 'a flow whose identity is a string',
          status: 200,
          body: { ...settingsFlow(), identity: 'x' },
          kind: 'malformed_response',
        },
        {
          name: 'a flow id with a lone surrogate',
          status: 200,
          body: '{"id":"\\ud800","type":"browser","state":"show_form","ui":{"nodes":[]}}',
          kind: 'malformed_response',
        },
        {
          name: "Kratos's own 500",
          status: 500,
          body: { error: { code: 500, status: 'Internal Server Error', message: 'boom' } },
          kind: 'server_error',
        },
      ];
      for (const c of cases) {
        it(`${c.name} → ${c.kind}`, () => {
          const rec = record(h.service.getFlow(TESTING_FLOW_ID, { retry: false }));
          h.http.expectOne(() => true).flush(c.body, { status: c.status, statusText: 'X' });
          const error = rec.kratosError();
          expect(error.kind).toBe(c.kind);
          expect(error.status).toBe(c.status);
          if (c.excerpt !== undefined) {
            expect(error.excerpt).toBe(c.excerpt);
          }
          expect(error.response).toBeDefined();
        });
      }

      it('keeps at most 200 characters of a huge body as the excerpt', () => {
        const rec = record(h.service.getFlow(TESTING_FLOW_ID));
        h.http.expectOne(() => true).flush('x'.repeat(100_000), { status: 200, statusText: 'OK' });
        expect(rec.kratosError().excerpt).toBe(`${'x'.repeat(200)}…`);
      });

      it('a 400 on submit that is neither a flow nor an error envelope → malformed_response, not invalid', () => {
        const rec = record(h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }));
        h.http.expectOne(() => true).flush('<html>Bad Request</html>', { status: 400, statusText: 'Bad Request' });
        expect(rec.kratosError().kind).toBe('malformed_response');
      });
    });

    it('a caller value that cannot be URL-encoded fails as bad_request, not a URIError', () => {
      const rec = record(h.service.getFlow('\ud800'));
      expect(rec.kratosError().kind).toBe('bad_request');
      h.http.expectNone(() => true);
    });

    it('tolerates what it does not rely on: unknown fields, unknown node types, absent optional fields', () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      const flow = {
        id: TESTING_FLOW_ID,
        type: 'browser',
        state: 'show_form',
        some_future_field: { nested: true },
        ui: {
          action: 'x',
          method: 'POST',
          nodes: [
            {
              type: 'hologram',
              group: 'future',
              attributes: { node_type: 'hologram', id: 'h' },
              messages: [],
              meta: {},
            },
          ],
        },
      };
      h.http.expectOne(() => true).flush(flow);
      expect(rec.error).toBeUndefined();
      expect(rec.values[0] as unknown).toEqual(flow);
    });
  });

  describe('timeout', () => {
    beforeEach(() => {
      jasmine.clock().install();
      h = setUpKratos({ config: { baseUrl: KRATOS_TESTING_BASE_URL, timeout: 5000 } });
    });
    afterEach(() => jasmine.clock().uninstall());

    it('fails with kind timeout after the configured default and aborts the request', () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      const req = h.http.expectOne(() => true);
      jasmine.clock().tick(4999);
      expect(rec.error).toBeUndefined();
      jasmine.clock().tick(1);
      expect(rec.kratosError().kind).toBe('timeout');
      expect(req.cancelled).toBeTrue();
    });

    it('a per-call timeout overrides the default, and counts the whole exchange, not the first event', () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID, { timeout: 100, observe: 'events' }));
      const req = h.http.expectOne(() => true);
      req.event({ type: HttpEventType.DownloadProgress, loaded: 1 });
      jasmine.clock().tick(100);
      expect(rec.kratosError().kind).toBe('timeout');
      expect(req.cancelled).toBeTrue();
    });

    it('a per-call timeout that is not a positive number throws at the call, like a bad configured one', () => {
      for (const timeout of [0, -1, Number.NaN]) {
        expect(() => h.service.getFlow(TESTING_FLOW_ID, { timeout })).toThrowError(/timeout must be a positive number/);
      }
      h.http.expectNone(() => true);
    });

    it('an answer in time is not affected, and no timer fires afterwards', () => {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      h.http.expectOne(() => true).flush(settingsFlow());
      jasmine.clock().tick(10_000);
      expect(rec.error).toBeUndefined();
      expect(rec.values.length).toBe(1);
      expect(rec.completed).toBeTrue();
    });
  });

  describe('on the server', () => {
    beforeEach(() => (h = setUpKratos({ platform: 'server' })));

    it('an api flow’s refusal reaches the server as the validation result it is (no browser involved)', () => {
      const rec = record(
        h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }, { sessionToken: 't' }),
      );
      h.http.expectOne(() => true).flush(fx.apiFlowRefusedFromBrowser(), { status: 400, statusText: 'Bad Request' });
      expect(rec.values[0].kind).toBe('invalid');
    });

    it('forwards the user’s Cookie header on get, update and browser init', () => {
      const cookie = 'ory_kratos_session=abc; csrf_token_x=y';
      record(h.service.getFlow(TESTING_FLOW_ID, { cookie }));
      record(h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }, { cookie }));
      record(h.service.createBrowserFlow({ cookie }));
      const requests = h.http.match(() => true);
      expect(requests.length).toBe(3);
      for (const req of requests) {
        expect(req.request.headers.get('Cookie')).toBe(cookie);
        req.flush(settingsFlow());
      }
    });
  });

  describe('configuration', () => {
    it('joins a path base URL (behind a proxy) without doubling slashes', () => {
      h = setUpKratos({ config: { baseUrl: '/.ory/' } });
      record(h.service.getFlow(TESTING_FLOW_ID));
      const req = h.http.expectOne(`/.ory/self-service/settings/flows?id=${TESTING_FLOW_ID}`);
      expect(req.request.url).toBe('/.ory/self-service/settings/flows');
      req.flush(settingsFlow());
    });
  });
});
