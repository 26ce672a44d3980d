// KratosSessionService: whoami and logout (docs/kratos-protocol.md §2.5 and §2.6).
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { KRATOS_TESTING_BASE_URL, kratosErrorBody, settingsFlow } from 'ngx-kratos/testing';
import { withSessionToken } from '../provide/features';
import { KratosFeature, provideKratos } from '../provide/provide-kratos';
import { KratosLocation } from '../navigation/kratos-location';
import { kratosHeaders, record } from '../../testing/harness';
import * as fx from '../../testing/kratos-fixtures';
import { KratosSessionService } from './kratos-session.service';

describe('KratosSessionService', () => {
  let service: KratosSessionService;
  let http: HttpTestingController;
  let assign: jasmine.Spy;

  function setUp(...features: KratosFeature[]): void {
    assign = jasmine.createSpy('assign');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideKratos({ baseUrl: KRATOS_TESTING_BASE_URL }, ...features),
        { provide: KratosLocation, useValue: { assign } },
      ],
    });
    service = TestBed.inject(KratosSessionService);
    http = TestBed.inject(HttpTestingController);
  }
  afterEach(() => http.verify());

  describe('whoami (§2.5)', () => {
    beforeEach(() => setUp());
    const session = {
      id: 's1',
      active: true,
      authenticator_assurance_level: 'aal1',
      identity: settingsFlow().identity,
    };

    it('GET /sessions/whoami with credentials and Accept JSON → the session', () => {
      const rec = record(service.whoami());
      const req = http.expectOne(`${KRATOS_TESTING_BASE_URL}/sessions/whoami`);
      expect(req.request.withCredentials).toBeTrue();
      expect(req.request.headers.get('Accept')).toBe('application/json');
      req.flush(session);
      expect(rec.values).toEqual([session as never]);
    });

    it('the id-less 401 → session_inactive', () => {
      const rec = record(service.whoami());
      const body = {
        error: {
          code: 401,
          status: 'Unauthorized',
          reason: 'No valid session credentials found in the request.',
          message: 'The request could not be authorized',
        },
      };
      http.expectOne(() => true).flush(body, { status: 401, statusText: 'Unauthorized' });
      expect(rec.kratosError().kind).toBe('session_inactive');
      expect(rec.kratosError().id).toBeUndefined();
    });

    it('403 AAL → session_aal2_required with redirect_browser_to', () => {
      const rec = record(service.whoami());
      const body = kratosErrorBody(
        'session_aal2_required',
        { endpoint: 'whoami' },
        { redirectBrowserTo: fx.AAL2_INIT_URL },
      ).body;
      http.expectOne(() => true).flush(body, { status: 403, statusText: 'Forbidden', headers: kratosHeaders(body) });
      expect(rec.kratosError().kind).toBe('session_aal2_required');
      expect(rec.kratosError().redirectBrowserTo).toBe(fx.AAL2_INIT_URL);
    });

    it('a body without an id → malformed_response', () => {
      const rec = record(service.whoami());
      http.expectOne(() => true).flush({ active: true });
      expect(rec.kratosError().kind).toBe('malformed_response');
    });
  });

  describe('logout', () => {
    it('browser: gets the logout flow, then leaves for its logout_url', () => {
      setUp();
      const rec = record(service.logout({ returnTo: 'http://127.0.0.1:4200/' }));
      const req = http.expectOne((r) => r.url === `${KRATOS_TESTING_BASE_URL}/self-service/logout/browser`);
      expect(req.request.params.get('return_to')).toBe('http://127.0.0.1:4200/');
      expect(req.request.withCredentials).toBeTrue();
      req.flush({ logout_url: `${KRATOS_TESTING_BASE_URL}/self-service/logout?token=abc`, logout_token: 'abc' });
      expect(assign).toHaveBeenCalledOnceWith(`${KRATOS_TESTING_BASE_URL}/self-service/logout?token=abc`);
      expect(rec.completed).toBeTrue();
    });

    it('browser: a logout_url on a foreign origin is refused', () => {
      setUp();
      const rec = record(service.logout());
      http.expectOne(() => true).flush({ logout_url: 'https://evil.example/logout', logout_token: 'abc' });
      expect(assign).not.toHaveBeenCalled();
      expect(rec.kratosError().kind).toBe('redirect_not_allowed');
    });

    it('session token: DELETE /self-service/logout/api with the token in the body, 204 → completes', () => {
      spyOn(console, 'warn');
      setUp(withSessionToken({ token: () => 'ory_st_abc' }));
      const rec = record(service.logout());
      const req = http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/logout/api`);
      expect(req.request.method).toBe('DELETE');
      expect(req.request.body).toEqual({ session_token: 'ory_st_abc' });
      expect(req.request.headers.get('Content-Type')).toBe('application/json');
      expect(req.request.withCredentials).toBeFalse();
      req.flush(null, { status: 204, statusText: 'No Content' });
      expect(rec.completed).toBeTrue();
      expect(rec.error).toBeUndefined();
      expect(assign).not.toHaveBeenCalled();
    });

    it('session token given as an option, and no token at all means nothing to revoke', () => {
      setUp();
      record(service.logout({ sessionToken: 'explicit' }));
      const req = http.expectOne(`${KRATOS_TESTING_BASE_URL}/self-service/logout/api`);
      expect(req.request.body).toEqual({ session_token: 'explicit' });
      req.flush(null, { status: 204, statusText: 'No Content' });

      const rec = record(service.logout({ sessionToken: '' }));
      http.expectNone(() => true);
      expect(rec.completed).toBeTrue();
    });
  });
});
