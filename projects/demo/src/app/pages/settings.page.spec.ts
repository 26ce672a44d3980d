/*
 * The settings page as its users meet it: the demo's own routes and Kratos setup (app.routes.ts, app.config.ts), with
 * Kratos answered by ngx-kratos/testing.
 */
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { withRetry } from 'ngx-kratos';
import {
  identity,
  inputNode,
  KRATOS_TESTING_BASE_URL,
  KratosTestingController,
  loginFlow,
  message,
  provideKratosTesting,
  settingsFlow,
  TESTING_FLOW_ID,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

const VERIFICATION_FLOW_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';

describe('SettingsPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  /** The router asks Kratos a moment after a navigation starts: let it. */
  const requestSent = () => new Promise((resolve) => setTimeout(resolve));
  const page = () => harness.routeNativeElement as HTMLElement;
  const text = () => page().textContent ?? '';

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

  async function openSettings(flow = settingsFlow()): Promise<void> {
    const shown = harness.navigateByUrl('/settings');
    await requestSent();
    kratos.expectCreate('settings').flush(flow);
    await shown;
  }

  it("shows the flow's profile and password forms, with the flow's id in the address bar", async () => {
    await openSettings();
    expect(page().querySelector('h1')?.textContent).toBe('Account settings');
    const email = page().querySelector<HTMLInputElement>('input[name="traits.email"]');
    expect(email?.value).toBe('ada@127.0.0.1');
    expect(page().querySelector('input[name=password]')).not.toBeNull();
    const titles = [...page().querySelectorAll('h2')].map((h2) => h2.textContent?.trim());
    expect(titles).toEqual(['Profile', 'Password']);
    expect(TestBed.inject(Router).url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
  });

  it('shows the message Kratos puts on a field when it refuses the new password', async () => {
    await openSettings();
    page().querySelector<HTMLInputElement>('input[name=password]')!.value = 'short';
    page().querySelector<HTMLButtonElement>('button[value=password]')!.click();
    const update = kratos.expectUpdate('settings', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(
      jasmine.objectContaining({ method: 'password', password: 'short', csrf_token: 'masked-csrf-token-value' }),
    );
    const invalid = settingsFlow();
    invalid.ui.nodes = invalid.ui.nodes.map((node) =>
      node.type === 'input' && node.attributes.name === 'password'
        ? inputNode('password', 'password', 'password', { required: true }, [
            message(4000005, 'The password can not be used because it is too short.', 'error'),
          ])
        : node,
    );
    update.flushInvalid(invalid);
    await harness.fixture.whenStable();
    expect(text()).toContain('The password can not be used because it is too short.');
    expect(page().querySelector('input[name=password]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the profile and says where verification would go for an address still to verify', async () => {
    const address = { value: 'ada@127.0.0.1', verified: false, via: 'email', status: 'sent' };
    await openSettings(settingsFlow({ identity: identity({ verifiable_addresses: [address] }) }));
    page().querySelector<HTMLButtonElement>('button[value=profile]')!.click();
    const update = kratos.expectUpdate('settings', TESTING_FLOW_ID);
    expect(update.request.request.body).toEqual(
      jasmine.objectContaining({ method: 'profile', traits: { email: 'ada@127.0.0.1' } }),
    );
    const saved = settingsFlow({
      state: 'success',
      identity: identity({ verifiable_addresses: [address] }),
      continue_with: [
        {
          action: 'show_verification_ui',
          flow: { id: VERIFICATION_FLOW_ID, verifiable_address: 'ada@127.0.0.1' },
        },
      ],
    });
    saved.ui.messages = [message(1050001, 'Your changes have been saved!', 'success')];
    update.flush(saved);
    await harness.fixture.whenStable();
    expect(text()).toContain('Your changes have been saved!');
    expect(page().querySelector('[role=status]')?.textContent).toContain('verify ada@127.0.0.1');
    expect(TestBed.inject(Router).url).toBe(`/settings?flow=${TESTING_FLOW_ID}`);
  });

  it('sends a signed-out user to the login page, and back here afterwards', async () => {
    const shown = harness.navigateByUrl('/settings');
    await requestSent();
    kratos.expectCreate('settings').flushError('session_inactive');
    await requestSent();
    const login = kratos.expectCreate('login');
    expect(login.request.request.params.get('return_to')).toMatch(/\/settings\?kratos_step=login$/);
    login.flush(loginFlow());
    await shown;
    expect(TestBed.inject(Router).url).toMatch(/^\/login\?/);
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
  });
});
