import { ModuleWithProviders, NgModule } from '@angular/core';
import { KratosConfig } from '../config/kratos-config';
import { KratosFeature, provideKratos } from './provide-kratos';

/**
 * For NgModule apps: `KratosModule.forRoot(config, ...features)` in the root module's imports is
 * `provideKratos(config, ...features)`, and nothing more.
 */
@NgModule({})
export class KratosModule {
  /**
   * The module with `provideKratos(config, ...features)`'s providers, for the root module's `imports`.
   *
   * @param config - Where Kratos is, and the default timeout.
   * @param features - The `withX()` features, as `provideKratos` takes them.
   */
  static forRoot(config: KratosConfig, ...features: KratosFeature[]): ModuleWithProviders<KratosModule> {
    return { ngModule: KratosModule, providers: [provideKratos(config, ...features)] };
  }
}
