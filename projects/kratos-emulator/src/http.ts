/* Small HTTP helpers over node:http: cookies, JSON and redirect answers, bodies (JSON nested or dotted, forms). */
import { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None';
  path?: string;
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  // RFC 6265 cookie-octets as they are (base64's + / = among them); anything else percent-encoded.
  const safe = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
  const parts = [`${name}=${safe ? value : encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  parts.push(`SameSite=${options.sameSite ?? 'Lax'}`);
  return parts.join('; ');
}

export function addSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/** Flows: `application/json; charset=utf-8` (docs/kratos-protocol.md §1.3). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function redirect(res: ServerResponse, status: 302 | 303, rawLocation: string): void {
  // Serialise through the URL parser, as Go's http.Redirect does: no raw CR, LF, tab or non-ASCII in the header.
  let location: string;
  try {
    location = new URL(rawLocation).href;
  } catch {
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    location = encodeURI(rawLocation.replace(/[\u0000-\u001f\u007f]/g, ''));
  }
  // Go's http.Redirect writes its small HTML page for GET and HEAD only.
  const method = res.req?.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return void res.writeHead(status, { Location: location }).end();
  res.writeHead(status, { Location: location, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<a href="${escapeHtml(location)}">${status === 302 ? 'Found' : 'See Other'}</a>.\n`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type BodyResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; tooLarge: boolean; reason: string };

/** Reads at most 1 MiB; a larger body is drained and refused. */
export function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_TYPE = 'multipart/form-data';

/** gjson's name of a JSON value's type, as decoderx reports a body that is not an object. */
function gjsonType(value: unknown): string {
  if (value === null) return 'Null';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'string') return 'String';
  return 'JSON';
}

/**
 * Kratos decodes JSON and form bodies into the same shape; JSON may nest (`{"traits":{"email":…}}`) or use the
 * form's dotted keys (`{"traits.email":…}`) (docs/kratos-protocol.md §5). Before that its decoder (ory/x decoderx) refuses
 * an empty body and a Content-Type it does not take, in these words. (Multipart bodies are taken but not decoded.)
 */
export function parseBody(
  raw: Buffer,
  contentType: string | undefined,
  { method = 'POST', allowed = [MULTIPART_TYPE, FORM_TYPE, JSON_TYPE] }: { method?: string; allowed?: string[] } = {},
): BodyResult {
  if (raw.length === 0) {
    return {
      ok: false,
      tooLarge: false,
      reason: 'Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.',
    };
  }
  const header = contentType ?? '';
  const types = header.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const type = allowed.find((candidate) => types.includes(candidate));
  if (!type) {
    return {
      ok: false,
      tooLarge: false,
      reason: `HTTP ${method} Request used unknown HTTP Header "Content-Type: ${header}", only [${allowed.join(' ')}] are supported.`,
    };
  }
  const text = raw.toString('utf8');
  if (type === JSON_TYPE) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {
          ok: false,
          tooLarge: false,
          reason: `Expected JSON sent in request body to be an object but got: ${gjsonType(value)}`,
        };
      }
      return { ok: true, value: expandDotted(value as Record<string, unknown>) };
    } catch {
      // (Go's json.Decoder reads the first value only, so trailing bytes after it pass there; here they do not.)
      return { ok: false, tooLarge: false, reason: 'Unable to decode form as JSON.' };
    }
  }
  const flat: Record<string, unknown> = {};
  if (type === FORM_TYPE) for (const [key, value] of new URLSearchParams(text)) flat[key] = value;
  return { ok: true, value: expandDotted(flat) };
}

/** `{"traits.name.first": "Ada"}` → `{ traits: { name: { first: "Ada" } } }`; nested objects are kept. */
export function expandDotted(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  keys: for (const [key, value] of Object.entries(input)) {
    const path = key.split('.');
    let target = out;
    for (const segment of path.slice(0, -1)) {
      if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') continue keys;
      const next = target[segment];
      target = (target[segment] =
        typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (last === '__proto__' || last === 'constructor' || last === 'prototype') continue;
    target[last] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof target[last] === 'object'
        ? { ...(target[last] as object), ...expandDotted(value as Record<string, unknown>) }
        : typeof value === 'object' && value !== null && !Array.isArray(value)
          ? expandDotted(value as Record<string, unknown>)
          : value;
  }
  return out;
}

/**
 * The submitted form of a flow's submit endpoint: the body, or for Kratos's GET submit (the same handler) the query,
 * decoded as a form.
 */
export async function readSubmission(req: IncomingMessage, url: URL): Promise<BodyResult | undefined> {
  if (req.method === 'GET') {
    const flat: Record<string, unknown> = {};
    for (const [key, value] of url.searchParams) if (key !== 'flow') flat[key] = value;
    return { ok: true, value: expandDotted(flat) };
  }
  const raw = await readBody(req);
  return raw === 'too_large' ? undefined : parseBody(raw, req.headers['content-type']);
}
