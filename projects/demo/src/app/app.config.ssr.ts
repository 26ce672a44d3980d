import { ApplicationConfig, mergeApplicationConfig } from '@angular/core';
import { provideClientHydration, withEventReplay } from '@angular/platform-browser';
import { withServerRendering } from 'ngx-kratos';
import { appConfig } from './app.config';

/**
 * The demo rendered on the server (`npm start -- --ssr`): Kratos through the server's own `/.ory` proxy (the same
 * origin in the browser and, resolved against the incoming request, on the server), flow pages rendered per request
 * with the user's cookies (`withServerRendering()`), hydrated in the browser with the flow and the session (the
header's, `transferSession`) the server loaded, so that the browser asks Kratos nothing on a signed-in first load (a
signed-out one is not transferred: the browser asks whoami once). Event
 * replay: a click or submit made before hydration is replayed once the app has hydrated, so it is not lost and not
 * sent twice (a submit with JavaScript off is the form's native post to Kratos).
 */
export function ssrAppConfig(kratosUrl?: string): ApplicationConfig {
  return mergeApplicationConfig(
    appConfig({ kratosUrl: '/.ory' }, withServerRendering({ kratosUrl, transferSession: true })),
    {
      providers: [provideClientHydration(withEventReplay())],
    },
  );
}
