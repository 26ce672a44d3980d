// A cookie-keeping HTTP client for the differential scripts: one per script and server, like one browser (or one
// native app). Every exchange it makes is recorded, raw, for the comparison; redirects are never followed.

/** The answer's headers that are compared besides Location, Set-Cookie and Content-Type (caching, CORS, herodot's). */
export const COMPARED_HEADERS = [
  'cache-control',
  'vary',
  'ory-error-id',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'access-control-max-age',
];

/** The headers a browser's fetch() sends for JSON, and those of a top-level navigation. */
export const AJAX = { Accept: 'application/json' };
export const NAVIGATION = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
export const JSON_BODY = { Accept: 'application/json', 'Content-Type': 'application/json' };

export class Client {
  /** @param {string} base where the server listens; @param {object[]} log where exchanges are recorded */
  constructor(base, log) {
    this.base = base;
    this.log = log;
    this.cookies = new Map();
  }

  /**
   * One request: `path` relative to the server (or absolute), `headers`, `body` (an object is sent form-encoded when
   * the Content-Type says so, else as JSON; a string as it is), `cookies: false` to send none, `record: false` for
   * set-up steps.
   */
  async request(method, path, { headers = {}, body, cookies = true, record = true, step } = {}) {
    const sent = { ...headers };
    const form = /x-www-form-urlencoded/.test(sent['Content-Type'] ?? '');
    if (cookies && this.cookies.size > 0) {
      sent.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let payload;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = form ? new URLSearchParams(body).toString() : JSON.stringify(body);
      sent['Content-Type'] ??= form ? 'application/x-www-form-urlencoded' : 'application/json';
    }
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const answer = await fetch(url, { method, headers: sent, body: payload, redirect: 'manual' });
    const setCookies = answer.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=(0|-\d+)\s*$/i.test(a) || isPastExpiry(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    const text = await answer.text();
    let json;
    if (/json/.test(answer.headers.get('content-type') ?? '') && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const exchange = {
      step: step ?? `${method} ${new URL(url).pathname}`,
      method,
      path: new URL(url).pathname,
      status: answer.status,
      contentType: answer.headers.get('content-type') ?? '',
      location: answer.headers.get('location') ?? undefined,
      headers: Object.fromEntries(
        COMPARED_HEADERS.map((name) => [name, answer.headers.get(name)]).filter(([, v]) => v !== null),
      ),
      setCookies,
      json,
      text,
    };
    if (record) this.log.push(exchange);
    return exchange;
  }

  get(path, headers = AJAX, options = {}) {
    return this.request('GET', path, { headers, ...options });
  }

  post(path, body, headers = JSON_BODY, options = {}) {
    return this.request('POST', path, { headers, body, ...options });
  }
}

function isPastExpiry(attribute) {
  const match = /^\s*expires=(.+)$/i.exec(attribute);
  return match ? Date.parse(match[1]) <= Date.now() : false;
}

/** The value of the flow's `csrf_token` node. */
export const csrfOf = (flow) => flow?.ui?.nodes?.find((n) => n.attributes?.name === 'csrf_token')?.attributes.value;
/** A node of the flow by name or id. */
export const nodeOf = (flow, name) =>
  flow?.ui?.nodes?.find((n) => n.attributes?.name === name || n.attributes?.id === name);
