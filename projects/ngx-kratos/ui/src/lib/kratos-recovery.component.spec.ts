/*
 * <kratos-recovery> on Kratos v1.3.1's recovery flows (docs/kratos-protocol.md §11): the address, the code, resend,
 * a wrong code (the message at the code field, the code kept), success in both forms (with
 * `use_continue_with_transitions`: `passed`; without: the 422), a replaced flow, each screen with axe-core at zero
 * violations; a pasted code, a signed-in user, translations, and server strings as text.
 */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { KratosLocation, provideKratos, RecoveryFlow, RecoveryUpdateResult, withFlowPages } from 'ngx-kratos';
import {
  INVALID_RECOVERY_CODE,
  NEW_ID,
  passedRecoveryFlow,
  RECOVERY_ID,
  recoveryFlow,
  sentRecoveryFlow,
  SETTINGS_ID,
} from '../testing/code-flow-fixtures';
import { axeViolations, CSRF, EMAIL, KRATOS, text } from '../testing/flow-fixtures';
import { KratosRecovery } from './kratos-recovery.component';
import { provideKratosTexts } from './texts';

const SUBMIT = `${KRATOS}/self-service/recovery?flow=${RECOVERY_ID}`;

@Component({ template: '' })
class Blank {}

@Component({
  imports: [KratosRecovery],
  template: `<main><kratos-recovery [flow]="flow()" (recovered)="recovered.push($event)" /></main>`,
})
class Host {
  readonly flow = signal<RecoveryFlow>(recoveryFlow());
  readonly recovered: RecoveryUpdateResult[] = [];
}

describe('<kratos-recovery>', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let assign: jasmine.Spy;
  let root: HTMLElement;
  let router: Router;

  async function setUp(options: { flow?: RecoveryFlow; providers?: unknown[] } = {}): Promise<void> {
    assign = jasmine.createSpy('assign');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(['', 'recovery', 'settings', 'error'].map((path) => ({ path, component: Blank }))),
        provideKratos({ baseUrl: KRATOS }, withFlowPages({ recovery: '/recovery', settings: '/settings', home: '/' })),
        { provide: KratosLocation, useValue: { assign } },
        ...((options.providers ?? []) as never[]),
      ],
    });
    router = TestBed.inject(Router);
    await router.navigateByUrl(`/recovery?flow=${RECOVERY_ID}`);
    fixture = TestBed.createComponent(Host);
    if (options.flow) fixture.componentInstance.flow.set(options.flow);
    fixture.detectChanges();
    http = TestBed.inject(HttpTestingController);
    root = fixture.nativeElement as HTMLElement;
  }
  afterEach(() => http.verify());

  const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]:not([type="hidden"])`)!;
  const button = (label: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label)!;
  function submitVia(label: string): TestRequest {
    button(label).click();
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

  it('choose_method: the heading, the address and Continue, labelled by the heading; no violations', async () => {
    await setUp();
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Recover your account');
    expect(field('email').type).toBe('email');
    expect(root.querySelector('section')!.getAttribute('aria-labelledby')).toBe(root.querySelector('h1')!.id);
    await expectNoAxeViolations();
  });

  it('the email step sends { method: code, email, csrf_token }; sent: the code step, its message, focus on it', async () => {
    await setUp();
    field('email').value = EMAIL;
    const req = submitVia('Continue');
    expect(req.request.body).toEqual({ csrf_token: CSRF, email: EMAIL, method: 'code' });
    await answer(req, 200, sentRecoveryFlow());
    const message = root.querySelector<HTMLElement>('section [data-kratos-message-id="1060003"]');
    expect(message).not.toBeNull();
    expect(document.activeElement).toBe(message);
    const code = field('code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('maxlength')).toBe('6');
    expect(root.querySelector('[data-kratos-state]')!.getAttribute('data-kratos-state')).toBe('sent_email');
    await expectNoAxeViolations();
  });

  it('the code step sends the code without an email; a wrong code (4060006): the message at the field, the code kept', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    field('code').value = '123456';
    const req = submitVia('Continue');
    expect(req.request.body).toEqual({ csrf_token: CSRF, code: '123456', method: 'code' });
    await answer(req, 200, sentRecoveryFlow([INVALID_RECOVERY_CODE]));
    const code = field('code');
    expect(code.value).toBe('123456');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    const describedBy = code.getAttribute('aria-describedby')!;
    expect(root.querySelector(`#${describedBy} [data-kratos-message-id="4060006"]`)).not.toBeNull();
    expect(root.querySelectorAll('[data-kratos-message-id="4060006"]').length).toBe(1);
    expect(document.activeElement).toBe(code);
    await expectNoAxeViolations();
  });

  it('resend is the email step again: { method: code, email, csrf_token }, no code', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    field('code').value = '99';
    expect(button('Resend code').classList).toContain('kratos-button--secondary');
    expect(button('Continue').classList).not.toContain('kratos-button--secondary');
    const req = submitVia('Resend code');
    expect(req.request.body).toEqual({ csrf_token: CSRF, method: 'code', email: EMAIL });
    await answer(req, 200, sentRecoveryFlow());
  });

  it('a pasted code loses its spaces and dashes', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    const code = field('code');
    const data = new DataTransfer();
    data.setData('text', ' 123-456\n');
    code.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    expect(code.value).toBe('123456');
  });

  it('passed (use_continue_with_transitions): recovered, then the settings page with the new flow, in the app', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    field('code').value = '123456';
    await answer(submitVia('Continue'), 200, passedRecoveryFlow());
    await settle();
    expect(fixture.componentInstance.recovered.map((r) => r.kind)).toEqual(['passed']);
    expect(router.url).toBe(`/settings?flow=${SETTINGS_ID}`);
    expect(assign).not.toHaveBeenCalled();
    await expectNoAxeViolations();
  });

  it('success without the flag (422 to the settings UI): the settings page with that flow, no page load', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    field('code').value = '123456';
    const settingsUi = `http://127.0.0.1:4200/settings?flow=${SETTINGS_ID}`;
    await answer(submitVia('Continue'), 422, {
      error: {
        id: 'browser_location_change_required',
        code: 422,
        status: 'Unprocessable Entity',
        reason: `In order to complete this flow please redirect the browser to: ${settingsUi}`,
        message: 'browser location change required',
      },
      redirect_browser_to: settingsUi,
    });
    await settle();
    expect(router.url).toBe(`/settings?flow=${SETTINGS_ID}`);
    expect(assign).not.toHaveBeenCalled();
  });

  it('a replaced flow (the followed 303): the new flow shown, its message at the top, ?flow= its id', async () => {
    await setUp({ flow: sentRecoveryFlow() });
    field('code').value = '123456';
    const expired = text(4060005, 'The recovery flow expired 0.10 minutes ago, please try again.', 'error');
    await answer(submitVia('Continue'), 200, recoveryFlow(NEW_ID, [expired]));
    await settle();
    expect(router.url).toBe(`/recovery?flow=${NEW_ID}`);
    expect(root.querySelector('[data-kratos-message-id="4060005"]')).not.toBeNull();
    expect(field('email')).not.toBeNull();
    await expectNoAxeViolations();
  });

  it('a signed-in user (session_already_available) goes home, not to the error page', async () => {
    await setUp();
    field('email').value = EMAIL;
    await answer(submitVia('Continue'), 400, {
      error: {
        id: 'session_already_available',
        code: 400,
        status: 'Bad Request',
        reason: 'A valid session was detected and thus recovery is not possible.',
        message: 'you are already logged in',
      },
    });
    await settle();
    expect(router.url).toBe('/');
  });

  it('translations by message id and label; server strings as text', async () => {
    await setUp({
      flow: sentRecoveryFlow([text(1060003, '<img src=x onerror="window.hacked=1">')]),
      providers: [
        provideKratosTexts({ 4060006: 'Falscher Code.' }, { labels: { recovery: 'Konto wiederherstellen' } }),
      ],
    });
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Konto wiederherstellen');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x');
    field('code').value = '1';
    await answer(submitVia('Continue'), 200, sentRecoveryFlow([INVALID_RECOVERY_CODE]));
    expect(root.querySelector('[data-kratos-message-id="4060006"]')!.textContent!.trim()).toBe('Falscher Code.');
  });
});
