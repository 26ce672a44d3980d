/*
 * <kratos-settings> with the project's own fixtures (written from the protocol and the node shapes of Kratos's
 * recorded snapshots; loopback and data: URLs only): each group, each state, submit bodies through
 * HttpTestingController, errors through KratosNavigator, translations, overrides, and axe-core with zero violations.
 */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, CSP_NONCE, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import axe from 'axe-core';
import {
  ContinueWithVerificationUi,
  KRATOS_FLOW_PAGES,
  KratosLocation,
  KratosNavigator,
  provideKratos,
  SettingsFlow,
  UiNode,
} from 'ngx-kratos';
import { KratosSettings } from './kratos-settings.component';
import { KratosNodeTemplate } from './node-template.directive';
import { provideKratosTexts } from './texts';
import theme from '../../theme.css' with { loader: 'text' };

const KRATOS = 'http://127.0.0.1:4433';
const CSRF = 'csrf-value';
const ID = '6b6e1a8e-3a1e-4bd4-9b7b-2f6a0c1d9e01';
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const label = (id: number, text: string, context?: Record<string, unknown>) => ({
  id,
  text,
  type: 'info' as const,
  ...(context ? { context } : {}),
});
const input = (
  group: string,
  name: string,
  type: string,
  extra: Record<string, unknown> = {},
  meta: object = {},
): UiNode =>
  ({
    type: 'input',
    group,
    attributes: { name, type, disabled: false, node_type: 'input', ...extra },
    messages: [],
    meta,
  }) as UiNode;

function flow(extra: Partial<SettingsFlow> = {}, nodes?: UiNode[]): SettingsFlow {
  return {
    id: ID,
    type: 'browser',
    state: 'show_form',
    expires_at: '2026-11-22T11:00:00Z',
    issued_at: '2026-11-22T10:00:00Z',
    request_url: `${KRATOS}/self-service/settings/browser`,
    identity: {
      id: 'i1',
      schema_id: 'default',
      schema_url: `${KRATOS}/schemas/default`,
      traits: { email: 'ada@127.0.0.1' },
    },
    organization_id: null,
    ui: {
      action: `${KRATOS}/self-service/settings?flow=${ID}`,
      method: 'POST',
      nodes: nodes ?? [
        input('default', 'csrf_token', 'hidden', { value: CSRF, required: true }),
        input(
          'profile',
          'traits.email',
          'email',
          { value: 'ada@127.0.0.1', required: true, autocomplete: 'email' },
          { label: label(1070002, 'E-Mail') },
        ),
        input('profile', 'traits.name.first', 'text', { value: 'Ada' }, { label: label(1070002, 'First Name') }),
        input('profile', 'method', 'submit', { value: 'profile' }, { label: label(1070003, 'Save') }),
        input(
          'password',
          'password',
          'password',
          { required: true, autocomplete: 'new-password' },
          { label: label(1070001, 'Password') },
        ),
        input('password', 'method', 'submit', { value: 'password' }, { label: label(1070003, 'Save') }),
        {
          type: 'img',
          group: 'totp',
          attributes: { id: 'totp_qr', src: PNG, width: 256, height: 256, node_type: 'img' },
          messages: [],
          meta: { label: label(1050005, 'Authenticator app QR code') },
        },
        {
          type: 'text',
          group: 'totp',
          attributes: { id: 'totp_secret_key', text: label(1050006, 'JBSWY3DPEHPK3PXP'), node_type: 'text' },
          messages: [],
          meta: { label: label(1050017, 'This is your authenticator app secret.') },
        },
        input('totp', 'totp_code', 'text', { required: true }, { label: label(1070006, 'Verify code') }),
        input('totp', 'method', 'submit', { value: 'totp' }, { label: label(1070003, 'Save') }),
        {
          type: 'text',
          group: 'lookup_secret',
          attributes: {
            id: 'lookup_secret_codes',
            node_type: 'text',
            text: label(1050015, 'a1, used', { secrets: [label(1050009, 'a1b2c3d4'), label(1050014, 'used')] }),
          },
          messages: [],
          meta: {},
        },
        input(
          'lookup_secret',
          'lookup_secret_regenerate',
          'submit',
          { value: 'true' },
          { label: label(1050008, 'Generate new backup recovery codes') },
        ),
        input(
          'oidc',
          'link',
          'submit',
          { value: 'github' },
          { label: label(1050002, 'Link github', { provider: 'github' }) },
        ),
        {
          type: 'script',
          group: 'webauthn',
          attributes: {
            id: 'webauthn_script',
            src: `${KRATOS}/.well-known/ory/webauthn.js`,
            async: true,
            referrerpolicy: 'no-referrer',
            crossorigin: 'anonymous',
            integrity: 'sha512-abc',
            type: 'text/javascript',
            nonce: '',
            node_type: 'script',
          },
          messages: [],
          meta: {},
        },
        input(
          'webauthn',
          'webauthn_register_displayname',
          'text',
          { value: '' },
          { label: label(1050013, 'Name of the security key') },
        ),
        input(
          'webauthn',
          'webauthn_register_trigger',
          'button',
          { onclickTrigger: 'oryWebAuthnRegistration' },
          { label: label(1050012, 'Add security key') },
        ),
        input('hologram', 'hologram_field', 'warp', { value: 'x' }, { label: label(9999999, 'A future field') }),
      ],
    },
    ...extra,
  };
}

@Component({
  imports: [KratosSettings, KratosNodeTemplate],
  template: `
    <main>
      <h1>Settings</h1>
      <kratos-settings [flow]="flow()" (verification)="verification = $event">
        @if (override()) {
          <ng-template kratosNode="name:password" let-node let-id="inputId">
            <label [for]="id">Custom password</label>
            <input class="custom-password" [id]="id" type="password" [name]="node.attributes.name" />
          </ng-template>
        }
      </kratos-settings>
    </main>
  `,
})
class Host {
  readonly flow = signal(flow());
  readonly override = signal(false);
  verification?: ContinueWithVerificationUi;
}

describe('<kratos-settings>', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let assign: jasmine.Spy;
  let root: HTMLElement;

  function setUp(providers: unknown[] = [], override = false): void {
    assign = jasmine.createSpy('assign');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideKratos({ baseUrl: KRATOS }),
        { provide: KratosLocation, useValue: { assign } },
        ...(providers as never[]),
      ],
    });
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.override.set(override);
    fixture.detectChanges();
    http = TestBed.inject(HttpTestingController);
    root = fixture.nativeElement as HTMLElement;
  }
  afterEach(() => {
    http.verify();
    document.head.querySelectorAll('script[src$="/.well-known/ory/webauthn.js"]').forEach((script) => script.remove());
  });

  const form = (group: string) => root.querySelector<HTMLFormElement>(`form[data-kratos-group="${group}"]`)!;
  const button = (group: string, text: string) =>
    [...form(group).querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
  async function submitVia(group: string, text: string): Promise<TestRequest> {
    button(group, text).click();
    fixture.detectChanges();
    return http.expectOne(`${KRATOS}/self-service/settings?flow=${ID}`);
  }
  async function settle(): Promise<void> {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }
  async function expectNoAxeViolations(): Promise<void> {
    const result = await axe.run(root, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }

  it('each form carries Kratos’s action and method, so a native submit (Kratos’s WebAuthn script) is a form post to Kratos', () => {
    setUp();
    for (const element of root.querySelectorAll('form')) {
      expect(element.getAttribute('action')).toBe(`${KRATOS}/self-service/settings?flow=${ID}`);
      expect(element.getAttribute('method')).toBe('post');
    }
    // An action off Kratos's origin is never set: such a form would post the CSRF token elsewhere.
    const current = fixture.componentInstance.flow();
    fixture.componentInstance.flow.set({ ...current, ui: { ...current.ui, action: 'https://evil.example/steal' } });
    fixture.detectChanges();
    for (const element of root.querySelectorAll('form')) {
      expect(element.hasAttribute('action')).toBeFalse();
      expect(element.hasAttribute('method')).toBeFalse();
    }
  });

  it('renders one form per group, in a stable order, each with the CSRF token; unknown groups too', () => {
    setUp();
    const groups = [...root.querySelectorAll('section[data-kratos-group]')].map((s) =>
      s.getAttribute('data-kratos-group'),
    );
    expect(groups).toEqual(['profile', 'password', 'totp', 'lookup_secret', 'webauthn', 'oidc', 'hologram']);
    for (const section of root.querySelectorAll('form')) {
      expect(section.querySelector<HTMLInputElement>('input[name="csrf_token"]')?.value).toBe(CSRF);
    }
    // An input type Kratos may add later is still rendered, as text.
    expect(form('hologram').querySelector<HTMLInputElement>('input[name="hologram_field"]')?.type).toBe('text');
  });

  it('every visible input has a label', () => {
    setUp();
    for (const field of root.querySelectorAll<HTMLInputElement>('input:not([type="hidden"])')) {
      expect(root.querySelector(`label[for="${field.id}"]`))
        .withContext(field.name)
        .not.toBeNull();
    }
  });

  it('profile: submits the group’s typed body, nested traits and the CSRF token; pending disables the form', async () => {
    setUp();
    const email = form('profile').querySelector<HTMLInputElement>('input[name="traits.email"]')!;
    email.value = 'augusta@127.0.0.1';
    const req = await submitVia('profile', 'Save');
    expect(req.request.body).toEqual({
      csrf_token: CSRF,
      traits: { email: 'augusta@127.0.0.1', name: { first: 'Ada' } },
      method: 'profile',
    });
    expect(form('profile').querySelector('fieldset')!.disabled).toBeTrue();
    req.flush({
      ...flow({ state: 'success' }),
      ui: { ...flow().ui, messages: [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }] },
    });
    await settle();
    expect(form('profile').querySelector('fieldset')!.disabled).toBeFalse();
    expect(root.querySelector('.kratos-message--success')?.textContent?.trim()).toBe('Your changes have been saved!');
  });

  it('invalid: the node’s error, aria-invalid and aria-describedby, focus on it, the earlier success message hidden', async () => {
    setUp();
    const req = await submitVia('profile', 'Save');
    const invalid = flow({ state: 'success' });
    invalid.ui.messages = [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }];
    invalid.ui.nodes[1] = {
      ...invalid.ui.nodes[1],
      attributes: { ...invalid.ui.nodes[1].attributes, value: 'not-an-email' } as UiNode['attributes'],
      messages: [{ id: 4000040, text: 'Enter a valid email address', type: 'error' }],
    } as UiNode;
    req.flush(invalid, { status: 400, statusText: 'Bad Request' });
    await settle();
    const email = form('profile').querySelector<HTMLInputElement>('input[name="traits.email"]')!;
    expect(email.value).toBe('not-an-email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = root.querySelector(`#${email.getAttribute('aria-describedby')}`);
    expect(described?.textContent).toContain('Enter a valid email address');
    expect(document.activeElement).toBe(email);
    expect(root.querySelector('.kratos-message--success')).toBeNull();
    await expectNoAxeViolations();
  });

  it('password, totp, lookup_secret and oidc submit their methods’ bodies', async () => {
    setUp();
    form('password').querySelector<HTMLInputElement>('input[name="password"]')!.value = 'correct horse';
    let req = await submitVia('password', 'Save');
    expect(req.request.body).toEqual({ csrf_token: CSRF, password: 'correct horse', method: 'password' });
    req.flush(flow());
    await settle();

    form('totp').querySelector<HTMLInputElement>('input[name="totp_code"]')!.value = '123456';
    req = await submitVia('totp', 'Save');
    expect(req.request.body).toEqual({ csrf_token: CSRF, totp_code: '123456', method: 'totp' });
    req.flush(flow());
    await settle();

    req = await submitVia('lookup_secret', 'Generate new backup recovery codes');
    expect(req.request.body).toEqual({ csrf_token: CSRF, lookup_secret_regenerate: true, method: 'lookup_secret' });
    req.flush(flow());
    await settle();

    req = await submitVia('oidc', 'Link github');
    expect(req.request.body).toEqual({ csrf_token: CSRF, link: 'github', method: 'oidc' });
    req.flush(flow());
    await settle();
  });

  it('totp and lookup_secret: the QR image, the secret as text, the codes from the text node’s context', () => {
    setUp();
    const qr = form('totp').querySelector<HTMLImageElement>('img')!;
    expect(qr.src).toBe(PNG);
    expect(qr.alt).toBe('Authenticator app QR code');
    expect(form('totp').textContent).toContain('JBSWY3DPEHPK3PXP');
    const codes = [...form('lookup_secret').querySelectorAll('.kratos-text__secrets li')].map((li) =>
      li.textContent!.trim(),
    );
    expect(codes).toEqual(['a1b2c3d4', 'used']);
  });

  it('webauthn: loads Kratos’s script once with its integrity and the CSP nonce; the trigger calls Kratos’s function', () => {
    setUp([{ provide: CSP_NONCE, useValue: 'nonce-123' }]);
    const scripts = [
      ...document.head.querySelectorAll<HTMLScriptElement>('script[src$="/.well-known/ory/webauthn.js"]'),
    ];
    expect(scripts.length).toBe(1);
    expect(scripts[0].integrity).toBe('sha512-abc');
    expect(scripts[0].nonce).toBe('nonce-123');
    const registration = jasmine.createSpy('oryWebAuthnRegistration');
    (window as unknown as Record<string, unknown>)['oryWebAuthnRegistration'] = registration;
    button('webauthn', 'Add security key').click();
    expect(registration).toHaveBeenCalled();
    delete (window as unknown as Record<string, unknown>)['oryWebAuthnRegistration'];
    http.expectNone(() => true);
  });

  it('a script node from another origin is never loaded; a trigger that is not Kratos’s is never called', () => {
    setUp();
    const evil = flow({}, [
      input('default', 'csrf_token', 'hidden', { value: CSRF }),
      {
        type: 'script',
        group: 'webauthn',
        attributes: {
          id: 's',
          src: 'http://127.0.0.2/evil.js',
          async: true,
          referrerpolicy: '',
          crossorigin: '',
          integrity: '',
          type: 'text/javascript',
          nonce: '',
          node_type: 'script',
        },
        messages: [],
        meta: {},
      },
      input('webauthn', 'x', 'button', { onclickTrigger: 'alert' }, { label: label(1, 'Press') }),
    ]);
    fixture.componentInstance.flow.set(evil);
    fixture.detectChanges();
    expect(document.head.querySelector('script[src="http://127.0.0.2/evil.js"]')).toBeNull();
    const alert = spyOn(window, 'alert');
    const press = button('webauthn', 'Press');
    expect(press.type).toBe('button'); // not wired to anything: `alert` is not one of Kratos's ory* functions
    press.click();
    expect(alert).not.toHaveBeenCalled();
  });

  it('server strings are text, never HTML', () => {
    setUp();
    const hostile = flow({}, [
      input('default', 'csrf_token', 'hidden', { value: CSRF }),
      input(
        'profile',
        'traits.email',
        'email',
        { value: '"><img src=x onerror=alert(1)>' },
        { label: label(1, '<img src=x onerror=alert(1)>') },
      ),
    ]);
    hostile.ui.messages = [{ id: 2, text: '<b>bold</b>', type: 'error' }];
    fixture.componentInstance.flow.set(hostile);
    fixture.detectChanges();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('each answer from Kratos re-creates the fields: a typed password does not linger after an invalid submit', async () => {
    setUp();
    const warn = spyOn(console, 'warn');
    const typed = form('password').querySelector<HTMLInputElement>('input[name="password"]')!;
    typed.value = 'too short';
    const req = await submitVia('password', 'Save');
    const invalid = flow();
    invalid.ui.nodes[4] = {
      ...invalid.ui.nodes[4],
      messages: [{ id: 4000032, text: 'The password must be at least 8 characters long.', type: 'error' }],
    } as UiNode;
    req.flush(invalid, { status: 400, statusText: 'Bad Request' });
    await settle();
    const field = form('password').querySelector<HTMLInputElement>('input[name="password"]')!;
    expect(field).not.toBe(typed);
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // On purpose, so no dev-mode warning about re-created collections (NG0956) for it.
    expect(warn.calls.allArgs().flat().join(' ')).not.toContain('NG0956');
  });

  it('a new flow from the route ends a pending submit of the old one: its late answer never replaces the newer flow', async () => {
    setUp();
    const req = await submitVia('profile', 'Save');
    const newer = flow({ id: 'f2b0c9d4-0000-4000-8000-000000000002' });
    newer.ui.nodes[1] = {
      ...newer.ui.nodes[1],
      attributes: { ...newer.ui.nodes[1].attributes, value: 'newer@127.0.0.1' } as UiNode['attributes'],
    } as UiNode;
    fixture.componentInstance.flow.set(newer);
    await settle();
    expect(req.cancelled).toBeTrue();
    expect(form('profile').querySelector('fieldset')!.disabled).toBeFalse();
    expect(form('profile').querySelector<HTMLInputElement>('input[name="traits.email"]')!.value).toBe(
      'newer@127.0.0.1',
    );
  });

  it('errors go through KratosNavigator: session_refresh_required → login with refresh=true, back to this page', async () => {
    setUp();
    form('password').querySelector<HTMLInputElement>('input[name="password"]')!.value = 'correct horse';
    const req = await submitVia('password', 'Save');
    req.flush(
      {
        error: {
          id: 'session_refresh_required',
          code: 403,
          status: 'Forbidden',
          message: 'The requested action was forbidden',
        },
        redirect_browser_to: `${KRATOS}/self-service/login/browser?refresh=true`,
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    const target = new URL(assign.calls.mostRecent().args[0]);
    expect(target.searchParams.get('refresh')).toBe('true');
    expect(target.searchParams.get('return_to')).toContain('kratos_step=refresh');
  });

  it('success with show_verification_ui and an app verification page: the navigator goes there, nothing emitted', async () => {
    setUp([{ provide: KRATOS_FLOW_PAGES, useValue: { verification: '/verification' } }]);
    const show = spyOn(TestBed.inject(KratosNavigator), 'showVerification').and.resolveTo(true);
    const req = await submitVia('profile', 'Save');
    const verification = {
      action: 'show_verification_ui' as const,
      flow: { id: 'v1', verifiable_address: 'a@127.0.0.1' },
    };
    req.flush({ ...flow({ state: 'success' }), continue_with: [verification] });
    await settle();
    expect(show).toHaveBeenCalledOnceWith(verification);
    expect(fixture.componentInstance.verification).toBeUndefined();
  });

  it('show_verification_ui for an address that was already there (a pending reminder): emitted, the page stays', async () => {
    setUp([{ provide: KRATOS_FLOW_PAGES, useValue: { verification: '/verification' } }]);
    const pending = flow();
    pending.identity.verifiable_addresses = [
      { id: 'a1', value: 'a@127.0.0.1', verified: false, via: 'email', status: 'pending' },
    ];
    fixture.componentInstance.flow.set(pending);
    await settle();
    const show = spyOn(TestBed.inject(KratosNavigator), 'showVerification').and.resolveTo(true);
    const req = await submitVia('profile', 'Save');
    const verification = {
      action: 'show_verification_ui' as const,
      flow: { id: 'v1', verifiable_address: 'a@127.0.0.1' },
    };
    req.flush({ ...flow({ state: 'success' }), continue_with: [verification] });
    await settle();
    expect(show).not.toHaveBeenCalled();
    expect(fixture.componentInstance.verification).toEqual(verification);
  });

  it('success acts on continue_with: show_verification_ui as an output; redirect_browser_to only with a return_to', async () => {
    setUp();
    let req = await submitVia('profile', 'Save');
    const verification = {
      action: 'show_verification_ui' as const,
      flow: { id: 'v1', verifiable_address: 'a@127.0.0.1' },
    };
    req.flush({
      ...flow({ state: 'success' }),
      continue_with: [
        verification,
        { action: 'redirect_browser_to', redirect_browser_to: `${KRATOS}/ui/settings?flow=${ID}` },
      ],
    });
    await settle();
    expect(fixture.componentInstance.verification).toEqual(verification);
    expect(assign).not.toHaveBeenCalled();

    req = await submitVia('profile', 'Save');
    req.flush({
      ...flow({ state: 'success', return_to: `${KRATOS}/self-service/after` }),
      continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: `${KRATOS}/self-service/after` }],
    });
    await settle();
    expect(assign).toHaveBeenCalledOnceWith(`${KRATOS}/self-service/after`);
  });

  it('translations by message id, with placeholders from the context', () => {
    setUp([provideKratosTexts({ 1070003: 'Speichern', 1050002: '{provider} verknüpfen' })]);
    expect(button('profile', 'Speichern')).toBeDefined();
    expect(button('oidc', 'github verknüpfen')).toBeDefined();
    // Untranslated words stay English (the new-password field's label is the components' own "New password").
    expect(form('password').textContent).toContain('New password');
  });

  it('group titles come from KratosTexts: English by default, translated with provideKratosTexts(…, { groups })', () => {
    setUp([provideKratosTexts({}, { groups: { password: 'Passwort', hologram: 'Hologramm' } })]);
    const title = (group: string) =>
      root.querySelector(`section[data-kratos-group="${group}"] h2`)?.textContent?.trim();
    expect(title('password')).toBe('Passwort');
    expect(title('hologram')).toBe('Hologramm');
    expect(title('profile')).toBe('Profile');
  });

  it('heading ids are unique per instance: two components on one page never share one', () => {
    setUp();
    const second = TestBed.createComponent(KratosSettings);
    second.componentRef.setInput('flow', flow());
    second.detectChanges();
    const ids = [root, second.nativeElement as HTMLElement].flatMap((element) =>
      [...element.querySelectorAll('h2[id]')].map((heading) => heading.id),
    );
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    for (const section of root.querySelectorAll('section[aria-labelledby]')) {
      expect(root.querySelector(`#${section.getAttribute('aria-labelledby')}`)?.tagName).toBe('H2');
    }
  });

  it('an ng-template override replaces one node, keeping the form’s submit', async () => {
    setUp([], true);
    const custom = form('password').querySelector<HTMLInputElement>('input.custom-password')!;
    expect(custom).not.toBeNull();
    custom.value = 'from-custom-field';
    const req = await submitVia('password', 'Save');
    expect(req.request.body.password).toBe('from-custom-field');
    req.flush(flow());
    await settle();
  });

  it('webauthn register (hidden field filled by Kratos’s script, form submitted without a button), passkey, saml, totp unlink, lookup reveal', async () => {
    setUp();
    const nodes = [
      input('default', 'csrf_token', 'hidden', { value: CSRF }),
      input(
        'webauthn',
        'webauthn_register_displayname',
        'text',
        { value: '' },
        { label: label(1050013, 'Name of the security key') },
      ),
      input('webauthn', 'webauthn_register', 'hidden', { value: '' }),
      input('passkey', 'passkey_settings_register', 'hidden', {}),
      input('passkey', 'passkey_remove', 'submit', { value: 'c3d4' }, { label: label(1050020, 'Remove passkey') }),
      input(
        'saml',
        'unlink',
        'submit',
        { value: 'acme' },
        { label: label(1050003, 'Unlink acme', { provider: 'acme' }) },
      ),
      input(
        'totp',
        'totp_unlink',
        'submit',
        { value: 'true' },
        { label: label(1050004, 'Unlink TOTP Authenticator App') },
      ),
      input(
        'lookup_secret',
        'lookup_secret_reveal',
        'submit',
        { value: 'true' },
        { label: label(1050007, 'Reveal backup recovery codes') },
      ),
    ];
    fixture.componentInstance.flow.set(flow({}, nodes));
    fixture.detectChanges();

    form('webauthn').querySelector<HTMLInputElement>('input[name="webauthn_register_displayname"]')!.value = 'YubiKey';
    form('webauthn').querySelector<HTMLInputElement>('input[name="webauthn_register"]')!.value = '{"id":"k1"}';
    form('webauthn').requestSubmit();
    fixture.detectChanges();
    let req = http.expectOne(`${KRATOS}/self-service/settings?flow=${ID}`);
    expect(req.request.body).toEqual({
      csrf_token: CSRF,
      webauthn_register_displayname: 'YubiKey',
      webauthn_register: '{"id":"k1"}',
      method: 'webauthn',
    });
    req.flush(flow({}, nodes));
    await settle();

    req = await submitVia('passkey', 'Remove passkey');
    expect(req.request.body).toEqual({
      csrf_token: CSRF,
      passkey_settings_register: '',
      passkey_remove: 'c3d4',
      method: 'passkey',
    });
    req.flush(flow({}, nodes));
    await settle();

    req = await submitVia('saml', 'Unlink acme');
    expect(req.request.body).toEqual({ csrf_token: CSRF, unlink: 'acme', method: 'saml' });
    req.flush(flow({}, nodes));
    await settle();

    req = await submitVia('totp', 'Unlink TOTP Authenticator App');
    expect(req.request.body).toEqual({ csrf_token: CSRF, totp_unlink: true, method: 'totp' });
    req.flush(flow({}, nodes));
    await settle();

    req = await submitVia('lookup_secret', 'Reveal backup recovery codes');
    expect(req.request.body).toEqual({ csrf_token: CSRF, lookup_secret_reveal: true, method: 'lookup_secret' });
    req.flush(flow({}, nodes));
    await settle();
  });

  describe('after a submit', () => {
    const saved = () => ({
      ...flow({ state: 'success' as const }),
      ui: {
        ...flow().ui,
        messages: [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' as const }],
      },
    });

    it('the feedback appears next to the submitted form, not under the page heading', async () => {
      setUp();
      const req = await submitVia('password', 'Save');
      req.flush(saved());
      await settle();
      const message = root.querySelector<HTMLElement>('[data-kratos-message-id="1050001"]')!;
      expect(message.closest('section')?.getAttribute('data-kratos-section')).toBe('password');
      expect(root.querySelectorAll('[data-kratos-message-id="1050001"]').length).toBe(1);
      expect(root.querySelector('.kratos-settings > kratos-messages .kratos-message')).toBeNull();
      expect(document.activeElement).toBe(message);
    });

    it('focus never falls to the page body: an answer without messages focuses the submitted section’s heading', async () => {
      setUp();
      const before = form('totp').querySelector<HTMLInputElement>('input[name="totp_code"]')!;
      before.focus();
      const req = await submitVia('totp', 'Save');
      req.flush(flow());
      await settle();
      expect(before.isConnected).toBeFalse(); // the answer re-created the fields
      expect(document.activeElement).not.toBe(document.body);
      expect(document.activeElement).toBe(root.querySelector('section[data-kratos-section="totp"] h2'));
    });

    it('an answer whose section is gone: focus on its messages at the top, never the body', async () => {
      setUp();
      const req = await submitVia('oidc', 'Link github');
      const without = flow();
      without.ui.nodes = without.ui.nodes.filter((node) => node.group !== 'oidc');
      without.ui.messages = [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }];
      req.flush(without);
      await settle();
      expect(root.querySelector('section[data-kratos-section="oidc"]')).toBeNull();
      const message = root.querySelector('.kratos-settings > kratos-messages [data-kratos-message-id="1050001"]');
      expect(message).not.toBeNull();
      expect(document.activeElement).toBe(message);
    });
  });

  it('buttons that remove something are marked kratos-button--danger; saving and linking are not', () => {
    setUp();
    const nodes = [
      input('default', 'csrf_token', 'hidden', { value: CSRF }),
      input('totp', 'totp_unlink', 'submit', { value: 'true' }, { label: label(1050004, 'Unlink TOTP') }),
      input(
        'lookup_secret',
        'lookup_secret_disable',
        'submit',
        { value: 'true' },
        { label: label(1050016, 'Disable this method') },
      ),
      input('webauthn', 'webauthn_remove', 'submit', { value: 'k1' }, { label: label(1050018, 'Remove key') }),
      input('passkey', 'passkey_remove', 'submit', { value: 'p1' }, { label: label(1050020, 'Remove passkey') }),
      input('oidc', 'unlink', 'submit', { value: 'github' }, { label: label(1050003, 'Unlink github') }),
      input('oidc', 'link', 'submit', { value: 'gitlab' }, { label: label(1050002, 'Link gitlab') }),
      input('password', 'method', 'submit', { value: 'password' }, { label: label(1070003, 'Save') }),
    ];
    fixture.componentInstance.flow.set(flow({}, nodes));
    fixture.detectChanges();
    const danger = [...root.querySelectorAll<HTMLButtonElement>('button')]
      .filter((b) => b.classList.contains('kratos-button--danger'))
      .map((b) => b.name);
    expect(danger).toEqual(['totp_unlink', 'lookup_secret_disable', 'webauthn_remove', 'passkey_remove', 'unlink']);
    expect(button('oidc', 'Link gitlab').classList).toContain('kratos-button');
  });

  it('the new-password field is labelled "New password"; a current password keeps Kratos’s label', () => {
    setUp();
    const password = form('password').querySelector<HTMLInputElement>('input[name="password"]')!;
    expect(root.querySelector(`label[for="${password.id}"]`)!.textContent!.trim()).toBe('New password');
    const current = flow({}, [
      input('default', 'csrf_token', 'hidden', { value: CSRF }),
      input(
        'password',
        'password',
        'password',
        { autocomplete: 'current-password' },
        { label: label(1070001, 'Password') },
      ),
    ]);
    fixture.componentInstance.flow.set(current);
    fixture.detectChanges();
    const field = form('password').querySelector<HTMLInputElement>('input[name="password"]')!;
    expect(root.querySelector(`label[for="${field.id}"]`)!.textContent!.trim()).toBe('Password');
  });

  describe('the TOTP secret and the recovery codes are readable', () => {
    const size = (element: Element) => parseFloat(getComputedStyle(element).fontSize);

    it('without the theme: at the text’s own size (not the browser’s smaller monospace default)', () => {
      setUp();
      const secret = form('totp').querySelector('.kratos-text__value code')!;
      expect(size(secret)).toBe(size(secret.parentElement!));
      const code = form('lookup_secret').querySelector('.kratos-text__secrets code')!;
      expect(size(code)).toBe(size(code.parentElement!));
    });

    it('with theme.css: larger than the text around them, in a monospace font', () => {
      const style = document.createElement('style');
      style.textContent = theme;
      document.head.append(style);
      try {
        setUp();
        for (const code of root.querySelectorAll('.kratos-text code')) {
          expect(size(code)).toBeGreaterThan(size(root.querySelector('.kratos-text__label') ?? root));
          expect(size(code)).toBeGreaterThanOrEqual(16);
          expect(getComputedStyle(code).fontFamily).toContain('monospace');
        }
      } finally {
        style.remove();
      }
    });
  });

  it('has no axe-core violations after a success either', async () => {
    setUp();
    const req = await submitVia('profile', 'Save');
    req.flush({
      ...flow({ state: 'success' }),
      ui: { ...flow().ui, messages: [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }] },
    });
    await settle();
    await expectNoAxeViolations();
  });

  it('has no axe-core violations in its initial state', async () => {
    setUp();
    await expectNoAxeViolations();
  });
});
