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
