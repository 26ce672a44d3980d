/*
 * The login page through the demo's routes and Kratos setup, answered by ngx-kratos/testing: what a user sees of the
 * flow, of a wrong password, and where a sign-in takes them.
 */
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { withRetry } from 'ngx-kratos';
import {
  csrfNode,
  inputNode,
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  loginFlow,
  message,
  provideKratosTesting,
  session,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

describe('LoginPage', () => {
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

  async function openLogin(path = '/login', flow = loginFlow()): Promise<void> {
    const shown = harness.navigateByUrl(path);
    await requestSent();
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
    const invalid = loginFlow();
    invalid.ui.messages = [
      message(
        4000006,
        'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
        'error',
      ),
    ];
    update.flushInvalid(invalid);
    await harness.fixture.whenStable();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('The provided credentials are invalid');
    expect(url()).toBe(`/login?flow=${TESTING_FLOW_ID}`);
  });

  it('takes a user who signed in to the home page, which shows who they are', async () => {
    await openLogin();
    signIn('ada@127.0.0.1', 'correct horse battery staple');
    kratos.expectUpdate('login', TESTING_FLOW_ID).flush({ session: session(), continue_with: null });
    await requestSent();
    kratos.expectWhoami().flush(session());
    await harness.fixture.whenStable();
    expect(url()).toBe('/');
    expect(page().querySelector('[data-testid=who]')?.textContent).toContain('Signed in as ada@127.0.0.1');
  });

  it('asks Kratos for the second factor on ?aal=aal2 and shows the authenticator code form', async () => {
    const shown = harness.navigateByUrl('/login?aal=aal2');
    await requestSent();
    const create = kratos.expectCreate('login');
    expect(create.request.request.params.get('aal')).toBe('aal2');
    const secondFactor = loginFlow({ requested_aal: 'aal2' });
    secondFactor.ui.nodes = [
      csrfNode(),
      inputNode('totp', 'totp_code', 'text', { required: true, autocomplete: 'one-time-code' }),
      inputNode('totp', 'method', 'submit', { value: 'totp' }),
    ];
    create.flush(secondFactor);
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('Second factor');
    expect(page().querySelector('input[name=totp_code]')).not.toBeNull();
    expect(page().querySelector('input[name=password]')).toBeNull();
  });
});
