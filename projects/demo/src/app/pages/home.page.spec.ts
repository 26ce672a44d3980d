/*
 * The home page through the demo's own providers (appConfig: its HttpClient, routes and Kratos setup), with
 * ngx-kratos/testing's backend layered on top: what it says of the session Kratos's whoami answers.
 */
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  identity,
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  provideKratosTestingBackend,
  session,
} from 'ngx-kratos/testing';
import { appConfig } from '../app.config';

describe('HomePage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const who = () => page().querySelector('[data-testid=who]')?.textContent?.trim();
  const links = () =>
    [...page().querySelectorAll<HTMLAnchorElement>('a')].map((link) => [link.textContent, link.getAttribute('href')]);

  beforeEach(async () => {
    TestBed.configureTestingModule({
      // The testing backend last: appConfig's provideHttpClient(withFetch()) would otherwise replace it.
      providers: [...appConfig({ kratosUrl: KRATOS_TESTING_BASE_URL }).providers, provideKratosTestingBackend()],
    });
    kratos = TestBed.inject(KratosTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');
  });

  afterEach(() => kratos.verify());

  it('says who is signed in, and which address is still to verify', async () => {
    expect(page().textContent).toContain('Checking your session…');
    const ada = identity({
      verifiable_addresses: [{ value: 'ada@127.0.0.1', verified: false, via: 'email', status: 'sent' }],
    });
    kratos.expectWhoami().flush(session({ identity: ada }));
    await harness.fixture.whenStable();
    expect(who()).toBe('Signed in as ada@127.0.0.1 (aal1).');
    const address = page().querySelector('[data-testid=address]');
    expect(address?.textContent?.replace(/\s+/g, ' ').trim()).toBe('ada@127.0.0.1: not verified yet (verify it)');
    expect(address?.querySelector('a')?.getAttribute('href')).toBe('/verification');
  });

  it('offers to sign in or create an account to a signed-out user', async () => {
    kratos.expectWhoami().flushError('session_inactive');
    await harness.fixture.whenStable();
    expect(who()).toBe('You are signed out.');
    expect(links()).toEqual([
      ['Sign in', '/login'],
      ['create an account', '/registration'],
      ['your settings', '/settings'],
    ]);
  });

  it('sends a session without its second factor to the second-factor login', async () => {
    kratos.expectWhoami().flushError('session_aal2_required');
    await harness.fixture.whenStable();
    expect(who()).toBe('You are signed in, but your account needs a second factor.');
    expect(links()).toEqual([['Verify with your authenticator app', '/login?aal=aal2']]);
  });
});
