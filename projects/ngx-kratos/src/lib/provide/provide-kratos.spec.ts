import { provideHttpClient } from '@angular/common/http';
import { createEnvironmentInjector, EnvironmentInjector, InjectionToken } from '@angular/core';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SettingsFlowService } from '../settings/settings-flow.service';
import { KRATOS_CONFIG } from '../config/kratos-config';
import { KRATOS_ERROR_ROUTE } from '../navigation/navigation-tokens';
import { KRATOS_ALLOWED_ORIGINS } from '../security/kratos-origins';
import { withAllowedRedirects, withErrorRoute, withLogin, withSessionToken } from './features';
import { KratosModule } from './kratos.module';
import { KratosFeature, provideKratos } from './provide-kratos';

describe('provideKratos', () => {
  it('provides the configuration with trailing slashes removed', () => {
    TestBed.configureTestingModule({ providers: [provideKratos({ baseUrl: 'http://127.0.0.1:4433//' })] });
    expect(TestBed.inject(KRATOS_CONFIG).baseUrl).toBe('http://127.0.0.1:4433');
  });

  it('accepts a path on the app’s own origin and a base URL with a path', () => {
    expect(() => provideKratos({ baseUrl: '/.ory' })).not.toThrow();
    expect(() => provideKratos({ baseUrl: 'https://127.0.0.1/kratos/' })).not.toThrow();
  });

  for (const baseUrl of [
    '',
    'auth.example.com',
    '//127.0.0.1',
    'ftp://127.0.0.1',
    'http://127.0.0.1/?x=1',
    'javascript:alert(1)',
  ]) {
    it(`rejects the base URL ${JSON.stringify(baseUrl)} at startup`, () => {
      expect(() => provideKratos({ baseUrl })).toThrowError(/baseUrl must be/);
    });
  }

  it('rejects a timeout that is not a positive number', () => {
    expect(() => provideKratos({ baseUrl: '/.ory', timeout: 0 })).toThrowError(/timeout/);
    expect(() => provideKratos({ baseUrl: '/.ory', timeout: -1 })).toThrowError(/timeout/);
  });

  it('adds the providers of its features, and refuses the same feature twice', () => {
    const MARKER = new InjectionToken<number>('marker');
    const feature: KratosFeature<'test'> = { ɵkind: 'test', ɵproviders: [{ provide: MARKER, useValue: 42 }] };
    TestBed.configureTestingModule({ providers: [provideKratos({ baseUrl: '/.ory' }, feature)] });
    expect(TestBed.inject(MARKER)).toBe(42);
    expect(() => provideKratos({ baseUrl: '/.ory' }, feature, feature)).toThrowError(/twice/);
  });

  it('SettingsFlowService fails with a clear message when provideKratos is missing', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    expect(() => TestBed.inject(SettingsFlowService)).toThrowError(/provideKratos/);
  });
});

describe('features', () => {
  it('refuse malformed values at startup', () => {
    expect(() => withLogin({ route: 'login' })).toThrowError(/app path/);
    expect(() => withLogin({ route: '//evil.example/login' })).toThrowError(/app path/);
    expect(() => withErrorRoute('https://127.0.0.1/error')).toThrowError(/app path/);
    expect(() => withAllowedRedirects(['*'])).toThrowError(/origins/);
    expect(() => withAllowedRedirects(['https://accounts.example.com/path'])).toThrowError(/origins/);
    expect(() => withSessionToken({ token: 'abc' as never })).toThrowError(/function/);
  });

  it('contradictory features (the same one twice with different values) fail at startup', () => {
    expect(() =>
      provideKratos({ baseUrl: '/.ory' }, withLogin({ route: '/a' }), withLogin({ route: '/b' })),
    ).toThrowError(/twice/);
  });

  it('normalise allowed origins', () => {
    TestBed.configureTestingModule({
      providers: [provideKratos({ baseUrl: '/.ory' }, withAllowedRedirects(['HTTPS://Accounts.Example.com:443/']))],
    });
    expect(TestBed.inject(KRATOS_ALLOWED_ORIGINS)).toEqual(['https://accounts.example.com']);
  });
});

describe('KratosModule.forRoot', () => {
  it('provides exactly what provideKratos provides, features included', () => {
    TestBed.configureTestingModule({
      imports: [KratosModule.forRoot({ baseUrl: 'http://127.0.0.1:4433/' }, withErrorRoute('/oops'))],
      providers: [provideHttpClient()],
    });
    expect(TestBed.inject(KRATOS_CONFIG).baseUrl).toBe('http://127.0.0.1:4433');
    expect(TestBed.inject(KRATOS_ERROR_ROUTE)).toBe('/oops');
    expect(TestBed.inject(SettingsFlowService)).toBeInstanceOf(SettingsFlowService);
  });
});

describe('provideKratos in a child environment (a route’s providers)', () => {
  it('gives that part of the app its own client and configuration', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideKratos({ baseUrl: 'http://127.0.0.1:4433' })],
    });
    // The client is the area's own; the services it uses are listed beside it to get that client.
    const child = createEnvironmentInjector(
      [
        provideKratos({ baseUrl: 'http://127.0.0.1:5555' }, withSessionToken({ token: () => 't' })),
        SettingsFlowService,
      ],
      TestBed.inject(EnvironmentInjector),
    );
    const scoped = child.get(SettingsFlowService);
    expect(scoped).not.toBe(TestBed.inject(SettingsFlowService));
    let error: unknown;
    scoped.getFlow('f1').subscribe({ error: (e: unknown) => (error = e) });
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('http://127.0.0.1:5555/self-service/settings/flows?id=f1').flush({});
    expect(error).toBeDefined(); // `{}` is not a flow; what matters here is where the request went
    http.verify();
    child.destroy();
  });
});
