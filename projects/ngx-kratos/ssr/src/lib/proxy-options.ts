/**
 * The options of `createKratosProxy` and their checked, resolved form. Checked once, when the proxy is made: a
 * malformed option fails the server's start, never a request.
 */

/**
 * What the proxy forwards by default, under its prefix: the paths of Kratos's public API that the library's flows
 * use, and nothing else (no admin API, no `/sessions` list or revocation, no health or metrics).
 *
 * - `/self-service/`: every flow's browser and api inits, `flows?id=` reads and submits (docs/kratos-protocol.md
 *   §2.1–2.4, §7.1–7.4, §8.1–8.4, §11.2–11.4, §12.2–12.4), logout (§2.6), the error flow (§1.4, §13), and Kratos's
 *   own redirect targets: `<public>/self-service/login/browser` and the OIDC callbacks (§1.5).
 * - `/sessions/whoami`: the session guards and `KratosSessionService.whoami()` (§2.5).
 * - `/.well-known/ory/`: Kratos's WebAuthn script, which the webauthn and passkey nodes load from the base URL.
 *
 * Left out on purpose, add them to `paths` if an app needs them: `/sessions/token-exchange` (§9: a native app's
 * exchange after an OIDC sign-in, which talks to Kratos itself, not to a web app's server), `/schemas/` (identity
 * schemas: the flows carry their nodes, the library never reads a schema), `/health/` (for monitoring, which should
 * ask Kratos directly: §1.2 lists those routes).
 */
export const DEFAULT_KRATOS_PROXY_PATHS: readonly string[] = [
  '/self-service/',
  '/sessions/whoami',
  '/.well-known/ory/',
];

/** How `createKratosProxy` reaches Kratos and what it lets through. */
export interface KratosProxyOptions {
  /** Kratos's public base URL, or an internal one the server can reach (`http://kratos:4433`); http or https. */
  readonly kratosUrl: string;
  /** The path on the app's origin the proxy answers under; default `/.ory` (no trailing slash; `''` for the root). */
  readonly prefix?: string;
  /**
   * The `Domain` every `Set-Cookie` from Kratos gets (e.g. `example.com` to share the session with subdomains).
   * Without it the proxy removes `Domain`, so Kratos's cookies are host-only cookies of the app's host.
   */
  readonly cookieDomain?: string;
  /**
   * Whether the server runs behind a proxy of its own (a load balancer that terminates TLS) whose
   * `X-Forwarded-Proto` and `X-Forwarded-For` may be believed. Default false: the scheme is the connection's, and
   * the client's address is the socket's. A client's `X-Forwarded-Host` is never believed.
   */
  readonly trustProxy?: boolean;
  /**
   * The paths under the prefix that reach Kratos (see DEFAULT_KRATOS_PROXY_PATHS): an entry ending in `/` allows
   * the paths below it, any other entry that exact path. Each starts with `/`.
   */
  readonly paths?: readonly string[];
}

/** The options after checking: URLs parsed, the prefix and paths normalised. */
export interface ResolvedProxyOptions {
  readonly kratos: URL;
  /** Kratos's base path without its trailing slash (`''` at the root). */
  readonly kratosBasePath: string;
  readonly prefix: string;
  readonly cookieDomain: string | undefined;
  readonly trustProxy: boolean;
  readonly paths: readonly string[];
}

const SAFE_PATH = /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*\/?$/;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;
const DOMAIN = /^\.?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Checks `options`; throws a TypeError that names the option at fault. */
export function resolveProxyOptions(options: KratosProxyOptions): ResolvedProxyOptions {
  let kratos: URL;
  try {
    kratos = new URL(options.kratosUrl);
  } catch {
    throw new TypeError(`createKratosProxy: kratosUrl ${JSON.stringify(options.kratosUrl)} is not a URL`);
  }
  if (kratos.protocol !== 'http:' && kratos.protocol !== 'https:')
    throw new TypeError('createKratosProxy: kratosUrl must be an http or https URL');
  if (kratos.username || kratos.password || kratos.search || kratos.hash)
    throw new TypeError('createKratosProxy: kratosUrl must not carry credentials, a query or a fragment');

  const prefix = (options.prefix ?? '/.ory').replace(/\/+$/, '');
  if (prefix !== '' && (!prefix.startsWith('/') || !SAFE_PATH.test(prefix) || DOT_SEGMENT.test(prefix)))
    throw new TypeError(`createKratosProxy: prefix ${JSON.stringify(options.prefix)} is not a plain path like /.ory`);

  const paths = options.paths ?? DEFAULT_KRATOS_PROXY_PATHS;
  for (const path of paths) {
    if (!path.startsWith('/') || path.startsWith('//') || !SAFE_PATH.test(path) || DOT_SEGMENT.test(path))
      throw new TypeError(`createKratosProxy: paths entry ${JSON.stringify(path)} is not a plain absolute path`);
  }

  const cookieDomain = options.cookieDomain;
  if (cookieDomain !== undefined && !DOMAIN.test(cookieDomain))
    throw new TypeError(`createKratosProxy: cookieDomain ${JSON.stringify(cookieDomain)} is not a domain name`);

  return {
    kratos,
    kratosBasePath: kratos.pathname.replace(/\/+$/, ''),
    prefix,
    cookieDomain,
    trustProxy: options.trustProxy ?? false,
    paths: [...paths],
  };
}
