/* Test-only: the real Router with the settings route, HttpClient's testing backend and a request counter. */
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { provideLocationMocks, SpyLocation } from '@angular/common/testing';
import { Component, ErrorHandler, input, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Route, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { KRATOS_TESTING_BASE_URL } from 'ngx-kratos/testing';
import { KratosConfig } from '../lib/config/kratos-config';
import { KratosFeature, provideKratos } from '../lib/provide/provide-kratos';
import { SettingsFlow } from '../lib/settings/settings-flow';
import { KratosLocation } from '../lib/navigation/kratos-location';
import { settingsFlowRoute } from '../lib/routing/settings-flow-route';

@Component({ selector: 'kratos-test-settings', template: 'settings {{ flow()?.id }}' })
export class SettingsPage {
  readonly flow = input<SettingsFlow>();
}

@Component({ selector: 'kratos-test-page', template: 'page' })
export class OtherPage {}

export interface RouterHarness {
  harness: RouterTestingHarness;
  router: Router;
  http: HttpTestingController;
  location: SpyLocation;
  assign: jasmine.Spy<(url: string) => void>;
  handleError: jasmine.Spy<(error: unknown) => void>;
  /** How many requests reached the backend so far. */
  requests(): number;
  /** Waits for the next request the router's navigation makes, and returns it. */
  nextRequest(): Promise<TestRequest>;
  /** The page component, when the settings route is shown. */
  page(): SettingsPage | undefined;
}

export async function setUpRouter(
  options: {
    features?: KratosFeature[];
    routes?: Route[];
    baseUrl?: string;
    retry?: KratosConfig['retry'];
    /** More providers (PLATFORM_ID, REQUEST, RESPONSE_INIT for a server render). */
    providers?: Provider[];
  } = {},
): Promise<RouterHarness> {
  let count = 0;
  const assign = jasmine.createSpy<(url: string) => void>('KratosLocation.assign');
  const handleError = jasmine.createSpy<(error: unknown) => void>('ErrorHandler.handleError');
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        options.routes ?? [
          { path: 'home', component: OtherPage },
          { path: 'login', component: OtherPage },
          { path: 'error', component: OtherPage },
          settingsFlowRoute({ path: 'settings', component: SettingsPage }),
        ],
        withComponentInputBinding(),
      ),
      provideLocationMocks(),
      provideHttpClient(withInterceptors([(req, next) => (count++, next(req))])),
      provideHttpClientTesting(),
      provideKratos(
        { baseUrl: options.baseUrl ?? KRATOS_TESTING_BASE_URL, retry: options.retry },
        ...(options.features ?? []),
      ),
      { provide: KratosLocation, useValue: { assign } },
      { provide: ErrorHandler, useValue: { handleError } },
      ...(options.providers ?? []),
    ],
  });
  const harness = await RouterTestingHarness.create();
  const http = TestBed.inject(HttpTestingController);
  return {
    harness,
    router: TestBed.inject(Router),
    http,
    location: TestBed.inject(Location) as SpyLocation,
    assign,
    handleError,
    requests: () => count,
    async nextRequest() {
      for (let i = 0; i < 50; i++) {
        const [request] = http.match(() => true);
        if (request) return request;
        await new Promise((resolve) => setTimeout(resolve));
      }
      throw new Error('no request was made');
    },
    page: () =>
      harness.routeDebugElement?.componentInstance instanceof SettingsPage
        ? (harness.routeDebugElement.componentInstance as SettingsPage)
        : undefined,
  };
}

/** Lets pending navigations finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve));
}
