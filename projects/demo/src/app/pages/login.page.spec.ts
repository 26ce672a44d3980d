/*
 * The login page through the demo's routes and Kratos setup, answered by ngx-kratos/testing: what a user sees of the
 * flow, of a wrong password, and where a sign-in takes them.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  KratosTestingController,
  loginFlow,
  message,
  secondFactorLoginFlow,
  session,
  TESTING_FLOW_ID,
  withFlowMessages,
} from 'ngx-kratos/testing';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('LoginPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  async function openLogin(path = '/login', flow = loginFlow()): Promise<void> {
    const shown = harness.navigateByUrl(path);
    await kratos.requested();
    kratos.expectCreate('login').flush(flow);
    await shown;
  }

  function signIn(identifier: string, password: string): void {
    page().querySelector<HTMLInputElement>('input[name=identifier]')!.value = identifier;
    page().querySelector<HTMLInputElement>('input[name=password]')!.value = password;
    page().querySelector<HTMLButtonElement>('button[value=password]')!.click();
  }

  it('shows the sign-in form with links to create an account and to recover one', async () => {
    await openLogin();
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
    expect(page().querySelector('input[name=identifier]')).not.toBeNull();
    expect(page().querySelector('input[name=password]')).not.toBeNull();
    const links = [...page().querySelectorAll<HTMLAnchorElement>('a.kratos-link')];
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Create an account', '/registration'],
      ['Forgot your password?', '/recovery'],
    ]);
    expect(url()).toBe(`/login?flow=${TESTING_FLOW_ID}`);
  });

  it("shows Kratos's message for a wrong password and stays on the page", async () => {
    await openLogin();
    signIn('ada@127.0.0.1', 'wrong');
    const update = kratos.expectUpdate('login', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual({
      csrf_token: 'masked-csrf-token-value',
      identifier: 'ada@127.0.0.1',
      password: 'wrong',
      method: 'password',
    });
    update.flushInvalid(
      withFlowMessages(
        loginFlow(),
        message(
          4000006,
          'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
          'error',
        ),
      ),
    );
    await harness.fixture.whenStable();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('The provided credentials are invalid');
    expect(url()).toBe(`/login?flow=${TESTING_FLOW_ID}`);
  });

  it('takes a user who signed in to the home page, which shows who they are', async () => {
    await openLogin();
    signIn('ada@127.0.0.1', 'correct horse battery staple');
    kratos.expectUpdate('login', TESTING_FLOW_ID).flush({ session: session(), continue_with: null });
    await kratos.requested();
    kratos.expectWhoami().flush(session());
    await harness.fixture.whenStable();
    expect(url()).toBe('/');
    expect(page().querySelector('[data-testid=who]')?.textContent).toContain('Signed in as ada@127.0.0.1');
  });

  it('asks Kratos for the second factor on ?aal=aal2 and shows the authenticator code form', async () => {
    const shown = harness.navigateByUrl('/login?aal=aal2');
    await kratos.requested();
    kratos.expectCreate('login', { aal: 'aal2' }).flush(secondFactorLoginFlow());
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('Second factor');
    expect(page().querySelector('input[name=totp_code]')).not.toBeNull();
    expect(page().querySelector('input[name=password]')).toBeNull();
  });
});
