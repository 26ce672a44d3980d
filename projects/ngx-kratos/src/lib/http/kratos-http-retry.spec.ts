/*
 * Retries of idempotent reads (`withRetry()`) and the sharing of identical reads in flight (`withRequestSharing()`),
 * and what happens without them, on HttpClient's testing backend with Jasmine's fake clock. Math.random is pinned so that the jittered waits are exact: with 0, each wait is the lower
 * half of `delay·2ⁿ` (capped at `maxDelay`).
 */
import { HttpContext } from '@angular/common/http';
import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  settingsFlow,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { KratosSessionService } from '../session/kratos-session.service';
import { Harness, record, setUpKratos } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { KratosConfig } from '../config/kratos-config';
import { withRequestSharing, withRetry } from '../provide/features';
import { SettingsFlow } from '../settings/settings-flow';

const fail = (req: TestRequest, status: number, headers: Record<string, string> = {}) =>
  status === 0
    ? req.error(new ProgressEvent('error'))
    : req.flush('<html>upstream trouble</html>', { status, statusText: 'X', headers });

describe('KratosHttp retries (idempotent reads)', () => {
  let h: Harness;
  const tick = (ms: number) => jasmine.clock().tick(ms);
  const setUp = (config: Partial<KratosConfig> = {}) =>
    (h = setUpKratos({ config: { baseUrl: KRATOS_TESTING_BASE_URL, ...config }, features: [withRetry()] }));

  beforeEach(() => {
    jasmine.clock().install();
    spyOn(Math, 'random').and.returnValue(0);
  });
  afterEach(() => {
    h.http.verify();
    jasmine.clock().uninstall();
  });

  for (const status of [0, 502, 503, 504]) {
    it(`retries a get after ${status === 0 ? 'a network failure' : status}, after the backoff, and delivers the flow`, () => {
      setUp();
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      fail(
        h.http.expectOne(() => true),
        status,
      );
      // Default delay 300 ms; with the jitter at its low end, the first retry waits 150 ms.
      tick(149);
      h.http.expectNone(() => true);
      tick(1);
      h.http.expectOne(() => true).flush(settingsFlow());
      expect(rec.error).toBeUndefined();
      expect(rec.values[0].id).toBe(TESTING_FLOW_ID);
    });
  }

  it('gives up after `count` retries with the last answer as a KratosError', () => {
    setUp();
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(150);
    fail(
      h.http.expectOne(() => true),
      502,
    );
    tick(300);
    fail(
      h.http.expectOne(() => true),
      504,
    );
    tick(10_000);
    h.http.expectNone(() => true);
    expect(rec.kratosError().kind).toBe('server_error');
    expect(rec.kratosError().status).toBe(504);
  });

  it('doubles each wait up to maxDelay, with jitter: 500, 1000, 1500, 1500 ms at its low end, 1000, 2000, 3000, 3000 at its high end', () => {
    for (const [random, expected] of [
      [0, [500, 1000, 1500, 1500]],
      [0.999999, [1000, 2000, 3000, 3000]],
    ] as const) {
      (Math.random as jasmine.Spy).and.returnValue(random);
      TestBed.resetTestingModule();
      setUp({ retry: { count: 4, delay: 1000, maxDelay: 3000 } });
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      fail(
        h.http.expectOne(() => true),
        503,
      );
      for (const wait of expected) {
        tick(Math.ceil(wait) - 1);
        h.http.expectNone(() => true);
        tick(1);
        fail(
          h.http.expectOne(() => true),
          503,
        );
      }
      expect(rec.kratosError().kind).toBe('server_error');
    }
  });

  for (const status of [400, 401, 403, 404, 410, 422, 429, 500, 501]) {
    it(`never retries a ${status}`, () => {
      setUp();
      const rec = record(h.service.getFlow(TESTING_FLOW_ID));
      h.http.expectOne(() => true).flush({ error: { code: status, message: 'no' } }, { status, statusText: 'X' });
      tick(10_000);
      h.http.expectNone(() => true);
      expect(rec.error).toBeDefined();
    });
  }

  it('never retries a 200 whose body is not a flow (a proxy page is not a passing failure)', () => {
    setUp();
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http.expectOne(() => true).flush('<html>login portal</html>');
    tick(10_000);
    h.http.expectNone(() => true);
    expect(rec.kratosError().kind).toBe('malformed_response');
  });

  it('never retries a submit (POST), not even when the call asks for retries', () => {
    setUp();
    const rec = record(
      h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }, { retry: { count: 3, delay: 1 } }),
    );
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(10_000);
    h.http.expectNone(() => true);
    expect(rec.kratosError().kind).toBe('server_error');
  });

  it('retries creating a flow (browser and native) and whoami, the other reads', () => {
    setUp();
    const session = TestBed.inject(KratosSessionService);
    const browser = record(h.service.createBrowserFlow());
    const native = record(h.service.createNativeFlow({ sessionToken: 't' }));
    const whoami = record(session.whoami());
    h.http.match(() => true).forEach((req) => fail(req, 0));
    tick(150);
    const retried = h.http.match(() => true);
    expect(retried.map((req) => req.request.url).sort()).toEqual(
      [
        `${KRATOS_TESTING_BASE_URL}/self-service/settings/api`,
        `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`,
        `${KRATOS_TESTING_BASE_URL}/sessions/whoami`,
      ].sort(),
    );
    retried.forEach((req) =>
      req.flush(req.request.url.endsWith('whoami') ? { id: 's', active: true } : settingsFlow()),
    );
    expect([browser, native, whoami].every((rec) => rec.values.length === 1 && !rec.error)).toBeTrue();
  });

  it('waits as long as Retry-After says when that is longer than the backoff', () => {
    setUp();
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
      { 'Retry-After': '2' },
    );
    tick(1999);
    h.http.expectNone(() => true);
    tick(1);
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(rec.values.length).toBe(1);
  });

  it('reads Retry-After as an HTTP date too', () => {
    setUp();
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
      { 'Retry-After': new Date(Date.now() + 2000).toUTCString() },
    );
    tick(1000);
    h.http.expectNone(() => true);
    tick(1000);
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(rec.values.length).toBe(1);
  });

  it('stops at once when Retry-After asks for more than maxDelay', () => {
    setUp();
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
      { 'Retry-After': '120' },
    );
    expect(rec.kratosError().kind).toBe('server_error');
    tick(200_000);
    h.http.expectNone(() => true);
  });

  it('unsubscribing during the wait cancels the retry; during a retried request, aborts it', () => {
    setUp();
    const waiting = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    waiting.subscription.unsubscribe();
    tick(10_000);
    h.http.expectNone(() => true);

    const inFlight = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(150);
    const retry = h.http.expectOne(() => true);
    inFlight.subscription.unsubscribe();
    expect(retry.cancelled).toBeTrue();
    tick(10_000);
    h.http.expectNone(() => true);
  });

  it('retry: false in the configuration turns them off; a call can turn them back on', () => {
    setUp({ retry: false });
    const off = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(10_000);
    h.http.expectNone(() => true);
    expect(off.kratosError().kind).toBe('server_error');

    const on = record(h.service.getFlow(TESTING_FLOW_ID, { retry: { count: 1 } }));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(150);
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(on.values.length).toBe(1);
  });

  it("a call's retry overrides only the fields it names; the rest come from the configuration", () => {
    setUp({ retry: { count: 0, delay: 1000, maxDelay: 8000 } });
    const rec = record(h.service.getFlow(TESTING_FLOW_ID, { retry: { count: 1 } }));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    tick(499);
    h.http.expectNone(() => true);
    tick(1);
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(rec.values.length).toBe(1);
  });

  it('retry: false on a call turns them off for that call only', () => {
    setUp();
    const off = record(h.service.getFlow(TESTING_FLOW_ID, { retry: false }));
    fail(
      h.http.expectOne(() => true),
      502,
    );
    expect(off.kratosError().kind).toBe('server_error');
    tick(10_000);
    h.http.expectNone(() => true);
  });

  it('the timeout covers the whole call, retries included', () => {
    setUp({ timeout: 1000, retry: { count: 10, delay: 300, maxDelay: 300 } });
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    let requests = 0;
    for (let ms = 0; ms < 1000; ms += 10) {
      h.http.match(() => true).forEach((req) => (requests++, fail(req, 503)));
      tick(10);
    }
    expect(rec.kratosError().kind).toBe('timeout');
    expect(requests).toBeGreaterThan(1);
    tick(10_000);
    h.http.expectNone(() => true);
  });

  it('refuses a retry setting that is out of range, at startup', () => {
    for (const retry of [{ count: -1 }, { count: 1.5 }, { count: 11 }, { delay: 500, maxDelay: 100 }, { delay: -1 }]) {
      TestBed.resetTestingModule();
      expect(() => setUp({ retry })).toThrowError(/ngx-kratos: retry\./);
    }
    TestBed.resetTestingModule();
    setUp();
  });
});

describe('KratosHttp sharing of identical reads in flight', () => {
  let h: Harness;
  beforeEach(
    () =>
      (h = setUpKratos({
        config: { baseUrl: KRATOS_TESTING_BASE_URL, retry: false },
        features: [withRetry(), withRequestSharing()],
      })),
  );
  afterEach(() => h.http.verify());

  it('two callers asking for the same flow at once share one request, and each gets its own copy', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const b = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(a.values[0]).toEqual(b.values[0]);
    expect(a.values[0]).not.toBe(b.values[0]);
    expect(a.completed && b.completed).toBeTrue();
  });

  it('two guards creating a browser flow at once share one request (and so one flow)', () => {
    const a = record(h.service.createBrowserFlow());
    const b = record(h.service.createBrowserFlow());
    h.http.expectOne(() => true).flush(settingsFlow({ id: TESTING_NEW_FLOW_ID }));
    expect([a.values[0].id, b.values[0].id]).toEqual([TESTING_NEW_FLOW_ID, TESTING_NEW_FLOW_ID]);
  });

  it('the shared request is aborted only when its last subscriber leaves', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const b = record(h.service.getFlow(TESTING_FLOW_ID));
    const req = h.http.expectOne(() => true);
    a.subscription.unsubscribe();
    expect(req.cancelled).toBeFalse();
    b.subscription.unsubscribe();
    expect(req.cancelled).toBeTrue();
  });

  it('a caller who stays gets the answer after the other left', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const b = record(h.service.getFlow(TESTING_FLOW_ID));
    a.subscription.unsubscribe();
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(a.values).toEqual([]);
    expect(b.values[0].id).toBe(TESTING_FLOW_ID);
  });

  it('a failure reaches every caller as a KratosError', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const b = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http
      .expectOne(() => true)
      .flush(kratosErrorBody('not_found', { endpoint: 'get' }).body, { status: 404, statusText: 'Not Found' });
    expect(a.kratosError().kind).toBe('not_found');
    expect(b.kratosError().kind).toBe('not_found');
  });

  it('is not a cache: a call after the answer sends a new request', () => {
    const first = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http.expectOne(() => true).flush(settingsFlow());
    const second = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http.expectOne(() => true).flush(settingsFlow({ state: 'success' }));
    expect([first.values[0].state, second.values[0].state]).toEqual(['show_form', 'success']);
  });

  it('a caller that joins after everyone left starts a new request', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const first = h.http.expectOne(() => true);
    a.subscription.unsubscribe();
    record(h.service.getFlow(TESTING_FLOW_ID));
    expect(first.cancelled).toBeTrue();
    h.http.expectOne(() => true).flush(settingsFlow());
  });

  it('different reads are not shared: other id, other token, other headers, own HttpContext, progress events', () => {
    record(h.service.getFlow(TESTING_FLOW_ID));
    record(h.service.getFlow(TESTING_NEW_FLOW_ID));
    record(h.service.getFlow(TESTING_FLOW_ID, { sessionToken: 'a' }));
    record(h.service.getFlow(TESTING_FLOW_ID, { sessionToken: 'b' }));
    record(h.service.getFlow(TESTING_FLOW_ID, { headers: { 'X-Request-Id': '1' } }));
    record(h.service.getFlow(TESTING_FLOW_ID, { context: new HttpContext() }));
    record(h.service.getFlow(TESTING_FLOW_ID, { observe: 'events' }));
    const requests = h.http.match(() => true);
    expect(requests.length).toBe(7);
    requests.forEach((req) => req.flush(settingsFlow()));
  });

  it('calls with different retry settings are not shared (each keeps the retries it asked for)', () => {
    record(h.service.getFlow(TESTING_FLOW_ID));
    record(h.service.getFlow(TESTING_FLOW_ID, { retry: { count: 3 } }));
    const requests = h.http.match(() => true);
    expect(requests.length).toBe(2);
    requests.forEach((req) => req.flush(settingsFlow()));
  });

  it('a caller asking again from its complete handler starts a new request, which a third caller then joins', () => {
    let again: ReturnType<typeof record<SettingsFlow>> | undefined;
    h.service
      .getFlow(TESTING_FLOW_ID)
      .subscribe({ complete: () => (again = record(h.service.getFlow(TESTING_FLOW_ID))) });
    h.http.expectOne(() => true).flush(settingsFlow());
    const third = record(h.service.getFlow(TESTING_FLOW_ID));
    h.http.expectOne(() => true).flush(settingsFlow({ state: 'success' }));
    expect(again?.values[0].state).toBe('success');
    expect(third.values[0].state).toBe('success');
  });

  it('a read asked for after a submit was sent does not join a read that left before it', () => {
    const before = record(h.service.getFlow(TESTING_FLOW_ID));
    record(h.service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'x' }));
    const after = record(h.service.getFlow(TESTING_FLOW_ID));
    const gets = h.http.match((req) => req.method === 'GET');
    expect(gets.length).toBe(2);
    gets[0].flush(settingsFlow());
    h.http.expectOne((req) => req.method === 'POST').flush(fx.successFlow());
    gets[1].flush(settingsFlow({ state: 'success' }));
    expect(before.values[0].state).toBe('show_form');
    expect(after.values[0].state).toBe('success');
  });

  it('submits are never shared: two identical POSTs are two requests', () => {
    const body = { method: 'password' as const, password: 'x' };
    record(h.service.updateFlow(TESTING_FLOW_ID, body));
    record(h.service.updateFlow(TESTING_FLOW_ID, body));
    const requests = h.http.match(() => true);
    expect(requests.length).toBe(2);
    requests.forEach((req) => req.flush(fx.successFlow()));
  });

  describe('with timers', () => {
    beforeEach(() => {
      jasmine.clock().install();
      spyOn(Math, 'random').and.returnValue(0);
    });
    afterEach(() => jasmine.clock().uninstall());

    it("one caller's timeout leaves the request running for the other", () => {
      const short = record(h.service.getFlow(TESTING_FLOW_ID, { timeout: 100 }));
      const patient = record(h.service.getFlow(TESTING_FLOW_ID));
      const req = h.http.expectOne(() => true);
      jasmine.clock().tick(100);
      expect(short.kratosError().kind).toBe('timeout');
      expect(req.cancelled).toBeFalse();
      req.flush(settingsFlow());
      expect(patient.values.length).toBe(1);
    });

    it('a caller that arrives while the read waits for a retry joins it: one retry request for both', () => {
      TestBed.resetTestingModule();
      h = setUpKratos({ config: { baseUrl: KRATOS_TESTING_BASE_URL }, features: [withRetry(), withRequestSharing()] });
      const a = record(h.service.getFlow(TESTING_FLOW_ID));
      fail(
        h.http.expectOne(() => true),
        503,
      );
      const b = record(h.service.getFlow(TESTING_FLOW_ID));
      h.http.expectNone(() => true);
      jasmine.clock().tick(150);
      h.http.expectOne(() => true).flush(settingsFlow());
      expect(a.values.length).toBe(1);
      expect(b.values.length).toBe(1);
    });
  });
});

describe('KratosHttp without withRetry() and withRequestSharing() (the default)', () => {
  let h: Harness;
  beforeEach(() => (h = setUpKratos()));
  afterEach(() => h.http.verify());

  it('a 503 on a read is a server_error at once: one request, no retry', () => {
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    expect(rec.kratosError().kind).toBe('server_error');
    h.http.expectNone(() => true);
  });

  it('a retry option does nothing, and dev mode says so once', () => {
    const warn = spyOn(console, 'warn');
    for (let i = 0; i < 2; i++) {
      const rec = record(h.service.getFlow(TESTING_FLOW_ID, { retry: { count: 3 } }));
      fail(
        h.http.expectOne(() => true),
        503,
      );
      expect(rec.kratosError().kind).toBe('server_error');
    }
    expect(warn.calls.allArgs().filter(([text]) => /withRetry\(\)/.test(String(text))).length).toBe(1);
  });

  it('two identical reads at once are two requests', () => {
    const a = record(h.service.getFlow(TESTING_FLOW_ID));
    const b = record(h.service.getFlow(TESTING_FLOW_ID));
    const requests = h.http.match(() => true);
    expect(requests.length).toBe(2);
    requests.forEach((req) => req.flush(settingsFlow()));
    expect(a.values.length + b.values.length).toBe(2);
  });
});

describe('withRetry(options)', () => {
  let h: Harness | undefined;
  afterEach(() => h?.http.verify());

  it('its own settings win over the configuration’s', () => {
    jasmine.clock().install();
    spyOn(Math, 'random').and.returnValue(0);
    h = setUpKratos({
      config: { baseUrl: KRATOS_TESTING_BASE_URL, retry: false },
      features: [withRetry({ count: 1, delay: 100 })],
    });
    const rec = record(h.service.getFlow(TESTING_FLOW_ID));
    fail(
      h.http.expectOne(() => true),
      503,
    );
    jasmine.clock().tick(50);
    h.http.expectOne(() => true).flush(settingsFlow());
    expect(rec.values.length).toBe(1);
    jasmine.clock().uninstall();
  });

  it('refuses settings out of range when it is called', () => {
    expect(() => withRetry({ count: 11 })).toThrowError(/retry\.count/);
  });
});
