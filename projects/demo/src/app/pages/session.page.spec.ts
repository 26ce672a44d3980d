/*
 * The session page through the demo's routes and Kratos setup: requireSession() and sessionResolver share one whoami,
 * whose session the page shows; without one the user goes to the login page.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KratosTestingController, loginFlow, session } from 'ngx-kratos/testing';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('SessionPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  it('shows the session of the one whoami its guard and resolver share', async () => {
    const shown = harness.navigateByUrl('/session');
    await kratos.requested();
    kratos.expectWhoami().flush(
      session({
        authenticator_assurance_level: 'aal2',
        authentication_methods: [
          { method: 'password', aal: 'aal1', completed_at: '2026-11-22T10:00:01Z' },
          { method: 'totp', aal: 'aal2', completed_at: '2026-11-22T10:00:30Z' },
        ],
      }),
    );
    await shown;
    expect(url()).toBe('/session');
    const facts = [...page().querySelectorAll('[data-testid=session] dd')].map((dd) =>
      dd.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(facts[0]).toBe('ada@127.0.0.1');
    expect(facts[1]).toBe('aal2');
    expect(facts[3]).toBe('password, totp');
  });

  it('sends a signed-out user to the login page, to come back here', async () => {
    const shown = harness.navigateByUrl('/session');
    await kratos.requested();
    kratos.expectWhoami().flushError('session_inactive');
    await kratos.requested();
    kratos.expectCreate('login', { returnTo: /\/session\?kratos_step=login$/ }).flush(loginFlow());
    await shown;
    expect(url()).toMatch(/^\/login\?/);
    expect(page().querySelector('h1')?.textContent).toBe('Sign in');
  });
});
