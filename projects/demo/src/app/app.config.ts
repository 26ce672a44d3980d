import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, InjectionToken, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideKratos, withAllowedRedirects, withErrorRoute, withLogin, withRetry } from 'ngx-kratos';
import { appRoutes } from './app.routes';
import { DemoConfig } from './demo-config';

/** Kratos's public URL as the demo's own code (the login page) uses it. */
export const KRATOS_URL = new InjectionToken<string>('KRATOS_URL');

/**
 * By default Kratos is reached through the dev server's proxy on the app's own origin (`/.ory` → the emulator),
 * so browser flows need no CORS; in cross-origin mode it is Kratos's own origin.
 */
export function appConfig(config: DemoConfig): ApplicationConfig {
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
        withLogin({ route: '/login' }),
        withErrorRoute('/error'),
        withAllowedRedirects(config.allowedRedirects ?? []),
      ),
      { provide: KRATOS_URL, useValue: kratosUrl.replace(/\/+$/, '') },
    ],
  };
}
