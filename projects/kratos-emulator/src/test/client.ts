/* Test-only: a cookie-keeping HTTP client against a running emulator, and the record every answer leaves for conformance. */
import { RunningEmulator, startEmulator } from '../server';
import { EmulatorOptions } from '../config';

export const AJAX = { Accept: 'application/json' };
export const NAVIGATION = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
/** Angular HttpClient's Accept when none is set (docs/kratos-protocol.md §1.1). */
export const ANGULAR_DEFAULT = { Accept: 'application/json, text/plain, */*' };

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
  location: string | null;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** Every JSON answer the suite received, for the OpenAPI conformance test. */
export const exchanges: Exchange[] = [];
/** Every status the suite received. */
export const statuses: { path: string; status: number }[] = [];

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Buffer; cookies?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.cookies !== false && this.cookies.size > 0) {
      headers['Cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const res = await fetch(url, { method, headers, body: init.body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      if (attributes.some((a) => /max-age=-/i.test(a.trim()))) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    statuses.push({ path: new URL(url).pathname, status: res.status });
    const text = await res.text();
    let body: unknown = undefined;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) {
      body = JSON.parse(text);
      exchanges.push({ method, path: new URL(url).pathname, status: res.status, body });
    }
    return { status: res.status, headers: res.headers, body, text, location: res.headers.get('location') };
  }

  get(path: string, headers: Record<string, string> = AJAX) {
    return this.request('GET', path, { headers });
  }

  post(path: string, body: unknown, headers: Record<string, string> = { ...AJAX, 'Content-Type': 'application/json' }) {
    return this.request('POST', path, { headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }
}

export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, testControls: true, ...options });
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Logs in through the api login flow; the session token. */
export async function apiLogin(base: string, email: string, password: string): Promise<string> {
  const client = new Browser(base);
  const flow = (await client.get('/self-service/login/api')).body as Json;
  const done = await client.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: email,
    password,
  });
  if (done.status !== 200) throw new Error(`login failed: ${done.text}`);
  return (done.body as Json).session_token;
}

/**
 * Logs a browser in through the browser login flow (AJAX), keeping its cookies. An identity with a second factor is
 * signed in at AAL1 too: Kratos answers 422 towards its AAL2 login, with the session cookie set.
 */
export async function browserLogin(browser: Browser, email: string, password: string): Promise<void> {
  const flow = (await browser.get('/self-service/login/browser')).body as Json;
  const done = await browser.post(`/self-service/login?flow=${flow.id}`, {
    method: 'password',
    identifier: email,
    password,
    csrf_token: csrfOf(flow),
  });
  const aal2 = done.status === 422 && (done.body as Json)?.error?.id === 'browser_location_change_required';
  if (done.status !== 200 && !aal2) throw new Error(`login failed: ${done.text}`);
}

export function csrfOf(flow: Json): string {
  return flow.ui.nodes.find((n: Json) => n.attributes.name === 'csrf_token').attributes.value;
}

export function node(flow: Json, name: string): Json {
  const found = flow.ui.nodes.find((n: Json) => n.attributes.name === name || n.attributes.id === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}
