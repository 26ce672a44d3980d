import { ModuleWithProviders, NgModule } from '@angular/core';
import { KratosConfig } from '../config/kratos-config';
import { KratosFeature, provideKratos } from './provide-kratos';

/**
 * For NgModule apps: `KratosModule.forRoot(config, ...features)` in the root module's imports is
 * `provideKratos(config, ...features)`, and nothing more.
 */
@NgModule({})
export class KratosModule {
  static forRoot(config: KratosConfig, ...features: KratosFeature[]): ModuleWithProviders<KratosModule> {
    return { ngModule: KratosModule, providers: [provideKratos(config, ...features)] };
  }
}
