import { HttpClient, HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Observable } from 'rxjs';
import {
  isKratosError,
  KratosErrorFlowService,
  KratosError,
  KratosErrorKind,
  KratosSessionService,
  LoginFlowService,
  RecoveryFlowService,
  RegistrationFlowService,
  SettingsFlowService,
  VerificationFlowService,
  withRetry,
} from 'ngx-kratos';
import {
  flowError,
  KRATOS_TESTING_BASE_URL,
  loginFlow,
  logoutFlow,
  message,
  recoveryFlow,
  registrationFlow,
  session,
  settingsFlow,
  TESTING_CSRF_TOKEN,
  TESTING_NEW_FLOW_ID,
  verificationFlow,
} from './builders';
import { KratosTestingErrorKind } from './error-bodies';
import { FakeKratosLocation } from './fake-kratos-location';
import { KratosTestingController } from './kratos-testing-controller';
import { provideKratosTesting } from './provide-kratos-testing';

/** What an Observable gave: its values and its error. */
function record<T>(source: Observable<T>): { values: T[]; error?: unknown } {
  const recording: { values: T[]; error?: unknown } = { values: [] };
  source.subscribe({
    next: (value) => recording.values.push(value),
    error: (error: unknown) => (recording.error = error),
  });
  return recording;
}

function kratosError(recording: { error?: unknown }): KratosError {
  expect(recording.error).toBeInstanceOf(KratosError);
  return recording.error as KratosError;
}

describe('KratosTestingController', () => {
  let kratos: KratosTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideKratosTesting()] });
    kratos = TestBed.inject(KratosTestingController);
  });

  afterEach(() => kratos.verify());

  describe('expectCreate, expectGet', () => {
    it('answers each flow kind’s browser init and GET with the flow', () => {
      const settings = TestBed.inject(SettingsFlowService);
      const login = TestBed.inject(LoginFlowService);
      const registration = TestBed.inject(RegistrationFlowService);
      const recovery = TestBed.inject(RecoveryFlowService);
      const verification = TestBed.inject(VerificationFlowService);

      const created = [
        record(settings.createBrowserFlow()),
        record(login.createBrowserFlow()),
        record(registration.createBrowserFlow()),
        record(recovery.createBrowserFlow()),
        record(verification.createBrowserFlow()),
      ];
      kratos.expectCreate('settings').flush(settingsFlow({ id: 's' }));
      kratos.expectCreate('login').flush(loginFlow({ id: 'l' }));
      kratos.expectCreate('registration').flush(registrationFlow({ id: 'r' }));
      kratos.expectCreate('recovery').flush(recoveryFlow({ id: 'c' }));
      kratos.expectCreate('verification').flush(verificationFlow({ id: 'v' }));
      expect(created.map(({ values }) => values[0]?.id)).toEqual(['s', 'l', 'r', 'c', 'v']);

      const read = [
        record(settings.getFlow('s')),
        record(login.getFlow('l')),
        record(registration.getFlow('r')),
        record(recovery.getFlow('c')),
        record(verification.getFlow('v')),
      ];
      kratos.expectGet('settings', 's').flush(settingsFlow({ id: 's' }));
      kratos.expectGet('login', 'l').flush(loginFlow({ id: 'l' }));
      kratos.expectGet('registration', 'r').flush(registrationFlow({ id: 'r' }));
      kratos.expectGet('recovery', 'c').flush(recoveryFlow({ id: 'c' }));
      kratos.expectGet('verification', 'v').flush(verificationFlow({ id: 'v' }));
      expect(read.map(({ values }) => values[0]?.id)).toEqual(['s', 'l', 'r', 'c', 'v']);
    });

    it('expects the api init with native: true, and exposes the TestRequest', () => {
      const created = record(TestBed.inject(SettingsFlowService).createNativeFlow({ sessionToken: 'ory_st_x' }));
      const request = kratos.expectCreate('settings', { native: true });
      expect(request.request.request.headers.get('X-Session-Token')).toBe('ory_st_x');
      request.flush(settingsFlow({ type: 'api' }));
      expect(created.values[0]?.type).toBe('api');
    });

    it('fails on a request that was not sent (another id), like HttpTestingController.expectOne', () => {
      TestBed.inject(SettingsFlowService).getFlow('a').subscribe();
      expect(() => kratos.expectGet('settings', 'b')).toThrowError(/GET \/self-service\/settings\/flows\?id=b/);
      kratos.expectGet('settings', 'a').flush(settingsFlow({ id: 'a' }));
    });
  });

  describe('expectUpdate', () => {
    it('shows the body sent; flush answers success, flushInvalid a 400 with the flow', () => {
      const service = TestBed.inject(SettingsFlowService);
      const body = { method: 'password' as const, password: 'correct horse', csrf_token: TESTING_CSRF_TOKEN };
      const saved = record(service.updateFlow('f', body));
      const request = kratos.expectUpdate('settings', 'f');
      expect(request.request.request.body).toEqual(body);
      request.flush(settingsFlow({ id: 'f', state: 'success' }));
      expect(saved.values[0]?.kind).toBe('success');

      const refused = record(service.updateFlow('f', body));
      const invalid = settingsFlow({ id: 'f' });
      invalid.ui.messages = [message(4000005, 'The password can not be used because it is too short.', 'error')];
      kratos.expectUpdate('settings', 'f').flushInvalid(invalid);
      expect(refused.values[0]).toEqual({ kind: 'invalid', flow: invalid });
    });

    it("flushes a login's success body", () => {
      const body = { method: 'password' as const, identifier: 'ada@127.0.0.1', password: 'p', csrf_token: 'c' };
      const result = record(TestBed.inject(LoginFlowService).updateFlow('f', body));
      kratos.expectUpdate('login', 'f').flush({ session: session(), continue_with: [] });
      expect(result.values[0]).toEqual(jasmine.objectContaining({ kind: 'success', session: session() }));
    });
  });

  describe('flushError', () => {
    const settingsKinds: KratosTestingErrorKind[] = [
      'session_inactive',
      'session_aal2_required',
      'session_refresh_required',
      'security_csrf_violation',
      'security_identity_mismatch',
      'self_service_flow_expired',
      'browser_location_change_required',
      'self_service_flow_return_to_forbidden',
      'not_found',
      'bad_request',
      'server_error',
    ];

    for (const kind of settingsKinds) {
      it(`answers a settings submit with ${kind}, which the library reads as that kind`, () => {
        const result = record(
          TestBed.inject(SettingsFlowService).updateFlow('f', { method: 'profile', traits: {}, csrf_token: 'c' }),
        );
        kratos.expectUpdate('settings', 'f').flushError(kind);
        expect(kratosError(result).kind).toBe(kind as KratosErrorKind);
      });
    }

    it('answers the id-less 401 on GET and POST, the id’d one on the init', () => {
      const service = TestBed.inject(SettingsFlowService);
      const init = record(service.createBrowserFlow());
      kratos.expectCreate('settings').flushError('session_inactive');
      const get = record(service.getFlow('f'));
      kratos.expectGet('settings', 'f').flushError('session_inactive');
      expect(kratosError(init)).toEqual(
        jasmine.objectContaining({ kind: 'session_inactive', id: 'session_inactive', status: 401 }),
      );
      expect(kratosError(get).kind).toBe('session_inactive');
      expect(kratosError(get).id).toBeUndefined();
      expect(kratosError(get).status).toBe(401);
    });

    it('answers an expired settings GET with the id-less 410 and its redirect_to, a submit with use_flow_id', () => {
      const service = TestBed.inject(SettingsFlowService);
      const get = record(service.getFlow('f'));
      kratos.expectGet('settings', 'f').flushError('self_service_flow_expired');
      expect(kratosError(get)).toEqual(jasmine.objectContaining({ kind: 'self_service_flow_expired', status: 410 }));
      expect(kratosError(get).id).toBeUndefined();
      expect(kratosError(get).details?.['redirect_to']).toBe('http://127.0.0.1:4433/self-service/settings/browser');

      const post = record(service.updateFlow('f', { method: 'profile', traits: {}, csrf_token: 'c' }));
      kratos.expectUpdate('settings', 'f').flushError('self_service_flow_expired');
      expect(kratosError(post).useFlowId).toBe(TESTING_NEW_FLOW_ID);

      const other = record(service.updateFlow('f', { method: 'profile', traits: {}, csrf_token: 'c' }));
      kratos.expectUpdate('settings', 'f').flushError('self_service_flow_expired', { useFlowId: 'next' });
      expect(kratosError(other).useFlowId).toBe('next');
    });

    it("answers a login GET's 410 with the id, unlike settings'", () => {
      const get = record(TestBed.inject(LoginFlowService).getFlow('f'));
      kratos.expectGet('login', 'f').flushError('self_service_flow_expired');
      expect(kratosError(get).id).toBe('self_service_flow_expired');
    });

    it('takes the redirect and the fields a test names', () => {
      const result = record(TestBed.inject(SettingsFlowService).getFlow('f'));
      kratos
        .expectGet('settings', 'f')
        .flushError('session_aal2_required', { redirectBrowserTo: 'http://127.0.0.1:4433/x', reason: 'Step up.' });
      const error = kratosError(result);
      expect(error.redirectBrowserTo).toBe('http://127.0.0.1:4433/x');
      expect(error.reason).toBe('Step up.');
    });

    it('answers registration’s disabled init, and no answer at all for network', () => {
      const disabled = record(TestBed.inject(RegistrationFlowService).createBrowserFlow());
      kratos.expectCreate('registration').flushError('self_service_flow_disabled');
      expect(kratosError(disabled).kind).toBe('self_service_flow_disabled');

      const offline = record(TestBed.inject(SettingsFlowService).getFlow('f'));
      kratos.expectGet('settings', 'f').flushError('network');
      expect(isKratosError(offline.error, 'network')).toBeTrue();
    });
  });

  describe('expectWhoami', () => {
    it("answers whoami with a session, or with whoami's id-less 401", () => {
      const sessions = TestBed.inject(KratosSessionService);
      const signedIn = record(sessions.whoami());
      kratos.expectWhoami().flush(session({ authenticator_assurance_level: 'aal2' }));
      expect(signedIn.values[0]?.authenticator_assurance_level).toBe('aal2');

      const signedOut = record(sessions.whoami());
      kratos.expectWhoami().flushError('session_inactive');
      const error = kratosError(signedOut);
      expect(error).toEqual(jasmine.objectContaining({ kind: 'session_inactive', status: 401 }));
      expect(error.id).toBeUndefined();
      expect(error.reason).toBe('No valid session credentials found in the request.');
    });

    it('answers a session below the required AAL with session_aal2_required', () => {
      const result = record(TestBed.inject(KratosSessionService).whoami());
      kratos.expectWhoami().flushError('session_aal2_required');
      expect(kratosError(result).kind).toBe('session_aal2_required');
      expect(kratosError(result).redirectBrowserTo).toContain('/self-service/login/browser?aal=aal2');
    });
  });

  it('verify fails while a request is unanswered', () => {
    TestBed.inject(SettingsFlowService).getFlow('f').subscribe();
    expect(() => kratos.verify()).toThrowError(/Expected no open requests/);
    kratos.expectGet('settings', 'f').flush(settingsFlow({ id: 'f' }));
  });

  describe('expectCreate with a query', () => {
    it('matches an init by return_to (a value or a pattern), aal, refresh and other params', () => {
      const login = TestBed.inject(LoginFlowService);
      login.createBrowserFlow({ aal: 'aal2', refresh: true, returnTo: 'http://127.0.0.1:4200/session' }).subscribe();
      const request = kratos.expectCreate('login', { aal: 'aal2', refresh: true, returnTo: /\/session$/ });
      expect(request.request.request.params.get('aal')).toBe('aal2');
      request.flush(loginFlow({ requested_aal: 'aal2' }));

      login.createBrowserFlow().subscribe();
      expect(() => kratos.expectCreate('login', { aal: 'aal2' })).toThrowError(
        /GET \/self-service\/login\/browser\?aal=aal2/,
      );
      kratos.expectCreate('login', { refresh: false, params: {} }).flush(loginFlow());
    });
  });

  describe('expectErrorFlow', () => {
    it("answers the error flow's GET with a stored error, and an unknown id with v1.3.1's 404", () => {
      const errors = TestBed.inject(KratosErrorFlowService);
      const stored = record(errors.getError('e1'));
      kratos.expectErrorFlow('e1').flush(flowError({ id: 'e1' }));
      expect(stored.values).toEqual([flowError({ id: 'e1' })]);

      const unknown = record(errors.getError('e2'));
      const request = kratos.expectErrorFlow('e2');
      expect(request.request.request.params.get('id')).toBe('e2');
      request.flushError('not_found');
      expect(kratosError(unknown)).toEqual(jasmine.objectContaining({ kind: 'not_found', status: 404 }));
    });
  });

  describe('expectLogout', () => {
    it("answers the browser logout with logoutFlow() and the request's return_to; the library goes there", () => {
      const done = record(TestBed.inject(KratosSessionService).logout({ returnTo: 'http://127.0.0.1:4433/bye' }));
      const request = kratos.expectLogout();
      expect(request.request.request.method).toBe('GET');
      request.flush();
      expect(done.error).toBeUndefined();
      expect(TestBed.inject(FakeKratosLocation).last).toBe(
        logoutFlow({ returnTo: 'http://127.0.0.1:4433/bye' }).logout_url,
      );
    });

    it('answers the api logout with 204, and without a session with 401 (browser) or 403 (api)', () => {
      const session = TestBed.inject(KratosSessionService);
      const revoked = record(session.logout({ sessionToken: 'ory_st_x' }));
      const request = kratos.expectLogout({ native: true });
      expect(request.request.request.method).toBe('DELETE');
      expect(request.request.request.body).toEqual({ session_token: 'ory_st_x' });
      expect(() => request.flush(logoutFlow())).toThrowError(/204/);
      request.flush();
      expect(revoked.values).toEqual([undefined]);
      expect(revoked.error).toBeUndefined();

      const browser = record(session.logout());
      kratos.expectLogout().flushError('session_inactive');
      expect(kratosError(browser)).toEqual(jasmine.objectContaining({ kind: 'session_inactive', status: 401 }));
      const api = record(session.logout({ sessionToken: 'ory_st_gone' }));
      kratos.expectLogout({ native: true }).flushError('session_inactive');
      expect(kratosError(api).status).toBe(403);
    });
  });

  describe('requested', () => {
    it('resolves once a request to Kratos is open, without taking it', async () => {
      setTimeout(() => TestBed.inject(LoginFlowService).createBrowserFlow().subscribe(), 5);
      await expectAsync(kratos.requested()).toBeResolved();
      kratos.expectCreate('login').flush(loginFlow());
    });

    it('rejects after its timeout, naming what is open', async () => {
      await expectAsync(kratos.requested({ timeout: 20 })).toBeRejectedWithError(
        new RegExp(
          `no new request to Kratos \\(below ${KRATOS_TESTING_BASE_URL.replace(/\./g, '\\.')}\\) within 20 ms; open requests: none`,
        ),
      );
    });

    it('waits for a request it has not seen: one an earlier requested() resolved on and left open does not count', async () => {
      TestBed.inject(KratosSessionService)
        .whoami()
        .subscribe({ error: () => undefined });
      await expectAsync(kratos.requested()).toBeResolved();
      // The whoami is still open, but seen: a second requested() waits for the next request.
      await expectAsync(kratos.requested({ timeout: 20 })).toBeRejectedWithError(
        /no new request to Kratos .* open requests: GET http:\/\/127\.0\.0\.1:4433\/sessions\/whoami \(seen before\)/,
      );
      setTimeout(() => TestBed.inject(LoginFlowService).createBrowserFlow().subscribe(), 5);
      await expectAsync(kratos.requested()).toBeResolved();
      kratos.expectCreate('login').flush(loginFlow());
      kratos.expectWhoami().flush(session());
    });

    it('after an answer, waits for the request that comes of it', async () => {
      const login = TestBed.inject(LoginFlowService);
      login.createBrowserFlow().subscribe();
      await kratos.requested();
      kratos.expectCreate('login').flush(loginFlow());
      let asked = false;
      const next = kratos.requested().then(() => (asked = true));
      await new Promise((done) => setTimeout(done, 10));
      expect(asked).toBeFalse();
      TestBed.inject(KratosSessionService).whoami().subscribe();
      await next;
      kratos.expectWhoami().flush(session());
    });

    it('with match, only a request it accepts counts', async () => {
      TestBed.inject(LoginFlowService).createBrowserFlow().subscribe();
      const whoami = (req: HttpRequest<unknown>) => req.url.endsWith('/sessions/whoami');
      await expectAsync(kratos.requested({ timeout: 20, match: whoami })).toBeRejectedWithError(
        /no new request to Kratos .* that its match accepts within 20 ms; open requests: GET .*\/self-service\/login\/browser/,
      );
      setTimeout(() => TestBed.inject(KratosSessionService).whoami().subscribe(), 5);
      await expectAsync(kratos.requested({ match: whoami })).toBeResolved();
      // The login init was not counted by the matched requested(): a plain one still resolves on it.
      await expectAsync(kratos.requested({ timeout: 20 })).toBeResolved();
      kratos.expectCreate('login').flush(loginFlow());
      kratos.expectWhoami().flush(session());
    });

    it('does not count a request to another port that starts like the base URL (:44330)', async () => {
      const http = TestBed.inject(HttpClient);
      http.get(`${KRATOS_TESTING_BASE_URL}0/sessions/whoami`).subscribe();
      await expectAsync(kratos.requested({ timeout: 20 })).toBeRejectedWithError(
        /no new request to Kratos .* open requests: GET http:\/\/127\.0\.0\.1:44330\/sessions\/whoami/,
      );
      TestBed.inject(HttpTestingController).expectOne(`${KRATOS_TESTING_BASE_URL}0/sessions/whoami`).flush({});
    });
  });

  it('requested(): a retry of an answered request (the same HttpRequest, sent again) is a new request', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideKratosTesting({}, withRetry({ count: 1, delay: 1 }))] });
    kratos = TestBed.inject(KratosTestingController);
    let answered: unknown;
    TestBed.inject(KratosSessionService)
      .whoami()
      .subscribe({ next: (value) => (answered = value), error: () => undefined });
    await kratos.requested();
    kratos.expectWhoami().flushError('network');
    await kratos.requested({ timeout: 2_000 }); // withRetry's one retry
    kratos.expectWhoami().flush(session());
    expect(answered).toEqual(session());
  });

  it('says so when a later provideHttpClient() replaced the testing backend', () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideKratosTesting(), provideHttpClient()] });
    expect(() => TestBed.inject(KratosTestingController)).toThrowError(/list the ngx-kratos\/testing providers last/);
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideKratosTesting()] });
    kratos = TestBed.inject(KratosTestingController);
  });
});
