/*
 * The error page through the demo's routes and Kratos setup: the error Kratos stored (`?id=`), the one the library
 * sends the user here with, and neither.
 */
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FlowError, withRetry } from 'ngx-kratos';
import {
  KRATOS_TESTING_BASE_URL,
  kratosErrorBody,
  KratosTestingController,
  provideKratosTesting,
} from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app.config';
import { appRoutes } from '../app.routes';

const ERROR_ID = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';

describe('ErrorPage', () => {
  let harness: RouterTestingHarness;
  let kratos: KratosTestingController;

  /** The router asks Kratos a moment after a navigation starts: let it. */
  const requestSent = () => new Promise((resolve) => setTimeout(resolve));
  const page = () => harness.routeNativeElement as HTMLElement;
  const detail = (key: string) => page().querySelector(`[data-kratos-detail=${key}] dd`)?.textContent?.trim();
  /** `GET /self-service/errors?id=`: KratosTestingController has no expect for Kratos's error flow. */
  const expectStoredError = (id: string) =>
    TestBed.inject(HttpTestingController).expectOne(
      (req) =>
        req.method === 'GET' &&
        req.url === `${KRATOS_TESTING_BASE_URL}/self-service/errors` &&
        req.params.get('id') === id,
    );

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

  it('shows the error Kratos stored when Kratos sends the browser here with ?id=', async () => {
    const shown = harness.navigateByUrl(`/error?id=${ERROR_ID}`);
    await requestSent();
    const stored: FlowError = {
      id: ERROR_ID,
      error: {
        code: 500,
        status: 'Internal Server Error',
        reason: 'Unable to send the verification mail: the courier is not configured.',
        message: 'An internal server error occurred, please contact the system administrator',
      },
      created_at: '2026-11-22T10:00:00Z',
      updated_at: '2026-11-22T10:00:00Z',
    };
    expectStoredError(ERROR_ID).flush(stored);
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('Something went wrong');
    expect(page().querySelector('[role=alert]')?.textContent).toBe(
      'An internal server error occurred, please contact the system administrator',
    );
    expect(page().textContent).toContain('the courier is not configured');
    expect(detail('status')).toBe('500');
    expect(detail('reference')).toBe(ERROR_ID);
  });

  it('says so when Kratos has no error by that id', async () => {
    const shown = harness.navigateByUrl(`/error?id=${ERROR_ID}`);
    await requestSent();
    const { status, body } = kratosErrorBody('not_found', { endpoint: 'get' });
    expectStoredError(ERROR_ID).flush(body, { status, statusText: 'Not Found' });
    await shown;
    expect(page().querySelector('h1')?.textContent).toBe('This error is no longer available');
    expect(detail('reference')).toBe(ERROR_ID);
  });

  it("shows Kratos's error when a flow page fails, without asking Kratos again", async () => {
    const shown = harness.navigateByUrl('/settings');
    await requestSent();
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
