/*
 * One suite, run against both registrations (the functional interceptor with `withInterceptors`, and the class
 * shell with `HTTP_INTERCEPTORS` + `withInterceptorsFromDi`). Only strings: HttpTestingController sends nothing.
 * Sections (§) are those of docs/kratos-protocol.md.
 */
import {
  HTTP_INTERCEPTORS,
  HttpClient,
  HttpContext,
  provideHttpClient,
  withInterceptors,
  withInterceptorsFromDi,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EMPTY, of, Subject, throwError } from 'rxjs';
import { withSessionToken } from '../provide/features';
import { provideKratos } from '../provide/provide-kratos';
import { SessionTokenOptions } from './session-token';
import {
  KRATOS_SKIP_SESSION_TOKEN,
  kratosSessionTokenInterceptor,
  KratosSessionTokenInterceptor,
} from './kratos-session-token.interceptor';

const TOKEN = 'ory_st_secret';
const registrations = {
  'functional (withInterceptors)': () => [provideHttpClient(withInterceptors([kratosSessionTokenInterceptor]))],
  'class (HTTP_INTERCEPTORS)': () => [
    provideHttpClient(withInterceptorsFromDi()),
    { provide: HTTP_INTERCEPTORS, useClass: KratosSessionTokenInterceptor, multi: true },
  ],
};

for (const [registration, httpProviders] of Object.entries(registrations)) {
  describe(`kratosSessionTokenInterceptor, ${registration}`, () => {
    let http: HttpClient;
    let controller: HttpTestingController;

    function setUp(baseUrl: string, token: SessionTokenOptions['token'] = () => TOKEN, headerName?: string): void {
      spyOn(console, 'warn'); // the dev-mode browser warning has its own spec below
      TestBed.configureTestingModule({
        providers: [
          ...httpProviders(),
          provideHttpClientTesting(),
          provideKratos({ baseUrl }, withSessionToken({ token, headerName })),
        ],
      });
      http = TestBed.inject(HttpClient);
      controller = TestBed.inject(HttpTestingController);
    }

    /** The headers the request to `url` went out with. */
    function sent(url: string, context?: HttpContext, headers?: Record<string, string>) {
      http.get(url, { context, headers }).subscribe();
      const req = controller.expectOne(() => true);
      req.flush({});
      return req.request;
    }

    afterEach(() => controller.verify());

    describe('base https://kratos.example.com', () => {
      beforeEach(() => setUp('https://kratos.example.com'));

      const mustNot = [
        'https://evil.example/',
        'https://kratos.example.com:8443/sessions/whoami',
        'http://kratos.example.com/sessions/whoami',
        'https://kratos.example.com.evil.example/',
        'https://evilkratos.example.com/',
        'https://kratos.example.com@evil.example/',
        'https://kratos.example.com%2F@evil.example/',
        'https://kratos.example.com:443@evil.example/',
        '//evil.example/sessions/whoami',
        '/\\evil.example/sessions/whoami',
        'https://sub.kratos.example.com/',
        'https://kratos.example.co/',
        'https://kratos.exаmple.com/', // Cyrillic "а": a different IDN host
        'https://kratos.example.com./',
        '/sessions/whoami',
        'sessions/whoami',
        'https://evil.example/https://kratos.example.com/',
        'https://evil.example/?next=https://kratos.example.com',
        'https://evil.example/#https://kratos.example.com',
        'ws://kratos.example.com/',
        'https://127.0.0.1/',
        'https://[::1]/',
      ];
      for (const url of mustNot) {
        it(`does not send the token to ${JSON.stringify(url)}`, () => {
          expect(sent(url).headers.has('X-Session-Token')).toBeFalse();
        });
      }

      const must = [
        'https://kratos.example.com/self-service/settings/flows?id=1',
        'https://kratos.example.com',
        'https://KRATOS.Example.COM/sessions/whoami',
        'https://kratos.example.com:443/sessions/whoami',
        'HTTPS://kratos.example.com/sessions/whoami',
      ];
      for (const url of must) {
        it(`sends the token to ${JSON.stringify(url)}, without cookies`, () => {
          const request = sent(url);
          expect(request.headers.get('X-Session-Token')).toBe(TOKEN);
          expect(request.withCredentials).toBeFalse();
        });
      }

      it('never overwrites a header the caller set', () => {
        const request = sent('https://kratos.example.com/x', undefined, { 'X-Session-Token': 'callers-own' });
        expect(request.headers.get('X-Session-Token')).toBe('callers-own');
      });

      it('lets one request opt out through its HttpContext', () => {
        const context = new HttpContext().set(KRATOS_SKIP_SESSION_TOKEN, true);
        expect(sent('https://kratos.example.com/x', context).headers.has('X-Session-Token')).toBeFalse();
      });
    });

    describe('base with a path, https://app.example.com/.ory', () => {
      beforeEach(() => setUp('https://app.example.com/.ory'));

      for (const url of [
        'https://app.example.com/.orybad/sessions/whoami',
        'https://app.example.com/.ory/../api/users',
        'https://app.example.com/.ory/%2e%2e/api/users',
        'https://app.example.com/.ory%2F..%2Fapi',
        'https://app.example.com/api/users',
        'https://app.example.com/',
      ]) {
        it(`does not send the token to the sibling or escaping ${JSON.stringify(url)}`, () => {
          expect(sent(url).headers.has('X-Session-Token')).toBeFalse();
        });
      }

      for (const url of ['https://app.example.com/.ory', 'https://app.example.com/.ory/sessions/whoami']) {
        it(`sends the token to ${JSON.stringify(url)}`, () => {
          expect(sent(url).headers.get('X-Session-Token')).toBe(TOKEN);
        });
      }
    });

    describe('a path base on the app’s own origin, /.ory', () => {
      beforeEach(() => setUp('/.ory'));
      const app = new URL(document.baseURI).origin;

      for (const url of ['/.ory/sessions/whoami', '.ory/sessions/whoami', `${app}/.ory/self-service/settings/flows`]) {
        it(`sends the token to ${JSON.stringify(url)} (resolved against the document)`, () => {
          expect(sent(url).headers.get('X-Session-Token')).toBe(TOKEN);
        });
      }
      for (const url of ['/.orybad/x', '/.ory/../api', '/api/.ory', 'http://127.0.0.2:9876/.ory/x']) {
        it(`does not send the token to ${JSON.stringify(url)}`, () => {
          expect(sent(url).headers.has('X-Session-Token')).toBeFalse();
        });
      }
    });

    describe('an IDN host', () => {
      beforeEach(() => setUp('https://kratos.bücher.example'));

      it('written as punycode is the same origin', () => {
        expect(sent('https://kratos.xn--bcher-kva.example/x').headers.get('X-Session-Token')).toBe(TOKEN);
      });
      it('a look-alike host is not', () => {
        expect(sent('https://kratos.bucher.example/x').headers.has('X-Session-Token')).toBeFalse();
      });
    });

    describe('token sources', () => {
      const cases: [string, SessionTokenOptions['token']][] = [
        ['null', () => null],
        ['an empty string', () => ''],
        [
          'a function that throws',
          () => {
            throw new Error('storage unavailable');
          },
        ],
        ['an Observable that fails', () => throwError(() => new Error('refresh failed'))],
        ['an Observable that completes empty', () => EMPTY],
        ['an Observable of null', () => of(null)],
      ];
      for (const [name, token] of cases) {
        it(`${name}: the request goes out without the header, no crash, no hang`, () => {
          setUp('https://kratos.example.com', token);
          const request = sent('https://kratos.example.com/x');
          expect(request.headers.has('X-Session-Token')).toBeFalse();
        });
      }

      it('an Observable: its first value, read per request', () => {
        const source = new Subject<string>();
        setUp('https://kratos.example.com', () => source);
        http.get('https://kratos.example.com/x').subscribe();
        controller.expectNone(() => true);
        source.next('first');
        source.next('second');
        const req = controller.expectOne(() => true);
        expect(req.request.headers.get('X-Session-Token')).toBe('first');
        req.flush({});
      });

      it('runs the token function in an injection context, per request', () => {
        let calls = 0;
        setUp('https://kratos.example.com', () => {
          calls++;
          return inject(HttpClient) ? `t${calls}` : null; // inject() throws outside an injection context
        });
        expect(sent('https://kratos.example.com/x').headers.get('X-Session-Token')).toBe('t1');
        expect(sent('https://kratos.example.com/x').headers.get('X-Session-Token')).toBe('t2');
      });

      it('headerName Authorization sends the Bearer form Kratos reads (§1.2)', () => {
        setUp('https://kratos.example.com', () => TOKEN, 'Authorization');
        expect(sent('https://kratos.example.com/x').headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
      });

      it('adds no second token header next to a per-call X-Session-Token', () => {
        setUp('https://kratos.example.com', () => TOKEN, 'Authorization');
        const request = sent('https://kratos.example.com/x', undefined, { 'X-Session-Token': 'per-call' });
        expect(request.headers.has('Authorization')).toBeFalse();
      });

      it('honours headerName', () => {
        setUp('https://kratos.example.com', () => TOKEN, 'Authorization-Token');
        const request = sent('https://kratos.example.com/x');
        expect(request.headers.get('Authorization-Token')).toBe(TOKEN);
        expect(request.headers.has('X-Session-Token')).toBeFalse();
      });
    });
  });
}

describe('kratosSessionTokenInterceptor without withSessionToken()', () => {
  it('passes every request through untouched', () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([kratosSessionTokenInterceptor])),
        provideHttpClientTesting(),
        provideKratos({ baseUrl: 'https://kratos.example.com' }),
      ],
    });
    TestBed.inject(HttpClient).get('https://kratos.example.com/x', { withCredentials: true }).subscribe();
    const req = TestBed.inject(HttpTestingController).expectOne(() => true);
    expect(req.request.headers.has('X-Session-Token')).toBeFalse();
    expect(req.request.withCredentials).toBeTrue();
    req.flush({});
  });
});

describe('withSessionToken() in a browser', () => {
  it('warns once per app in dev mode that browsers cannot submit api flows', () => {
    const warn = spyOn(console, 'warn');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideKratos({ baseUrl: '/.ory' }, withSessionToken({ token: () => null }))],
    });
    TestBed.inject(HttpClient);
    TestBed.inject(HttpClient);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.calls.argsFor(0)[0])).toContain('Origin header');
  });
});
