import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { withRetry } from 'ngx-kratos';
import { KRATOS_TESTING_BASE_URL, KratosTestingController, provideKratosTesting } from 'ngx-kratos/testing';
import { DEMO_PAGES } from '../app/app.config';
import { appRoutes } from '../app/app.routes';

/** What a page spec drives: the router (to open a page) and Kratos's answers. */
export interface DemoTestBed {
  harness: RouterTestingHarness;
  kratos: KratosTestingController;
}

/**
 * The demo as its page specs set it up, the way an app's own specs would: the app's routes and flow pages, with
 * `provideKratosTesting()` in place of a Kratos (its base URL for the routes' Kratos, the app's timeout and retries).
 */
export async function setUpDemo(): Promise<DemoTestBed> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter(appRoutes({ kratosUrl: KRATOS_TESTING_BASE_URL }), withComponentInputBinding()),
      provideKratosTesting({ timeout: 15_000 }, withRetry(), DEMO_PAGES),
    ],
  });
  return { kratos: TestBed.inject(KratosTestingController), harness: await RouterTestingHarness.create() };
}
