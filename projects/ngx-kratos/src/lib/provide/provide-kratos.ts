import { EnvironmentProviders, makeEnvironmentProviders, Provider } from '@angular/core';
import { devMode } from '../config/dev-mode';
import { KRATOS_CONFIG, KratosConfig, resolveKratosConfig } from '../config/kratos-config';
import { KratosFlows } from '../flows/kratos-flows';
import { KratosHttp } from '../http/kratos-http';
import { KratosOrigins } from '../security/kratos-origins';
import { KratosSessionService } from '../session/kratos-session.service';
import { SettingsFlowService } from '../settings/settings-flow.service';

/**
 * The features `provideKratos` takes: `withSessionToken()`, `withLogin()`, `withAllowedRedirects()`,
 * `withErrorRoute()` (in `./features`) each return one.
 */
export interface KratosFeature<Kind extends string = string> {
  readonly ɵkind: Kind;
  readonly ɵproviders: (Provider | EnvironmentProviders)[];
}

/**
 * Configures ngx-kratos for an application:
 *
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [provideHttpClient(withFetch()), provideKratos({ baseUrl: 'https://auth.example.com' })],
 * });
 * ```
 *
 * It does not call `provideHttpClient`: the app owns its HttpClient setup (and its interceptors).
 */
export function provideKratos(config: KratosConfig, ...features: KratosFeature[]): EnvironmentProviders {
  if (devMode()) {
    assertNoRepeatedFeatures(features);
  }
  return makeEnvironmentProviders([
    { provide: KRATOS_CONFIG, useValue: resolveKratosConfig(config) },
    // Listed here too (they are also providedIn root) so that provideKratos in a route's `providers` gives that part
    // of the app its own client, configuration and session token (a session-token area in a cookie app, say).
    KratosHttp,
    KratosOrigins,
    KratosFlows,
    SettingsFlowService,
    KratosSessionService,
    ...features.flatMap((feature) => feature.ɵproviders),
  ]);
}

function assertNoRepeatedFeatures(features: KratosFeature[]): void {
  const seen = new Set<string>();
  for (const { ɵkind } of features) {
    if (seen.has(ɵkind)) {
      throw new Error(`ngx-kratos: provideKratos() got the ${ɵkind} feature twice; pass each feature once.`);
    }
    seen.add(ɵkind);
  }
}
