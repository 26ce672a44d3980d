/*
 * injectKratosFlow() on a real flow route: a `replaced` answer (another flow than the one submitted) becomes the
 * page's `?flow=`, with no request for it, so that a reload shows the flow on the screen.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  KratosTestingController,
  provideKratosTesting,
  recoveryFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { RecoveryFlowService } from '../recovery/recovery-flow.service';
import { recoveryFlowRoute } from '../routing/recovery-flow-route';
import { injectKratosFlow } from './inject-kratos-flow';

@Component({
  selector: 'kratos-signal-recovery-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p>{{ recovery.flow()?.id }}</p>`,
})
class SignalRecoveryPage {
  readonly recovery = injectKratosFlow(RecoveryFlowService);
}

describe('injectKratosFlow() on a flow route', () => {
  let kratos: KratosTestingController;
  let harness: RouterTestingHarness;
  let page: SignalRecoveryPage;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideKratosTesting(),
        provideRouter([recoveryFlowRoute({ path: 'recovery', component: SignalRecoveryPage })]),
      ],
    });
    kratos = TestBed.inject(KratosTestingController);
    harness = await RouterTestingHarness.create();
    const shown = harness.navigateByUrl(`/recovery?flow=${TESTING_FLOW_ID}`, SignalRecoveryPage);
    await new Promise((resolve) => setTimeout(resolve)); // the navigation reaches the flow route's resolver
    kratos.expectGet('recovery', TESTING_FLOW_ID).flush(recoveryFlow({ state: 'sent_email' }));
    page = await shown;
  });

  afterEach(() => kratos.verify());

  it('a replaced answer becomes the page’s ?flow=, without a request for it', async () => {
    const answer = page.recovery.submit({ method: 'code', code: '000000', csrf_token: TESTING_CSRF_TOKEN });
    kratos
      .expectUpdate('recovery', TESTING_FLOW_ID)
      .flush(recoveryFlow({ id: TESTING_NEW_FLOW_ID, state: 'choose_method' }));
    const result = await answer;
    await harness.fixture.whenStable();

    expect(result?.kind).toBe('replaced');
    expect(TestBed.inject(Router).url).toBe(`/recovery?flow=${TESTING_NEW_FLOW_ID}`);
    expect(page.recovery.flow()?.id).toBe(TESTING_NEW_FLOW_ID);
    expect(harness.routeNativeElement?.textContent).toContain(TESTING_NEW_FLOW_ID);
  });

  it('an answer for the same flow leaves the URL alone', async () => {
    const answer = page.recovery.submit({ method: 'code', code: '000000', csrf_token: TESTING_CSRF_TOKEN });
    kratos.expectUpdate('recovery', TESTING_FLOW_ID).flush(recoveryFlow({ state: 'passed_challenge' }));
    const result = await answer;
    await harness.fixture.whenStable();

    expect(result?.kind).toBe('passed');
    expect(TestBed.inject(Router).url).toBe(`/recovery?flow=${TESTING_FLOW_ID}`);
  });
});
