import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { NgModule, provideBrowserGlobalErrorListeners } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { RouterModule } from '@angular/router';
import { KratosModule, withRetry } from 'ngx-kratos';
import { App } from './app';
import { DEMO_PAGES } from './app.config';
import { appRoutes } from './app.routes';

/**
 * The same demo as an NgModule app, for teams that have not moved to standalone bootstrap:
 * `KratosModule.forRoot(config, ...features)` is `provideKratos(config, ...features)`.
 * Built with `ng build demo --configuration production,module`.
 */
@NgModule({
  imports: [
    BrowserModule,
    RouterModule.forRoot(appRoutes({ kratosUrl: '/.ory' }), { bindToComponentInputs: true }),
    KratosModule.forRoot({ baseUrl: '/.ory', timeout: 15_000 }, withRetry(), DEMO_PAGES),
    App,
  ],
  providers: [provideBrowserGlobalErrorListeners(), provideHttpClient(withInterceptorsFromDi())],
  bootstrap: [App],
})
export class AppModule {}
