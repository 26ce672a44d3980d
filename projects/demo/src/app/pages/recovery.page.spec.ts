/*
 * The recovery page through the demo's routes and Kratos setup, answered by ngx-kratos/testing: the address, the code
 * from the mail, and the hand-over to the settings page.
 */
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { withRetry } from 'ngx-kratos';
import {
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  message,
  passedChallengeRecoveryFlow,
  provideKratosTesting,
  recoveryFlow,
  sentEmailRecoveryFlow,
  settingsFlow,
  TESTING_FLOW_ID,
  withFlowMessages,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

const SETTINGS_FLOW_ID = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

describe('RecoveryPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

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
    const shown = harness.navigateByUrl('/recovery');
    await kratos.requested();
    kratos.expectCreate('recovery').flush(recoveryFlow());
    await shown;
  });

  afterEach(() => kratos.verify());

  async function sendCodeTo(email: string): Promise<void> {
    page().querySelector<HTMLInputElement>('input[name=email]')!.value = email;
    page().querySelector<HTMLButtonElement>('button[value=code]')!.click();
    const update = kratos.expectUpdate('recovery', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual({ csrf_token: 'masked-csrf-token-value', email, method: 'code' });
    // The code step, with message 1060003 (docs/kratos-protocol.md §11.4 row 9).
    update.flush(sentEmailRecoveryFlow({}, { email }));
    await harness.fixture.whenStable();
  }

  function enterCode(code: string): void {
    page().querySelector<HTMLInputElement>('input[name=code]')!.value = code;
    page().querySelector<HTMLButtonElement>('button[value=code]')!.click();
  }

  it('asks for the address of the account, then says a code was sent and asks for it', async () => {
    expect(page().querySelector('h1')?.textContent).toBe('Recover your account');
    expect(url()).toBe(`/recovery?flow=${TESTING_FLOW_ID}`);
    await sendCodeTo('ada@127.0.0.1');
    expect(page().textContent).toContain('An email containing a recovery code has been sent');
    expect(page().querySelector('input[name=code]')).not.toBeNull();
  });

  it("shows Kratos's message at the code field when the code is wrong", async () => {
    await sendCodeTo('ada@127.0.0.1');
    enterCode('000000');
    const update = kratos.expectUpdate('recovery', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(jasmine.objectContaining({ code: '000000', method: 'code' }));
    // Kratos answers a wrong code with 200 and the flow (docs/kratos-protocol.md §11.4 row 11).
    update.flush(
      withFlowMessages(
        sentEmailRecoveryFlow(),
        message(4060006, 'The recovery code is invalid or has already been used. Please try again.', 'error'),
      ),
    );
    await harness.fixture.whenStable();
    const code = page().querySelector<HTMLInputElement>('input[name=code]')!;
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.value).toBe('000000');
    expect(document.getElementById(code.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'The recovery code is invalid',
    );
  });

  it('takes the user to the settings page with the settings flow Kratos started, to set a new password', async () => {
    await sendCodeTo('ada@127.0.0.1');
    enterCode('123456');
    kratos
      .expectUpdate('recovery', TESTING_FLOW_ID)
      .flush(passedChallengeRecoveryFlow({}, { settingsFlowId: SETTINGS_FLOW_ID }));
    await kratos.requested();
    kratos.expectGet('settings', SETTINGS_FLOW_ID).flush(settingsFlow({ id: SETTINGS_FLOW_ID }));
    await harness.fixture.whenStable();
    expect(url()).toBe(`/settings?flow=${SETTINGS_FLOW_ID}`);
    expect(page().querySelector('h1')?.textContent).toBe('Account settings');
    expect(page().querySelector('input[name=password]')).not.toBeNull();
  });
});
