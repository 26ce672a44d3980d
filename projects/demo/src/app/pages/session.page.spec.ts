/*
 * The session page through the demo's routes and Kratos setup: requireSession() and sessionResolver share one whoami,
 * whose session the page shows; without one the user goes to the login page.
 */
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { withRetry } from 'ngx-kratos';
import {
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  loginFlow,
  provideKratosTesting,
  session,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

describe('SessionPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  /** The router asks Kratos a moment after a navigation starts: let it. */
  const requestSent = () => new Promise((resolve) => setTimeout(resolve));
  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes({ kratosUrl: KRATOS_TESTING_BASE_URL }), withComponentInputBinding()),
        provideKratosTesting({ timeout: 15_000 }, withRetry(), DEMO_PAGES),
      ],
    });
    kratos = TestBed.inject(KratosTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => kratos.verify());

  it('shows the session of the one whoami its guard and resolver share', async () => {
    const shown = harness.navigateByUrl('/session');
    await requestSent();
    kratos.expectWhoami().flush(
      session({
        authenticator_assurance_level: 'aal2',
        authentication_methods: [
          { method: 'password', aal: 'aal1', completed_at: '2026-11-22T10:00:01Z' },
          { method: 'totp', aal: 'aal2', completed_at: '2026-11-22T10:00:30Z' },
        ],
      }),
    );
    await shown;
    expect(url()).toBe('/session');
    const facts = [...page().querySelectorAll('[data-testid=session] dd')].map((dd) =>
      dd.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(facts[0]).toBe('ada@127.0.0.1');
    expect(facts[1]).toBe('aal2');
    expect(facts[3]).toBe('password, totp');
  });

  it('sends a signed-out user to the login page, to come back here', async () => {
    const shown = harness.navigateByUrl('/session');
    await requestSent();
    kratos.expectWhoami().flushError('session_inactive');
    await requestSent();
    const login = kratos.expectCreate('login');
    expect(login.request.request.params.get('return_to')).toMatch(/\/session\?kratos_step=login$/);
    login.flush(loginFlow());
    await shown;
    expect(url()).toMatch(/^\/login\?/);
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
  });
});
