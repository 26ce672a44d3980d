import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { KratosConfig, KratosFeature, KratosLocation, provideKratos } from 'ngx-kratos';
import { KRATOS_TESTING_BASE_URL } from './builders';
import { FakeKratosLocation } from './fake-kratos-location';
import { KratosTestingController } from './kratos-testing-controller';

/**
 * Everything a TestBed needs to test code that uses ngx-kratos: `HttpClient` on Angular's testing backend,
 * `provideKratos` with `http://127.0.0.1:4433` (or `config.baseUrl`) and `features`, a `FakeKratosLocation` in place
 * of `KratosLocation`, and `KratosTestingController` to answer the requests as Kratos v1.3.1 does.
 *
 * It calls `provideHttpClient()` itself: an app's own `provideHttpClient(withInterceptors(…))` goes before it (a
 * later one replaces the testing backend, which `KratosTestingController` then reports). To test with an app's
 * own providers (its `appConfig`, with its `provideHttpClient` and `provideKratos`), use
 * `provideKratosTestingBackend()` instead.
 */
export function provideKratosTesting(
  config: Partial<KratosConfig> = {},
  ...features: KratosFeature[]
): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(),
    provideKratos({ baseUrl: KRATOS_TESTING_BASE_URL, ...config }, ...features),
    provideKratosTestingBackend(),
  ]);
}

/**
 * The testing half of `provideKratosTesting()`, over an app's own `provideHttpClient(…)` and `provideKratos(…)`
 * (its `appConfig.providers`): Angular's HTTP testing backend, a `FakeKratosLocation` in place of `KratosLocation`,
 * and `KratosTestingController`, which expects the requests below the app's own `baseUrl`.
 *
 * List it **after** the app's providers: `provideHttpClient()` (with or without `withFetch()`) provides the
 * `HttpBackend` too, and the last one wins, so a `provideHttpClient` after this one sends the requests to the real
 * network (`KratosTestingController` throws when it finds so). A route's own `provideHttpClient` (in its `providers`)
 * is an injector of its own that this one does not reach.
 *
 * ```ts
 * TestBed.configureTestingModule({
 *   providers: [...appConfig({ kratosUrl: KRATOS_TESTING_BASE_URL }).providers, provideKratosTestingBackend()],
 * });
 * ```
 */
export function provideKratosTestingBackend(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClientTesting(),
    FakeKratosLocation,
    { provide: KratosLocation, useExisting: FakeKratosLocation },
    KratosTestingController,
  ]);
}
