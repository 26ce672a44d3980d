import { EnvironmentProviders, makeEnvironmentProviders, Provider } from '@angular/core';
import { KRATOS_CONFIG, KratosConfig, resolveKratosConfig } from '../config/kratos-config';
import { KratosHttp } from '../http/kratos-http';
import { FlowPages, KRATOS_FLOW_PAGES } from '../navigation/navigation-tokens';

/**
 * The features `provideKratos` takes: each `withX()` function of `./features` returns one.
 */
export interface KratosFeature<Kind extends string = string> {
  /** Which feature it is (`session-token`, `retry`…): `provideKratos` refuses one given twice. Internal. */
  readonly ɵkind: Kind;
  /** The providers the feature adds. Internal. */
  readonly ɵproviders: (Provider | EnvironmentProviders)[];
  /** The app pages the feature names, merged by `provideKratos` into `KRATOS_FLOW_PAGES`. */
  readonly ɵpages?: Readonly<FlowPages>;
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
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    assertNoRepeatedFeatures(features);
  }
  return makeEnvironmentProviders([
    { provide: KRATOS_CONFIG, useValue: resolveKratosConfig(config) },
    { provide: KRATOS_FLOW_PAGES, useValue: flowPagesOf(features) },
    // The client, listed so that provideKratos in a route's `providers` gives that area its own client, configuration
    // and session token. Everything else is providedIn root and costs an app nothing until it is injected; in such an
    // area, list the services it uses beside provideKratos to give them its client.
    KratosHttp,
    ...features.flatMap((feature) => feature.ɵproviders),
  ]);
}

/** The features' pages in one map; in dev mode, a page named twice with different routes fails at startup. */
function flowPagesOf(features: KratosFeature[]): FlowPages {
  const pages: Record<string, unknown> = {};
  for (const [page, route] of features.flatMap((feature) => Object.entries(feature.ɵpages ?? {}))) {
    if ((typeof ngDevMode === 'undefined' || ngDevMode) && pages[page] !== undefined && pages[page] !== route) {
      throw new Error(
        `ngx-kratos: the ${page} page is named twice, as ${JSON.stringify(pages[page])} and ${JSON.stringify(route)}.`,
      );
    }
    pages[page] = route;
  }
  return pages;
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
