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
 */
export function provideKratosTesting(
  config: Partial<KratosConfig> = {},
  ...features: KratosFeature[]
): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(),
    provideHttpClientTesting(),
    provideKratos({ baseUrl: KRATOS_TESTING_BASE_URL, ...config }, ...features),
    FakeKratosLocation,
    { provide: KratosLocation, useExisting: FakeKratosLocation },
    KratosTestingController,
  ]);
}
