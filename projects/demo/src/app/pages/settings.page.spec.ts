/*
 * The settings page as its users meet it: the demo's own routes and Kratos setup (app.routes.ts, app.config.ts), with
 * Kratos answered by ngx-kratos/testing.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  identity,
  KratosTestingController,
  loginFlow,
  message,
  settingsFlow,
  TESTING_FLOW_ID,
  withNodeMessages,
} from 'ngx-kratos/testing';

const VERIFICATION_FLOW_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('SettingsPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const text = () => page().textContent ?? '';

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  async function openSettings(flow = settingsFlow()): Promise<void> {
    const shown = harness.navigateByUrl('/settings');
    await kratos.requested();
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
    update.flushInvalid(
      withNodeMessages(
        settingsFlow(),
        'password',
        message(4000005, 'The password can not be used because it is too short.', 'error'),
      ),
    );
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
    await kratos.requested();
    kratos.expectCreate('settings').flushError('session_inactive');
    await kratos.requested();
    kratos.expectCreate('login', { returnTo: /\/settings\?kratos_step=login$/ }).flush(loginFlow());
    await shown;
    expect(TestBed.inject(Router).url).toMatch(/^\/login\?/);
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
  });
});
