/*
 * The error page through the demo's routes and Kratos setup: the error Kratos stored (`?id=`), the one the library
 * sends the user here with, and neither.
 */
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { flowError, KratosTestingController, TESTING_ERROR_ID } from 'ngx-kratos/testing';
import { setUpDemo } from '../../testing/demo-test-bed';

describe('ErrorPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  const page = () => harness.routeNativeElement as HTMLElement;
  const detail = (key: string) => page().querySelector(`[data-kratos-detail=${key}] dd`)?.textContent?.trim();

  beforeEach(async () => ({ harness, kratos } = await setUpDemo()));

  afterEach(() => kratos.verify());

  it('shows the error Kratos stored when Kratos sends the browser here with ?id=', async () => {
    const shown = harness.navigateByUrl(`/error?id=${TESTING_ERROR_ID}`);
    await kratos.requested();
    const stored = flowError({
      error: {
        code: 500,
        status: 'Internal Server Error',
        reason: 'Unable to send the verification mail: the courier is not configured.',
        message: 'An internal server error occurred, please contact the system administrator',
      },
    });
    kratos.expectErrorFlow(TESTING_ERROR_ID).flush(stored);
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('Something went wrong');
    expect(page().querySelector('[role=alert]')?.textContent).toBe(
      'An internal server error occurred, please contact the system administrator',
    );
    expect(page().textContent).toContain('the courier is not configured');
    expect(detail('status')).toBe('500');
    expect(detail('reference')).toBe(TESTING_ERROR_ID);
  });

  it('says so when Kratos has no error by that id', async () => {
    const shown = harness.navigateByUrl(`/error?id=${TESTING_ERROR_ID}`);
    await kratos.requested();
    kratos.expectErrorFlow(TESTING_ERROR_ID).flushError('not_found');
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('This error is no longer available');
    expect(detail('reference')).toBe(TESTING_ERROR_ID);
  });

  it("shows Kratos's error when a flow page fails, without asking Kratos again", async () => {
    const shown = harness.navigateByUrl('/settings');
    await kratos.requested();
    kratos.expectCreate('settings').flushError('server_error');
    await shown;
    expect(TestBed.inject(Router).url).toBe('/error');
    expect(page().querySelector('h1')?.textContent).toBe('Something went wrong');
    expect(page().querySelector('[role=alert]')?.textContent).toBe(
      'An internal server error occurred, please contact the system administrator',
    );
    expect(detail('status')).toBe('500');
  });
});
