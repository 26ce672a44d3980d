/*
 * ngx-kratos/ssr: for the app's server (Node), never for the browser bundle. A same-origin proxy to Kratos's public
 * API, for `@angular/ssr`'s Express server or plain node:http.
 */
export { createKratosProxy, type KratosProxyHandler } from './lib/kratos-proxy';
export { DEFAULT_KRATOS_PROXY_PATHS, type KratosProxyOptions } from './lib/proxy-options';
