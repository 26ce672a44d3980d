/*
 * The demo's header through its own providers (appConfig), with ngx-kratos/testing's backend layered on top: it
 * shows who is signed in from the app's one whoami, and signs out through Kratos's browser logout.
 */
import { TestBed } from '@angular/core/testing';
import {
  FakeKratosLocation,
  identity,
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  logoutFlow,
  provideKratosTestingBackend,
  session,
} from 'ngx-kratos/testing';
import { App } from './app';
import { appConfig } from './app.config';

describe('App (the header)', () => {
  let kratos: KratosTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      // The testing backend last: appConfig's provideHttpClient(withFetch()) would otherwise replace it.
      providers: [...appConfig({ kratosUrl: KRATOS_TESTING_BASE_URL }).providers, provideKratosTestingBackend()],
    });
    kratos = TestBed.inject(KratosTestingController);
  });

  afterEach(() => kratos.verify());

  const header = async () => {
    const fixture = TestBed.createComponent(App);
    fixture.detectChanges();
    return fixture;
  };

  it('signed in: the email and Sign out; Sign out goes to Kratos’s logout URL', async () => {
    const fixture = await header();
    kratos.expectWhoami().flush(session({ identity: identity({ traits: { email: 'ada@127.0.0.1' } }) }));
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('[data-testid=header-who]')?.textContent).toBe('ada@127.0.0.1');
    expect(root.textContent).toContain('Your session');

    (root.querySelector('.demo-who button') as HTMLButtonElement).click();
    const logout = kratos.expectLogout();
    expect(logout.request.request.params.get('return_to')).toBe(`${location.origin}/`);
    logout.flush(logoutFlow({ returnTo: `${location.origin}/` }));
    await fixture.whenStable();
    expect(TestBed.inject(FakeKratosLocation).assigned).toEqual([
      jasmine.stringMatching(/^http:\/\/127\.0\.0\.1:4433\/self-service\/logout\?/),
    ]);
  });

  it('a first factor only (session_aal2_required): the way to the second factor, and Sign out', async () => {
    const fixture = await header();
    kratos.expectWhoami().flushError('session_aal2_required');
    await fixture.whenStable();
    const who = (fixture.nativeElement as HTMLElement).querySelector('.demo-who');
    expect(who?.querySelector('a')?.getAttribute('href')).toBe('/login?aal=aal2');
    expect(who?.querySelector('button')?.textContent).toBe('Sign out');
  });

  it('a logout that fails says so', async () => {
    const fixture = await header();
    kratos.expectWhoami().flush(session());
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    (root.querySelector('.demo-who button') as HTMLButtonElement).click();
    // Kratos unreachable: the first try and the two retries of the demo's withRetry() all fail.
    kratos.expectLogout().flushError('network');
    for (let retry = 0; retry < 2; retry++) {
      await kratos.requested({ timeout: 5_000 });
      kratos.expectLogout().flushError('network');
    }
    await new Promise((done) => setTimeout(done)); // the rejection reaches the page
    fixture.detectChanges();
    expect(root.querySelector('[role=alert]')?.textContent).toContain('Signing out failed');
  });

  it('signed out: Sign in and Create account, no Sign out', async () => {
    const fixture = await header();
    kratos.expectWhoami().flushError('session_inactive');
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const links = [...root.querySelectorAll('nav a')].map((link) => link.textContent?.trim());
    expect(links).toContain('Sign in');
    expect(links).toContain('Create account');
    expect(root.querySelector('.demo-who')).toBeNull();
  });
});
