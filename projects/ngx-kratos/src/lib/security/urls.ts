/**
 * URL checks that decide where a session token may go and which redirects may be followed.
 * Everything is compared after parsing with the WHATWG URL parser (what browsers use), never as strings:
 * an upper-case host, an explicit default port or an IDN written in Unicode is the same origin, while
 * `kratos.example.com.evil.com`, `kratos.example.com@evil.com`, `//evil.com` or `/\evil.com` are not.
 */

/** Parses `url` against `base`; `undefined` for anything that is not http(s). */
export function parseHttpUrl(url: string, base?: string): URL | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `url` has exactly `base`'s origin and lies under its path: a `/.ory` base covers `/.ory` and
 * `/.ory/…`, not `/.orybad` nor `/.ory/../api` (the parser resolves dot segments, also percent-encoded ones).
 */
export function isUnderBase(url: URL, base: URL): boolean {
  if (url.origin !== base.origin) {
    return false;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  return basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}

/** The normalised origin of an `http(s)` origin string, or `undefined` if it is anything else (a path, `*`, a URL with a path). */
export function parseOrigin(origin: string): string | undefined {
  const url = parseHttpUrl(origin);
  return url && url.href === `${url.origin}/` && !origin.includes('@') ? url.origin : undefined;
}

// Whitespace and controls anywhere (parsers strip or fold them, so `\t//evil.com` becomes `//evil.com`).
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;
// Before the query: backslashes (read as `/`) and percent-encoded slashes or backslashes (which some servers and
// proxies decode into `//evil.com`). In the query they are ordinary data, e.g. an OAuth2 `redirect_uri`.
const AUTHORITY_OR_PATH_TRICK = /\\|%2f|%5c/i;

/**
 * The URL that `raw` points to, if it is safe to follow or to put into a `return_to`: http(s), without
 * credentials, on one of `allowedOrigins`, with nothing a browser or proxy might re-read as another host.
 * Relative URLs resolve against `base` (the app's own address).
 */
export function safeRedirectTarget(raw: string, base: string, allowedOrigins: ReadonlySet<string>): URL | undefined {
  const beforeQuery = raw.split(/[?#]/, 1)[0];
  if (raw === '' || CONTROL_OR_SPACE.test(raw) || AUTHORITY_OR_PATH_TRICK.test(beforeQuery) || raw.startsWith('//')) {
    return undefined;
  }
  // `http:evil.example` and `http:/evil.example` are relative to an http base in browsers but absolute
  // (with an empty host) to other parsers: a scheme must be followed by `//`.
  if (/^[a-z][a-z\d+.-]*:/i.test(raw) && !/^https?:\/\//i.test(raw)) {
    return undefined;
  }
  const url = parseHttpUrl(raw, base);
  if (!url || url.username !== '' || url.password !== '' || !allowedOrigins.has(url.origin)) {
    return undefined;
  }
  return url;
}
