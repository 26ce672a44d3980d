import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { KratosFeature, provideKratos, withAllowedRedirects, withFlowPages, withRetry } from 'ngx-kratos';
import { appRoutes } from './app.routes';
import { DemoConfig } from './demo-config';

/** The demo's page for each flow: the navigator sends users there instead of to Kratos's own UI URLs. */
export const DEMO_PAGES = withFlowPages({
  login: '/login',
  registration: '/registration',
  recovery: '/recovery',
  verification: '/verification',
  settings: '/settings',
  error: '/error',
  home: '/',
});

/**
 * By default Kratos is reached through the dev server's proxy on the app's own origin (`/.ory` → the emulator),
 * so browser flows need no CORS; in cross-origin mode it is Kratos's own origin.
 */
export function appConfig(config: DemoConfig, ...features: KratosFeature[]): ApplicationConfig {
  const { kratosUrl } = config;
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideHttpClient(withFetch()),
      provideRouter(appRoutes(config), withComponentInputBinding()),
      provideKratos(
        { baseUrl: kratosUrl, timeout: 15_000 },
        // Reads are retried while a proxy answers 502–504 (Kratos restarting); without it, nothing is retried.
        withRetry(),
        DEMO_PAGES,
        withAllowedRedirects(config.allowedRedirects ?? []),
        ...features,
      ),
    ],
  };
}
