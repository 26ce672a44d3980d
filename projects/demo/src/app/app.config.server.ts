import { ApplicationConfig, mergeApplicationConfig } from '@angular/core';
import { provideServerRendering, RenderMode, ServerRoute, withRoutes } from '@angular/ssr';
import { ssrAppConfig } from './app.config.ssr';

/** Every page is rendered per request: flow pages carry the user's own flow, never a cached or prerendered one. */
const serverRoutes: ServerRoute[] = [{ path: '**', renderMode: RenderMode.Server }];

/**
 * The server's config: its renders reach Kratos at `KRATOS_URL` (as its /.ory proxy does), never at an address
 * resolved from the request's Host header.
 */
export const serverConfig: ApplicationConfig = mergeApplicationConfig(
  ssrAppConfig(process.env['KRATOS_URL'] ?? 'http://127.0.0.1:4433'),
  { providers: [provideServerRendering(withRoutes(serverRoutes))] },
);
