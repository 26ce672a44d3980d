/*
 * The registration page through the demo's routes and Kratos setup, answered by ngx-kratos/testing.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  identity,
  KratosTestingController,
  message,
  registrationFlow,
  session,
  TESTING_FLOW_ID,
  verificationFlow,
  withNodeMessages,
} from 'ngx-kratos/testing';

const VERIFICATION_FLOW_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('RegistrationPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  async function openRegistration(): Promise<void> {
    const shown = harness.navigateByUrl('/registration');
    await kratos.requested();
    kratos.expectCreate('registration').flush(registrationFlow());
    await shown;
  }

  function signUp(email: string, password: string): void {
    page().querySelector<HTMLInputElement>('input[name="traits.email"]')!.value = email;
    page().querySelector<HTMLInputElement>('input[name=password]')!.value = password;
    page().querySelector<HTMLButtonElement>('button[value=password]')!.click();
  }

  it('shows the form for a new account and a link to sign in instead', async () => {
    await openRegistration();
    expect(page().querySelector('h1')?.textContent).toBe('Create an account');
    expect(page().querySelector('input[name="traits.email"]')).not.toBeNull();
    expect(page().querySelector('input[name=password]')).not.toBeNull();
    const login = page().querySelector<HTMLAnchorElement>('a[data-kratos-link=login]');
    expect(login?.textContent).toBe('Already have an account? Sign in');
    expect(login?.getAttribute('href')).toBe('/login');
    expect(url()).toBe(`/registration?flow=${TESTING_FLOW_ID}`);
  });

  it('shows the message Kratos puts on the address when it is taken', async () => {
    await openRegistration();
    signUp('ada@127.0.0.1', 'correct horse battery staple');
    const update = kratos.expectUpdate('registration', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(
      jasmine.objectContaining({ method: 'password', traits: { email: 'ada@127.0.0.1' } }),
    );
    update.flushInvalid(
      withNodeMessages(
        registrationFlow(),
        'traits.email',
        message(4000007, 'An account with the same identifier (email, phone, username, ...) exists already.', 'error'),
      ),
    );
    await harness.fixture.whenStable();
    const email = page().querySelector<HTMLInputElement>('input[name="traits.email"]')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = document.getElementById(email.getAttribute('aria-describedby') ?? '');
    expect(describedBy?.textContent).toContain('exists already');
    expect(url()).toBe(`/registration?flow=${TESTING_FLOW_ID}`);
  });

  it('takes the new user on to verify their address, with the flow Kratos started', async () => {
    await openRegistration();
    signUp('grace@127.0.0.1', 'correct horse battery staple');
    const grace = identity({ traits: { email: 'grace@127.0.0.1' } });
    kratos.expectUpdate('registration', TESTING_FLOW_ID).flush({
      identity: grace,
      session: session({ identity: grace }),
      continue_with: [
        {
          action: 'show_verification_ui',
          flow: { id: VERIFICATION_FLOW_ID, verifiable_address: 'grace@127.0.0.1' },
        },
      ],
    });
    await kratos.requested();
    kratos.expectGet('verification', VERIFICATION_FLOW_ID).flush(verificationFlow({ id: VERIFICATION_FLOW_ID }));
    await harness.fixture.whenStable();
    expect(url()).toBe(`/verification?flow=${VERIFICATION_FLOW_ID}`);
    expect(page().querySelector('h1')?.textContent).toBe('Verify your email address');
  });

  it('sends a user who is signed in already to the home page', async () => {
    const shown = harness.navigateByUrl('/registration');
    await kratos.requested();
    kratos.expectCreate('registration').flushError('session_already_available');
    await kratos.requested();
    kratos.expectWhoami().flush(session());
    await shown;
    await harness.fixture.whenStable();
    expect(url()).toBe('/');
    expect(page().querySelector('[data-testid=who]')?.textContent).toContain('Signed in as ada@127.0.0.1');
  });
});
