/*
 * The verification page through the demo's routes and Kratos setup, answered by ngx-kratos/testing: a flow handed on
 * by a registration or a mail's link, the code step, and an expired flow.
 */
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { UiText, VerificationFlow, withRetry } from 'ngx-kratos';
import {
  csrfNode,
  inputNode,
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  message,
  provideKratosTesting,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
  verificationFlow,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

/** The flow after the email step, or as a mail's link opens it (`code` filled in): the code field and its submit. */
function codeSent(messages: UiText[], code?: string): VerificationFlow {
  const flow = verificationFlow({ state: 'sent_email' });
  flow.ui.nodes = [
    inputNode('code', 'code', 'text', {
      required: true,
      autocomplete: 'one-time-code',
      pattern: '[0-9]+',
      ...(code === undefined ? {} : { value: code }),
    }),
    inputNode('code', 'method', 'submit', { value: 'code' }),
    csrfNode(),
  ];
  flow.ui.messages = messages;
  return flow;
}

describe('VerificationPage', () => {
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

  it('shows the flow it was handed and says a code was sent when the address is entered', async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await requestSent();
    kratos.expectGet('verification', TESTING_FLOW_ID).flush(verificationFlow());
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('Verify your email address');

    page().querySelector<HTMLInputElement>('input[name=email]')!.value = 'ada@127.0.0.1';
    page().querySelector<HTMLButtonElement>('button[value=code]')!.click();
    const update = kratos.expectUpdate('verification', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual({
      email: 'ada@127.0.0.1',
      method: 'code',
      csrf_token: 'masked-csrf-token-value',
    });
    update.flush(
      codeSent([
        message(
          1080003,
          'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
        ),
      ]),
    );
    await harness.fixture.whenStable();
    expect(page().querySelector('[role=status]')?.textContent).toContain(
      'An email containing a verification code has been sent',
    );
    expect(page().querySelector('input[name=code]')).not.toBeNull();
  });

  it("sends the code of the mail's link by itself and shows that the address is verified", async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await requestSent();
    kratos.expectGet('verification', TESTING_FLOW_ID).flush(codeSent([], '482913'));
    await shown;
    const update = kratos.expectUpdate('verification', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(jasmine.objectContaining({ code: '482913', method: 'code' }));
    const verified = verificationFlow({ state: 'passed_challenge' });
    verified.ui.nodes = [csrfNode()];
    verified.ui.messages = [message(1080002, 'You successfully verified your email address.', 'success')];
    update.flush(verified);
    await harness.fixture.whenStable();
    expect(page().textContent).toContain('You successfully verified your email address.');
    expect(page().querySelector('input[name=code]')).toBeNull();
  });

  it('starts a fresh flow when the one in the address bar has expired', async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await requestSent();
    kratos.expectGet('verification', TESTING_FLOW_ID).flushError('self_service_flow_expired');
    await requestSent();
    kratos.expectCreate('verification').flush(verificationFlow({ id: TESTING_NEW_FLOW_ID }));
    await shown;
    expect(url()).toBe(`/verification?flow=${TESTING_NEW_FLOW_ID}`);
    expect(page().querySelector('input[name=email]')).not.toBeNull();
  });
});
