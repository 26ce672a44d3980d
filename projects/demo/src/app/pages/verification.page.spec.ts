/*
 * The verification page through the demo's routes and Kratos setup, answered by ngx-kratos/testing: a flow handed on
 * by a registration or a mail's link, the code step, and an expired flow.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  KratosTestingController,
  passedChallengeVerificationFlow,
  sentEmailVerificationFlow,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
  verificationFlow,
} from 'ngx-kratos/testing';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('VerificationPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  it('shows the flow it was handed and says a code was sent when the address is entered', async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await kratos.requested();
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
    // The code step, with message 1080003 (docs/kratos-protocol.md §12.4 row 14).
    update.flush(sentEmailVerificationFlow());
    await harness.fixture.whenStable();
    expect(page().querySelector('[role=status]')?.textContent).toContain(
      'An email containing a verification code has been sent',
    );
    expect(page().querySelector('input[name=code]')).not.toBeNull();
  });

  it("sends the code of the mail's link by itself and shows that the address is verified", async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await kratos.requested();
    kratos.expectGet('verification', TESTING_FLOW_ID).flush(sentEmailVerificationFlow({}, { code: '482913' }));
    await shown;
    const update = kratos.expectUpdate('verification', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(jasmine.objectContaining({ code: '482913', method: 'code' }));
    update.flush(passedChallengeVerificationFlow());
    await harness.fixture.whenStable();
    expect(page().textContent).toContain('You successfully verified your email address.');
    expect(page().querySelector('input[name=code]')).toBeNull();
  });

  it('starts a fresh flow when the one in the address bar has expired', async () => {
    const shown = harness.navigateByUrl(`/verification?flow=${TESTING_FLOW_ID}`);
    await kratos.requested();
    kratos.expectGet('verification', TESTING_FLOW_ID).flushError('self_service_flow_expired');
    await kratos.requested();
    kratos.expectCreate('verification').flush(verificationFlow({ id: TESTING_NEW_FLOW_ID }));
    await shown;
    expect(url()).toBe(`/verification?flow=${TESTING_NEW_FLOW_ID}`);
    expect(page().querySelector('input[name=email]')).not.toBeNull();
  });
});
