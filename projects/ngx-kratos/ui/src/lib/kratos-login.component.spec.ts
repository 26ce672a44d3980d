/*
 * <kratos-login> on Kratos v1.3.1's login flows (ui/src/testing/flow-fixtures.ts; docs/kratos-protocol.md §7): its
 * screens (sign in, a code sent, a wrong password, a second factor, a re-authentication, signing in), each with
 * axe-core at zero violations; the order of its sections, the body each button sends, feedback and focus after each
 * answer, the links to the app's other pages, late answers, translations, and server strings as text.
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
  LoginFlow,
  LoginSuccess,
  provideKratos,
  UiNode,
  withFlowPages,
} from 'ngx-kratos';
import {
  aal2Flow,
  axeViolations,
  codeSentFlow,
  CSRF,
  EMAIL,
  KRATOS,
  LOGIN_ID,
  loginFlow,
  loginSuccessBody,
  refreshFlow,
  text,
  wrongPasswordFlow,
} from '../testing/flow-fixtures';
import { KratosLogin } from './kratos-login.component';
import { provideKratosTexts } from './texts';

const SUBMIT = `${KRATOS}/self-service/login?flow=${LOGIN_ID}`;
const NEW_ID = '2d0e0f5a-7b3c-4e7a-9f4c-9a5b6c7d8e03';

@Component({ template: '' })
class Blank {}

@Component({
  imports: [KratosLogin],
  template: `
    <main>
      <kratos-login [flow]="flow()" (signedIn)="signedIn.push($event)" (verification)="verifications.push($event)" />
    </main>
  `,
})
class Host {
  readonly flow = signal<LoginFlow>(loginFlow());
  readonly signedIn: LoginSuccess[] = [];
  readonly verifications: ContinueWithVerificationUi[] = [];
}

const routes = ['', 'login', 'account', 'registration', 'recovery', 'verification'].map((path) => ({
  path,
  component: Blank,
}));

describe('<kratos-login>', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let assign: jasmine.Spy;
  let root: HTMLElement;

  async function setUp(
    options: {
      page?: string;
      flow?: LoginFlow;
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
        provideKratos(
          { baseUrl: KRATOS },
          withFlowPages(
            options.pages ?? { login: '/login', registration: '/registration', recovery: '/recovery', home: '/' },
          ),
        ),
        { provide: KratosLocation, useValue: { assign } },
        ...((options.providers ?? []) as never[]),
      ],
    });
    await TestBed.inject(Router).navigateByUrl(options.page ?? '/login?return_to=%2Faccount');
    fixture = TestBed.createComponent(Host);
    if (options.flow) fixture.componentInstance.flow.set(options.flow);
    fixture.detectChanges();
    http = TestBed.inject(HttpTestingController);
    root = fixture.nativeElement as HTMLElement;
  }
  afterEach(() => {
    http.verify();
    document.head.querySelectorAll('script[src$="/.well-known/ory/webauthn.js"]').forEach((script) => script.remove());
  });

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

  describe('sign in (a first factor)', () => {
    it('sections: identifier and password, then the code, in one form; then the passkey; then the providers', async () => {
      await setUp();
      expect(sectionKeys()).toEqual(['primary', 'passkey', 'oidc']);
      const primary = section('primary');
      const order = [...primary.querySelectorAll('input:not([type="hidden"]), button')].map(
        (element) => (element as HTMLInputElement).name + '=' + ((element as HTMLInputElement).value || ''),
      );
      expect(order).toEqual(['identifier=', 'password=', 'method=password', 'method=code']);
      expect(section('passkey').querySelector('input[name="identifier"]')).toBeNull();
      expect(section('passkey').querySelector<HTMLButtonElement>('button')!.textContent!.trim()).toBe(
        'Sign in with passkey',
      );
      expect(section('oidc').querySelector<HTMLButtonElement>('button[name="provider"]')!.value).toBe('github');
      expect(root.querySelector('h1')!.textContent!.trim()).toBe('Sign in');
      await expectNoAxeViolations();
    });

    it('the password button sends the password method’s fields', async () => {
      await setUp();
      field('identifier').value = EMAIL;
      field('password').value = 'Lovelace-1815!';
      const req = submitVia('Sign in with password');
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual({
        csrf_token: CSRF,
        identifier: EMAIL,
        password: 'Lovelace-1815!',
        method: 'password',
      });
      await answer(req, 400, wrongPasswordFlow());
    });

    it('the code button never sends a typed password', async () => {
      await setUp();
      field('identifier').value = EMAIL;
      field('password').value = 'typed by mistake';
      const req = submitVia('Send sign in code');
      expect(req.request.body).toEqual({ csrf_token: CSRF, identifier: EMAIL, method: 'code' });
      expect(JSON.stringify(req.request.body)).not.toContain('typed by mistake');
      await answer(req, 400, codeSentFlow());
    });

    it('the provider button sends only the provider (§7.6), without the identifier', async () => {
      await setUp();
      field('identifier').value = EMAIL;
      const req = submitVia('Sign in with github');
      expect(req.request.body).toEqual({ csrf_token: CSRF, provider: 'github', method: 'oidc' });
      await answer(req, 200, loginSuccessBody());
    });

    it('links to the app’s registration and recovery pages, with the page’s return_to', async () => {
      await setUp();
      const links = [...root.querySelectorAll<HTMLAnchorElement>('a[data-kratos-link]')].map((a) => [
        a.getAttribute('data-kratos-link'),
        a.getAttribute('href'),
        a.textContent!.trim(),
      ]);
      expect(links).toEqual([
        ['registration', '/registration?return_to=%2Faccount', 'Create an account'],
        ['recovery', '/recovery?return_to=%2Faccount', 'Forgot your password?'],
      ]);
    });

    it('without a return_to of the page’s own, the links carry the flow’s', async () => {
      await setUp({ page: '/login', flow: loginFlow({ return_to: `${location.origin}/account` }) });
      const href = root.querySelector('a[data-kratos-link="registration"]')!.getAttribute('href')!;
      const link = TestBed.inject(Router).parseUrl(href);
      expect(link.root.children['primary'].segments.map(String)).toEqual(['registration']);
      expect(link.queryParams).toEqual({ return_to: `${location.origin}/account` });
    });

    it('an unsafe return_to of the page is not carried on to the other pages', async () => {
      await setUp({ page: `/login?return_to=${encodeURIComponent('https://evil.example/x')}` });
      for (const link of root.querySelectorAll('a[data-kratos-link]')) {
        expect(link.getAttribute('href')).not.toContain('return_to');
      }
    });

    it('without withFlowPages’ registration and recovery pages: no links', async () => {
      await setUp({ pages: { home: '/' } });
      expect(root.querySelector('.kratos-links')).toBeNull();
    });
  });

  describe('answers', () => {
    it('a code sent (§7.4 row 10): the next step, its message next to the submitted form, focus on it', async () => {
      await setUp();
      field('identifier').value = EMAIL;
      await answer(submitVia('Send sign in code'), 400, codeSentFlow());
      const message = section('primary').querySelector<HTMLElement>('[data-kratos-message-id="1010014"]');
      expect(message).not.toBeNull();
      expect(root.querySelectorAll('[data-kratos-message-id="1010014"]').length).toBe(1);
      expect(document.activeElement).toBe(message);
      expect(field('code')).not.toBeNull();
      expect(root.querySelector('input[name="password"]')).toBeNull();
      await expectNoAxeViolations();

      field('code').value = '123456';
      const req = submitVia('Continue');
      expect(req.request.body).toEqual({ csrf_token: CSRF, identifier: EMAIL, method: 'code', code: '123456' });
      await answer(req, 200, loginSuccessBody());
    });

    it('resend sends resend=code with the code method’s own fields (the code field as typed, empty)', async () => {
      await setUp({ flow: codeSentFlow() });
      const req = submitVia('Resend code');
      expect(req.request.body).toEqual({
        csrf_token: CSRF,
        identifier: EMAIL,
        method: 'code',
        code: '',
        resend: 'code',
      });
      await answer(req, 400, codeSentFlow());
    });

    it('a wrong password (4000006): the error next to the form, focus on it, the identifier kept, the password not', async () => {
      await setUp();
      field('identifier').value = EMAIL;
      field('password').value = 'wrong';
      await answer(submitVia('Sign in with password'), 400, wrongPasswordFlow());
      const error = section('primary').querySelector<HTMLElement>('[data-kratos-message-id="4000006"]');
      expect(error?.getAttribute('role')).toBe('alert');
      expect(error?.textContent).toContain('The provided credentials are invalid');
      // Not under the page's heading: the top messages stay empty.
      expect(root.querySelector('.kratos-login > kratos-messages .kratos-message')).toBeNull();
      expect(document.activeElement).toBe(error);
      expect(field('identifier').value).toBe(EMAIL);
      expect(field('password').value).toBe('');
      await expectNoAxeViolations();
    });

    it('a field in error (4000002 on identifier): focus on that field, tied to its message', async () => {
      await setUp();
      const flow = loginFlow();
      flow.ui.nodes = flow.ui.nodes.map((node) =>
        node.attributes.node_type === 'input' && node.attributes.name === 'identifier'
          ? ({ ...node, messages: [text(4000002, 'Property identifier is missing.', 'error')] } as UiNode)
          : node,
      );
      await answer(submitVia('Sign in with password'), 400, flow);
      const identifier = field('identifier');
      expect(document.activeElement).toBe(identifier);
      expect(identifier.getAttribute('aria-invalid')).toBe('true');
      expect(root.querySelector(`#${identifier.getAttribute('aria-describedby')}`)?.textContent).toContain(
        'Property identifier is missing.',
      );
      await expectNoAxeViolations();
    });

    it('an answer never leaves focus on the page body', async () => {
      await setUp();
      await answer(submitVia('Sign in with password'), 400, loginFlow());
      expect(document.activeElement).not.toBe(document.body);
      expect(root.contains(document.activeElement)).toBeTrue();
    });

    it('a second factor needed after the password (422 to Kratos’s aal2 login): the app’s login page, in the app', async () => {
      await setUp();
      const aal2 = `${KRATOS}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent('http://127.0.0.1:4200/account')}`;
      await answer(submitVia('Sign in with password'), 422, {
        error: {
          id: 'browser_location_change_required',
          code: 422,
          status: 'Unprocessable Entity',
          reason: `In order to complete this flow please redirect the browser to: ${aal2}`,
          message: 'browser location change required',
        },
        redirect_browser_to: aal2,
      });
      await fixture.whenStable();
      const router = TestBed.inject(Router);
      const url = router.parseUrl(router.url);
      expect(url.root.children['primary'].segments.map(String)).toEqual(['login']);
      expect(url.queryParams).toEqual({ aal: 'aal2', return_to: 'http://127.0.0.1:4200/account' });
      expect(assign).not.toHaveBeenCalled();
    });

    it('an expired flow’s 410 (§7.4 row 5): the replacement flow Kratos names, on this page, no error page', async () => {
      await setUp();
      await answer(submitVia('Sign in with password'), 410, {
        error: {
          id: 'self_service_flow_expired',
          code: 410,
          status: 'Gone',
          reason: 'The self-service flow expired 0.03 minutes ago, initialize a new one.',
          message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
        },
        expired_at: '2026-11-22T11:00:00Z',
        since: 1800000000,
        use_flow_id: NEW_ID,
      });
      await fixture.whenStable();
      const router = TestBed.inject(Router);
      expect(router.parseUrl(router.url).queryParams).toEqual({ return_to: '/account', flow: NEW_ID });
      expect(assign).not.toHaveBeenCalled();
    });

    it('a late answer is cancelled when a new flow comes from the route', async () => {
      await setUp();
      const req = submitVia('Sign in with password');
      fixture.componentInstance.flow.set(loginFlow({ id: NEW_ID }));
      await settle();
      expect(req.cancelled).toBeTrue();
      expect(fieldsets().every((fieldset) => !fieldset.disabled)).toBeTrue();
      expect(fixture.componentInstance.signedIn).toEqual([]);
    });
  });

  describe('a second factor (requested_aal: aal2, §7.1 row 6)', () => {
    it('only the second factors, each its own form, authenticator app first; no password, no links', async () => {
      await setUp({ flow: aal2Flow() });
      expect(root.querySelector('h1')!.textContent!.trim()).toBe('Second factor');
      expect(sectionKeys()).toEqual(['totp', 'code', 'lookup_secret']);
      for (const key of sectionKeys()) {
        expect(['totp', 'lookup_secret', 'webauthn', 'code']).toContain(key!);
      }
      expect(root.querySelector('input[name="password"]')).toBeNull();
      expect(root.querySelector('.kratos-links')).toBeNull();
      expect(root.querySelector('[data-kratos-message-id="1010004"]')).not.toBeNull();
      await expectNoAxeViolations();
    });

    it('the authenticator app sends its code only; a recovery code its own', async () => {
      await setUp({ flow: aal2Flow() });
      field('totp_code').value = '123456';
      field('lookup_secret').value = 'abcd-efgh';
      let req = submitVia('Use Authenticator');
      expect(req.request.body).toEqual({ csrf_token: CSRF, totp_code: '123456', method: 'totp' });
      const invalid = aal2Flow();
      invalid.ui.messages = [text(4000008, 'The provided authentication code is invalid, please try again.', 'error')];
      await answer(req, 400, invalid);
      expect(document.activeElement).toBe(section('totp').querySelector('[data-kratos-message-id="4000008"]'));
      await expectNoAxeViolations();

      field('lookup_secret').value = 'abcd-efgh';
      req = submitVia('Use backup recovery code');
      expect(req.request.body).toEqual({ csrf_token: CSRF, lookup_secret: 'abcd-efgh', method: 'lookup_secret' });
      await answer(req, 200, loginSuccessBody());
    });
  });

  describe('a re-authentication (refresh: true, §7.1 row 7)', () => {
    it('its heading, the identifier hidden, the password; no links; the body has the identifier Kratos sent', async () => {
      await setUp({ flow: refreshFlow() });
      expect(root.querySelector('h1')!.textContent!.trim()).toBe('Confirm it is you');
      expect(root.querySelector('input[name="identifier"]')!.getAttribute('type')).toBe('hidden');
      expect(root.querySelector('.kratos-links')).toBeNull();
      await expectNoAxeViolations();
      field('password').value = 'Lovelace-1815!';
      const req = submitVia('Sign in');
      expect(req.request.body).toEqual({
        csrf_token: CSRF,
        identifier: EMAIL,
        password: 'Lovelace-1815!',
        method: 'password',
      });
      await answer(req, 200, loginSuccessBody());
    });
  });

  describe('success (§7.4 row 12)', () => {
    it('emits signedIn, hands the result to completeSignIn, and keeps the forms disabled while it runs', async () => {
      await setUp();
      const navigator = TestBed.inject(KratosNavigator);
      let finish!: (value: ContinueWithVerificationUi | undefined) => void;
      const complete = spyOn(navigator, 'completeSignIn').and.returnValue(new Promise((resolve) => (finish = resolve)));
      field('identifier').value = EMAIL;
      field('password').value = 'Lovelace-1815!';
      const redirect = { action: 'redirect_browser_to' as const, redirect_browser_to: 'http://127.0.0.1:4200/account' };
      await answer(submitVia('Sign in with password'), 200, loginSuccessBody([redirect]));
      expect(fixture.componentInstance.signedIn.length).toBe(1);
      expect(complete).toHaveBeenCalledTimes(1);
      expect(complete.calls.mostRecent().args[0].continueWith).toEqual([redirect]);
      expect(fieldsets().length).toBeGreaterThan(0);
      expect(fieldsets().every((fieldset) => fieldset.disabled)).toBeTrue();
      await expectNoAxeViolations();
      finish(undefined);
      await settle();
      expect(fieldsets().every((fieldset) => !fieldset.disabled)).toBeTrue();
    });

    it('the real navigator goes where Kratos says, in the app', async () => {
      await setUp();
      await answer(
        submitVia('Sign in with password'),
        200,
        loginSuccessBody([{ action: 'redirect_browser_to', redirect_browser_to: `${location.origin}/account` }]),
      );
      await fixture.whenStable();
      expect(TestBed.inject(Router).url).toBe('/account');
      expect(assign).not.toHaveBeenCalled();
    });
  });

  it('translates Kratos’s messages by id, and its own words, with provideKratosTexts', async () => {
    await setUp({
      providers: [
        provideKratosTexts(
          { 4000006: 'Falsche Zugangsdaten.', 1010022: 'Mit Passwort anmelden', 1070001: 'Passwort' },
          { labels: { signIn: 'Anmelden', registrationLink: 'Konto anlegen' } },
        ),
      ],
    });
    expect(root.querySelector('h1')!.textContent!.trim()).toBe('Anmelden');
    expect(root.querySelector('a[data-kratos-link="registration"]')!.textContent!.trim()).toBe('Konto anlegen');
    expect(root.querySelector(`label[for="${field('password').id}"]`)!.textContent!.trim()).toBe('Passwort');
    await answer(submitVia('Mit Passwort anmelden'), 400, wrongPasswordFlow());
    expect(root.querySelector('[data-kratos-message-id="4000006"]')!.textContent!.trim()).toBe('Falsche Zugangsdaten.');
  });

  it('binds no server string as HTML', async () => {
    const hostile = loginFlow();
    hostile.ui.nodes = hostile.ui.nodes.map((node) =>
      node.attributes.node_type === 'input' && node.attributes.name === 'identifier'
        ? ({ ...node, meta: { label: text(1070004, '<img src=x onerror=alert(1)>') } } as UiNode)
        : node,
    );
    hostile.ui.messages = [text(4000001, '<b>bold</b><script>alert(1)</script>', 'error')];
    await setUp({ flow: hostile });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('kratos-login script')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.textContent).toContain('<b>bold</b>');
  });
});
