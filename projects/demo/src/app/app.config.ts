import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideKratos, withErrorRoute, withLogin } from 'ngx-kratos';
import { routes } from './app.routes';

/**
 * Kratos is reached through the dev server's proxy on the app's own origin (`/.ory` → the emulator), so browser
 * flows need no CORS. `npm start` configures the emulator's public URL to match.
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch()),
    provideRouter(routes, withComponentInputBinding()),
    provideKratos({ baseUrl: '/.ory', timeout: 15_000 }, withLogin({ route: '/login' }), withErrorRoute('/error')),
  ],
};
