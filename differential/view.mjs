// What a client can see of one exchange, with everything that differs by nature between two servers (ids, dates,
// tokens, secrets, ports, the test identities' emails) normalised away: status, content type, the Location header's
// origin, path and query keys, the caching, CORS and error-id headers, each Set-Cookie's name and attributes, the error's id and reason, and the body's
// shape (keys and value types; ui nodes by group, name, type, node type and label; message ids and types, and the
// text of the generic message 4000001).

// Values compared as they are, not only by type: they say which state a flow or session is in.
const VALUE_KEYS = new Set([
  'state',
  'type',
  'active',
  'requested_aal',
  'authenticator_assurance_level',
  'action',
  'aal',
  'method',
  'refresh',
]);
// Summaries of lists, under keys no Kratos body has.
export const NODES = '<nodes>';

/** `context`: `{ publicUrl, app }` of the server the exchange was made with. */
export function viewOf(exchange, context) {
  const view = { status: exchange.status, contentType: exchange.contentType || '∅' };
  if (exchange.location) view.location = locationView(exchange.location, context);
  const headers = headersView(exchange.headers ?? {}, context);
  if (Object.keys(headers).length) view.headers = headers;
  const cookies = {};
  for (const line of exchange.setCookies) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('=')).replace(/^csrf_token_[0-9a-f]{64}$/, 'csrf_token_<sha256>');
    const value = pair.slice(pair.indexOf('=') + 1);
    const has = (key) => attributes.some((a) => a.toLowerCase().startsWith(key));
    const sameSite = attributes.find((a) => a.toLowerCase().startsWith('samesite='));
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='));
    const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
    const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='));
    // A deletion is a deletion, whatever value it carries (Kratos re-encodes one, the emulator sends none).
    const deleted =
      (maxAge !== undefined && Number(maxAge.slice(8)) <= 0) ||
      (expires !== undefined && Date.parse(expires.slice(8)) < Date.now());
    cookies[name] = [
      deleted ? 'deleted' : value === '' ? 'empty' : 'value',
      has('httponly') ? 'HttpOnly' : '',
      has('secure') ? 'Secure' : '',
      sameSite ?? 'SameSite∅',
      path ?? 'Path∅',
      has('max-age') || has('expires') ? 'expiring' : 'session',
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (Object.keys(cookies).length) view.cookies = cookies;
  const json = exchange.json;
  if (json?.error && typeof json.error === 'object') {
    view.error = { id: json.error.id ?? '∅', reason: normaliseText(json.error.reason ?? '∅', context) };
  }
  if (json !== undefined) view.body = shapeOf(json, []);
  else if (exchange.text) view.body = /<html/i.test(exchange.text) ? 'html' : 'text';
  return view;
}

/** The compared headers; lists as sorted lowercase tokens (their order means nothing), origins as placeholders. */
function headersView(headers, { app }) {
  const view = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'access-control-allow-origin') view[name] = value === new URL(app).origin ? '<app>' : value;
    else if (name === 'ory-error-id') view[name] = 'present';
    else if (/^(vary|access-control-allow-(methods|headers)|access-control-expose-headers)$/.test(name)) {
      view[name] = [...new Set(value.toLowerCase().split(/\s*,\s*/))].sort().join(', ');
    } else view[name] = value;
  }
  return view;
}

function locationView(raw, { publicUrl, app }) {
  let url;
  try {
    url = new URL(raw, publicUrl);
  } catch {
    return { unparsable: raw };
  }
  const origin =
    url.origin === new URL(publicUrl).origin ? '<kratos>' : url.origin === new URL(app).origin ? '<app>' : '<other>';
  // (Ids in the path, like the admin API's `/identities/<id>`, differ by nature.)
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
  return { origin, path, query: [...new Set(url.searchParams.keys())].sort().join(',') || '∅' };
}

/** A server string with what varies between servers and runs replaced by placeholders. */
export function normaliseText(text, { publicUrl, app }) {
  return String(text)
    .split(publicUrl)
    .join('<kratos>')
    .split(encodeURIComponent(publicUrl))
    .join('<kratos>')
    .split(app)
    .join('<app>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/[\w.+-]+(@|%40)example\.com/g, '<email>')
    .replace(/\d+\.\d+/g, '<n>');
}

/**
 * A message by id and type; for 4000001, Kratos's generic message whose text is the whole information (a decoder's
 * refusal, a strategy's reason), the text too, with URLs, ids and numbers as placeholders.
 */
function messageSignature(message) {
  const signature = `${message?.id}:${message?.type}`;
  if (message?.id !== 4000001 || typeof message.text !== 'string') return signature;
  const text = message.text
    .replace(/https?:\/\/[^\s"]+/g, '<url>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d+(\.\d+)?/g, '<n>');
  return `${signature}=${JSON.stringify(text)}`;
}

function nodeSignature(node) {
  const a = node.attributes ?? {};
  const name = a.name ?? a.id ?? '?';
  const label = node.meta?.label?.id ?? '-';
  const messages = (node.messages ?? []).map(messageSignature).join(',');
  return `${node.group} ${node.type} ${name} ${a.type ?? '-'} label=${label}${messages ? ` messages=${messages}` : ''}`;
}

/** Keys and value types, recursively; ui nodes and messages summarised; some values kept (VALUE_KEYS). */
export function shapeOf(value, path) {
  const key = path[path.length - 1];
  if (Array.isArray(value)) {
    if (key === 'nodes' && path.at(-2) === 'ui') return { [NODES]: value.map(nodeSignature).sort() };
    if (key === 'messages') return `messages ${value.map(messageSignature).join(',') || '-'}`;
    if (value.length === 0) return '[]';
    const shapes = value.map((item) => shapeOf(item, [...path, '[]']));
    const distinct = [...new Map(shapes.map((s) => [JSON.stringify(s), s])).values()];
    return { '[]': distinct.length === 1 ? distinct[0] : distinct };
  }
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = shapeOf(value[k], [...path, k]);
    return out;
  }
  // (`ui.action` is a URL, whose value varies: only its type.)
  const kept = typeof value === 'boolean' || (typeof value === 'string' && !value.includes('://'));
  if (VALUE_KEYS.has(key) && kept) return `${typeof value}:${value}`;
  return typeof value;
}
