/*
 * <kratos-verification> on Kratos v1.3.1's verification flows (docs/kratos-protocol.md §12): the address, the code
 * (one-time-code field), resend and its absence on flows made by show_verification_ui (§12.6), a wrong code, success
 * with the continue link, the mail's link pre-filling the code (submitted by itself, once), the 410 replacement; each
 * screen with axe-core at zero violations.
 */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { KratosLocation, provideKratos, VerificationFlow, withFlowPages } from 'ngx-kratos';
import {
  INVALID_VERIFICATION_CODE,
  NEW_ID,
  passedVerificationFlow,
  sentVerificationFlow,
  VERIFICATION_ID,
  verificationFlow,
} from '../testing/code-flow-fixtures';
import { axeViolations, CSRF, EMAIL, KRATOS } from '../testing/flow-fixtures';
import { KratosVerification } from './kratos-verification.component';

const SUBMIT = `${KRATOS}/self-service/verification?flow=${VERIFICATION_ID}`;

@Component({ template: '' })
class Blank {}

@Component({
  imports: [KratosVerification],
  template: `
    <main>
      @if (shown()) {
        <kratos-verification [flow]="flow()" (verified)="verified.push($event)" />
      }
    </main>
  `,
})
class Host {
  readonly flow = signal<VerificationFlow>(verificationFlow());
  readonly shown = signal(true);
  readonly verified: VerificationFlow[] = [];
}

let prefilled = 100000;

describe('<kratos-verification>', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let root: HTMLElement;
  let router: Router;

  async function setUp(flow?: VerificationFlow): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(['', 'verification', 'error'].map((path) => ({ path, component: Blank }))),
        provideKratos(
          { baseUrl: KRATOS },
          withFlowPages({ verification: '/verification', home: '/', error: '/error' }),
        ),
        { provide: KratosLocation, useValue: { assign: jasmine.createSpy('assign') } },
      ],
    });
    router = TestBed.inject(Router);
    await router.navigateByUrl(`/verification?flow=${VERIFICATION_ID}`);
    fixture = TestBed.createComponent(Host);
    if (flow) fixture.componentInstance.flow.set(flow);
    fixture.detectChanges();
    http = TestBed.inject(HttpTestingController);
    root = fixture.nativeElement as HTMLElement;
  }
  afterEach(() => http.verify());

  const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]:not([type="hidden"])`)!;
  const button = (label: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);
  function submitVia(label: string): TestRequest {
    button(label)!.click();
    fixture.detectChanges();
    return http.expectOne(SUBMIT);
  }
  async function settle(): Promise<void> {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }
  async function answer(req: TestRequest, status: number, body: object): Promise<void> {
    req.flush(body, { status, statusText: String(status) });
    await settle();
  }
  const expectNoAxeViolations = async () => expect(await axeViolations(root)).toEqual([]);
  /** A code no other spec pre-filled: each flow is sent by itself once per page lifetime. */
  const freshCode = () => String(prefilled++);

  it('choose_method → the email step → sent, with the one-time-code field; no violations in either', async () => {
    await setUp();
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Verify your email address');
    await expectNoAxeViolations();
    field('email').value = EMAIL;
    const req = submitVia('Continue');
    expect(req.request.body).toEqual({ email: EMAIL, method: 'code', csrf_token: CSRF });
    await answer(req, 200, sentVerificationFlow());
    const code = field('code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(button('Resend code')).toBeDefined();
    await expectNoAxeViolations();
  });

  it('a flow made by show_verification_ui (§12.6): the code, no resend', async () => {
    await setUp(sentVerificationFlow({ resend: false }));
    expect(field('code')).not.toBeNull();
    expect(button('Resend code')).toBeUndefined();
    await expectNoAxeViolations();
  });

  it('a wrong code (4070006): the message at the code field, the code kept; then the right one: passed', async () => {
    await setUp(sentVerificationFlow());
    field('code').value = '000000';
    let req = submitVia('Continue');
    expect(req.request.body).toEqual({ method: 'code', code: '000000', csrf_token: CSRF });
    await answer(req, 200, sentVerificationFlow({ messages: [INVALID_VERIFICATION_CODE] }));
    const code = field('code');
    expect(code.value).toBe('000000');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(
      root.querySelector(`#${code.getAttribute('aria-describedby')} [data-kratos-message-id="4070006"]`),
    ).not.toBeNull();
    expect(document.activeElement).toBe(code);
    await expectNoAxeViolations();

    code.value = '123456';
    req = submitVia('Continue');
    await answer(req, 200, passedVerificationFlow());
    expect(fixture.componentInstance.verified.length).toBe(1);
    const success = root.querySelector<HTMLElement>('[data-kratos-message-id="1080002"]');
    expect(success?.getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(success);
    expect(root.querySelector<HTMLAnchorElement>('a.kratos-link')!.getAttribute('href')).toBe(
      'http://127.0.0.1:4200/account',
    );
    await expectNoAxeViolations();
  });

  it('the mail’s link pre-filled the code (§12.4 row 6): submitted by itself, once, and the answer shown', async () => {
    const code = freshCode();
    await setUp(sentVerificationFlow({ code }));
    await settle();
    const req = http.expectOne(SUBMIT);
    expect(req.request.body).toEqual({ method: 'code', code, csrf_token: CSRF });
    await answer(req, 200, passedVerificationFlow());
    expect(fixture.componentInstance.verified.length).toBe(1);
    // The same flow again (a new object from the route, or the page shown again): not sent again.
    fixture.componentInstance.flow.set(sentVerificationFlow({ code }));
    await settle();
    fixture.componentInstance.shown.set(false);
    await settle();
    fixture.componentInstance.shown.set(true);
    await settle();
    http.expectNone(SUBMIT);
  });

  it('a pre-filled code that is wrong: one submit, the error at the field, never a loop', async () => {
    const code = freshCode();
    await setUp(sentVerificationFlow({ code }));
    await settle();
    await answer(http.expectOne(SUBMIT), 200, sentVerificationFlow({ code, messages: [INVALID_VERIFICATION_CODE] }));
    await settle();
    http.expectNone(SUBMIT);
    expect(field('code').value).toBe(code);
    expect(field('code').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations();
  });

  it('a pre-filled flow that already has an error is not sent by itself', async () => {
    await setUp(sentVerificationFlow({ code: freshCode(), messages: [INVALID_VERIFICATION_CODE] }));
    await settle();
    expect(http.match(SUBMIT).length).toBe(0);
  });

  it('410 self_service_flow_replaced (§12.4 row 5): the page goes to the new flow (use_flow_id)', async () => {
    await setUp(sentVerificationFlow());
    field('code').value = '123456';
    await answer(submitVia('Continue'), 410, {
      error: {
        id: 'self_service_flow_replaced',
        code: 410,
        status: 'Gone',
        reason: 'An error occured, please use the new flow.',
        message: 'self-service flow replaced',
      },
      use_flow_id: NEW_ID,
    });
    await settle();
    expect(router.url).toBe(`/verification?flow=${NEW_ID}`);
  });
});
