/*
 * <kratos-registration> on Kratos v1.3.1's two-step registration (ui/src/testing/flow-fixtures.ts;
 * docs/kratos-protocol.md §8): the traits screen, the credential screen, a duplicate account and a weak password,
 * signing up, each with axe-core at zero violations; the body each button sends, feedback and focus after each answer,
 * the link to the login page, `show_verification_ui`, late answers, translations, and server strings as text.
 */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import {
  ContinueWithVerificationUi,
  KratosLocation,
  KratosNavigator,
  provideKratos,
  RegistrationFlow,
  RegistrationSuccess,
  withFlowPages,
} from 'ngx-kratos';
import {
  axeViolations,
  credentialsFlow,
  CSRF,
  EMAIL,
  KRATOS,
  REGISTRATION_ID,
  registrationFlow,
  registrationSuccessBody,
  text,
  verificationItem,
} from '../testing/flow-fixtures';
import { KratosRegistration } from './kratos-registration.component';
import { provideKratosTexts } from './texts';

const SUBMIT = `${KRATOS}/self-service/registration?flow=${REGISTRATION_ID}`;
const NEW_ID = '2d0e0f5a-7b3c-4e7a-9f4c-9a5b6c7d8e03';
const DUPLICATE = text(
  4000007,
  'An account with the same identifier (email, phone, username, ...) exists already.',
  'error',
);

@Component({ template: '' })
class Blank {}

@Component({
  imports: [KratosRegistration],
  template: `
    <main>
      <kratos-registration
        [flow]="flow()"
        (registered)="registered.push($event)"
        (verification)="verifications.push($event)"
      />
    </main>
  `,
})
class Host {
  readonly flow = signal<RegistrationFlow>(registrationFlow());
  readonly registered: RegistrationSuccess[] = [];
  readonly verifications: ContinueWithVerificationUi[] = [];
}

const routes = ['', 'login', 'account', 'registration', 'verification'].map((path) => ({ path, component: Blank }));

describe('<kratos-registration>', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let assign: jasmine.Spy;
  let root: HTMLElement;

  async function setUp(
    options: {
      flow?: RegistrationFlow;
      providers?: unknown[];
      pages?: Parameters<typeof withFlowPages>[0];
    } = {},
  ): Promise<void> {
    assign = jasmine.createSpy('assign');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(routes),
        provideKratos({ baseUrl: KRATOS }, withFlowPages(options.pages ?? { login: '/login', home: '/' })),
        { provide: KratosLocation, useValue: { assign } },
        ...((options.providers ?? []) as never[]),
      ],
    });
    await TestBed.inject(Router).navigateByUrl('/registration?return_to=%2Faccount');
    fixture = TestBed.createComponent(Host);
    if (options.flow) fixture.componentInstance.flow.set(options.flow);
    fixture.detectChanges();
    http = TestBed.inject(HttpTestingController);
    root = fixture.nativeElement as HTMLElement;
  }
  afterEach(() => http.verify());

  const sectionKeys = () =>
    [...root.querySelectorAll('section[data-kratos-section]')].map((s) => s.getAttribute('data-kratos-section'));
  const section = (key: string) => root.querySelector<HTMLElement>(`section[data-kratos-section="${key}"]`)!;
  const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]:not([type="hidden"])`)!;
  const button = (label: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label)!;
  const fieldsets = () => [...root.querySelectorAll<HTMLFieldSetElement>('fieldset')];
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
  async function expectNoAxeViolations(): Promise<void> {
    expect(await axeViolations(root)).toEqual([]);
  }
  /** The credential screen with the duplicate-account error Kratos answers at the last step (§8.4 row 11). */
  function duplicateFlow(): RegistrationFlow {
    const flow = credentialsFlow();
    flow.ui.messages = [DUPLICATE];
    return flow;
  }

  it('the first screen: the traits and "Sign up" in one form, then the providers; a link to the login page', async () => {
    await setUp();
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Create an account');
    expect(sectionKeys()).toEqual(['primary', 'oidc']);
    const names = [...section('primary').querySelectorAll<HTMLInputElement>('input:not([type="hidden"]), button')].map(
      (element) => element.name,
    );
    expect(names).toEqual(['traits.email', 'traits.name.first', 'method']);
    const link = root.querySelector<HTMLAnchorElement>('a[data-kratos-link="login"]')!;
    expect(link.getAttribute('href')).toBe('/login?return_to=%2Faccount');
    expect(link.textContent!.trim()).toBe('Already have an account? Sign in');
    await expectNoAxeViolations();
  });

  it('without withFlowPages’ login page: no link', async () => {
    await setUp({ pages: { home: '/' } });
    expect(root.querySelector('.kratos-links')).toBeNull();
  });

  it('"Sign up" sends the traits with method=profile; the credential screen (§8.4 row 8) is the next step', async () => {
    await setUp();
    field('traits.email').value = EMAIL;
    field('traits.name.first').value = 'Ada';
    const req = submitVia('Sign up');
    expect(req.request.body).toEqual({
      csrf_token: CSRF,
      traits: { email: EMAIL, name: { first: 'Ada' } },
      method: 'profile',
    });
    await answer(req, 400, credentialsFlow());
    const message = section('primary').querySelector<HTMLElement>('[data-kratos-message-id="1040009"]');
    expect(message).not.toBeNull();
    expect(document.activeElement).toBe(message);
    expect(root.querySelector('input[name="traits.email"]')!.getAttribute('type')).toBe('hidden');
    const password = field('password');
    expect(root.querySelector(`label[for="${password.id}"]`)!.textContent!.trim()).toBe('New password');
    const buttons = [...section('primary').querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(buttons).toEqual(['Sign up', 'Sign up with code', 'Back']);
    await expectNoAxeViolations();
  });

  describe('the credential screen', () => {
    it('the password button sends the traits and the password', async () => {
      await setUp({ flow: credentialsFlow() });
      field('password').value = 'Lovelace-1815!';
      const req = submitVia('Sign up');
      expect(req.request.body).toEqual({
        csrf_token: CSRF,
        traits: { email: EMAIL, name: { first: 'Ada' } },
        password: 'Lovelace-1815!',
        method: 'password',
      });
      await answer(req, 200, registrationSuccessBody());
    });

    it('the code button and "Back" never send a typed password', async () => {
      await setUp({ flow: credentialsFlow() });
      field('password').value = 'typed by mistake';
      let req = submitVia('Sign up with code');
      expect(req.request.body).toEqual({
        csrf_token: CSRF,
        traits: { email: EMAIL, name: { first: 'Ada' } },
        method: 'code',
      });
      await answer(req, 400, credentialsFlow());

      field('password').value = 'typed by mistake';
      // A step back looks like one: secondary, not the primary "Sign up" beside it.
      expect(button('Back').classList).toContain('kratos-button--secondary');
      expect(button('Sign up with code').classList).not.toContain('kratos-button--secondary');
      req = submitVia('Back');
      expect(req.request.body.screen).toBe('previous');
      expect(req.request.body.password).toBeUndefined();
      expect(req.request.body.traits).toEqual({ email: EMAIL, name: { first: 'Ada' } });
      await answer(req, 400, registrationFlow());
      expect(sectionKeys()).toEqual(['primary', 'oidc']);
    });

    it('a duplicate account (4000007): the error next to the form, focus on it', async () => {
      await setUp({ flow: credentialsFlow() });
      field('password').value = 'Lovelace-1815!';
      await answer(submitVia('Sign up'), 400, duplicateFlow());
      const error = section('primary').querySelector<HTMLElement>('[data-kratos-message-id="4000007"]');
      expect(error?.getAttribute('role')).toBe('alert');
      expect(document.activeElement).toBe(error);
      expect(root.querySelector('.kratos-registration > kratos-messages .kratos-message')).toBeNull();
      expect(field('password').value).toBe('');
      await expectNoAxeViolations();
    });

    it('a weak password (4000032 on the field): focus on the field, tied to its message', async () => {
      await setUp({ flow: credentialsFlow() });
      field('password').value = 'short';
      await answer(
        submitVia('Sign up'),
        400,
        credentialsFlow([text(4000032, 'The password must be at least 8 characters long, but got 5.', 'error')]),
      );
      const password = field('password');
      expect(document.activeElement).toBe(password);
      expect(password.getAttribute('aria-invalid')).toBe('true');
      expect(root.querySelector(`#${password.getAttribute('aria-describedby')}`)?.textContent).toContain(
        'at least 8 characters',
      );
      await expectNoAxeViolations();
    });
  });

  describe('success (§8.4 row 12)', () => {
    it('emits registered, hands the result to completeSignIn, keeps the forms disabled while it runs', async () => {
      await setUp({ flow: credentialsFlow() });
      const navigator = TestBed.inject(KratosNavigator);
      let finish!: (value: ContinueWithVerificationUi | undefined) => void;
      const complete = spyOn(navigator, 'completeSignIn').and.returnValue(new Promise((resolve) => (finish = resolve)));
      field('password').value = 'Lovelace-1815!';
      await answer(submitVia('Sign up'), 200, registrationSuccessBody([verificationItem]));
      expect(fixture.componentInstance.registered.length).toBe(1);
      expect(complete).toHaveBeenCalledTimes(1);
      expect(fieldsets().every((fieldset) => fieldset.disabled)).toBeTrue();
      await expectNoAxeViolations();
      finish(verificationItem);
      await settle();
      expect(fixture.componentInstance.verifications).toEqual([verificationItem]);
      expect(fieldsets().every((fieldset) => !fieldset.disabled)).toBeTrue();
    });

    it('show_verification_ui without a verification page: emitted for the app, then where Kratos says', async () => {
      await setUp({ flow: credentialsFlow() });
      const redirect = { action: 'redirect_browser_to' as const, redirect_browser_to: `${location.origin}/account` };
      await answer(submitVia('Sign up'), 200, registrationSuccessBody([redirect, verificationItem]));
      await fixture.whenStable();
      await settle();
      expect(fixture.componentInstance.verifications).toEqual([verificationItem]);
      expect(TestBed.inject(Router).url).toBe('/account');
    });

    it('show_verification_ui with withFlowPages’ verification page: that page, nothing emitted', async () => {
      await setUp({ flow: credentialsFlow(), pages: { verification: '/verification', home: '/' } });
      await answer(submitVia('Sign up'), 200, registrationSuccessBody([verificationItem]));
      await fixture.whenStable();
      await settle();
      expect(fixture.componentInstance.verifications).toEqual([]);
      expect(TestBed.inject(Router).url).toBe(`/verification?flow=${verificationItem.flow.id}`);
    });
  });

  it('a late answer is cancelled when a new flow comes from the route', async () => {
    await setUp({ flow: credentialsFlow() });
    const req = submitVia('Sign up');
    fixture.componentInstance.flow.set(registrationFlow({ id: NEW_ID }));
    await settle();
    expect(req.cancelled).toBeTrue();
    expect(sectionKeys()).toEqual(['primary', 'oidc']);
    expect(fieldsets().every((fieldset) => !fieldset.disabled)).toBeTrue();
    expect(fixture.componentInstance.registered).toEqual([]);
  });

  it('translates Kratos’s messages by id, and its own words, with provideKratosTexts', async () => {
    await setUp({
      flow: credentialsFlow(),
      providers: [
        provideKratosTexts(
          { 4000007: 'Dieses Konto gibt es schon.', 1040001: 'Registrieren' },
          { labels: { signUp: 'Konto anlegen', newPassword: 'Neues Passwort' } },
        ),
      ],
    });
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Konto anlegen');
    expect(root.querySelector(`label[for="${field('password').id}"]`)!.textContent!.trim()).toBe('Neues Passwort');
    await answer(submitVia('Registrieren'), 400, duplicateFlow());
    expect(root.querySelector('[data-kratos-message-id="4000007"]')!.textContent!.trim()).toBe(
      'Dieses Konto gibt es schon.',
    );
  });

  it('binds no server string as HTML', async () => {
    const hostile = registrationFlow();
    hostile.ui.messages = [text(4000001, '<img src=x onerror=alert(1)>', 'error')];
    hostile.ui.nodes = hostile.ui.nodes.map((node) =>
      node.attributes.node_type === 'input' && node.attributes.name === 'traits.email'
        ? { ...node, meta: { label: text(1070002, '<b>E-Mail</b>') } }
        : node,
    );
    await setUp({ flow: hostile });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.textContent).toContain('<b>E-Mail</b>');
  });
});
