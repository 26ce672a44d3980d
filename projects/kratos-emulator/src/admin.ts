/*
 * The admin API on its own port, as much of it as tests need (Kratos v1.3.1's identity/handler.go and
 * courier/handler.go): identities created (Kratos's import format, plain-text passwords and OIDC subjects) and
 * listed, one read or deleted, and the courier's queued messages (docs/kratos-protocol.md §10). No authentication,
 * like Kratos's admin port: keep it on loopback.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Emulator } from './context';
import { GenericError, genericError, sendError } from './errors';
import { readBody, sendJson } from './http';
import { IdentityRecord } from './model';
import { adminSchemaReason, decodeTraits } from './traits';
import { UUID } from './browser';

const noCache = (res: ServerResponse) => res.setHeader('Cache-Control', 'private, no-cache, no-store, must-revalidate');

export async function handleAdmin(em: Emulator, adminUrl: string, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', adminUrl);
  const path = url.pathname.replace(/\/{2,}/g, '/');
  const method = req.method ?? '';
  if (path === '/health/alive' || path === '/health/ready') {
    return void res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');
  }
  if (path === '/admin/identities' && method === 'GET') return (noCache(res), listIdentities(em, url, res));
  if (path === '/admin/identities' && method === 'POST') return (noCache(res), createIdentity(em, adminUrl, req, res));
  const one = /^\/admin\/identities\/([^/]+)$/.exec(path);
  if (one && (method === 'GET' || method === 'DELETE')) {
    noCache(res);
    const identity = UUID.test(one[1]) ? em.state.identities.get(one[1].toLowerCase()) : undefined;
    if (!identity) return sendError(res, genericError(404, 'Unable to locate the resource'));
    if (method === 'GET') return sendJson(res, 200, em.identityJson(identity, { admin: 'read' }));
    em.state.identities.delete(identity.id);
    for (const session of em.state.sessions.values()) if (session.identityId === identity.id) session.active = false;
    return void res.writeHead(204).end();
  }
  if (path === '/admin/courier/messages' && method === 'GET') return (noCache(res), listMessages(em, url, res));
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
}

/** `GET /admin/identities` (`?credentials_identifier=` filters by email), ordered by id, one page of 250. */
function listIdentities(em: Emulator, url: URL, res: ServerResponse): void {
  const wanted = url.searchParams.get('credentials_identifier');
  const list = [...em.state.identities.values()]
    .filter((identity) => !wanted || identity.traits.email.toLowerCase() === wanted.trim().toLowerCase())
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  res.setHeader(
    'Link',
    '</admin/identities?page_size=250&page_token=00000000-0000-0000-0000-000000000000>; rel="first"',
  );
  sendJson(
    res,
    200,
    // Filtered by an identifier, the list shows the credentials too.
    list.map((identity) => em.identityJson(identity, { admin: wanted ? 'read' : 'listed' })),
  );
}

/**
 * `POST /admin/identities`: `{ schema_id?, traits, credentials?: { password?: { config: { password } }, oidc?: {
 * config: { providers: [{ provider, subject }] } } }, verifiable_addresses?: [{ verified }] }`. 201 with the
 * identity and its credentials; 400 for a body or traits the schema refuses; 409 for an email taken.
 */
async function createIdentity(em: Emulator, adminUrl: string, req: IncomingMessage, res: ServerResponse) {
  const raw = await readBody(req);
  let body: Record<string, unknown>;
  try {
    if (raw === 'too_large') throw new Error('http: request body too large');
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('json: cannot unmarshal into Go value of type identity.CreateIdentityBody');
    body = value as Record<string, unknown>;
  } catch (error) {
    const message =
      error instanceof SyntaxError || raw === 'too_large' || raw.length === 0
        ? 'unexpected EOF'
        : (error as Error).message;
    return sendError(res, genericError(400, message));
  }
  const identity = importIdentity(em, body);
  if ('code' in identity) return sendError(res, identity);
  res.setHeader('Location', `${adminUrl}/identities/${identity.id}`);
  sendJson(res, 201, em.identityJson(identity, { admin: 'created' }));
}

/**
 * One identity in Kratos's import format (the body of `POST /admin/identities`), as the admin API and the seed file
 * (`seedFile`) create it: the identity, or the error the admin API answers with.
 */
export function importIdentity(em: Emulator, body: Record<string, unknown>): IdentityRecord | GenericError {
  const schemaId = body['schema_id'];
  if (schemaId !== undefined && schemaId !== '' && schemaId !== 'default') {
    return genericError(400, 'The request was malformed or contained invalid parameters', {
      reason: `unable to find JSON Schema ID: ${String(schemaId)}`,
    });
  }
  const reason = adminSchemaReason(body['traits']);
  if (reason) return genericError(400, 'The request was malformed or contained invalid parameters', { reason });
  const { traits } = decodeTraits(body['traits']);
  const rawName = (body['traits'] as Record<string, unknown>)['name'];
  // The admin API stores the traits as sent: no `name` unless it was there.
  const stored: IdentityRecord['traits'] = rawName === undefined ? { email: traits.email } : traits;
  if (em.state.identityByEmail(traits.email)) return conflict();
  const credentials = (body['credentials'] ?? {}) as Record<string, { config?: Record<string, unknown> }>;
  const password = credentials.password?.config?.['password'];
  const providers = credentials.oidc?.config?.['providers'];
  const subjects: Record<string, string> = {};
  if (Array.isArray(providers)) {
    for (const entry of providers as { provider?: unknown; subject?: unknown }[]) {
      if (typeof entry?.provider === 'string' && typeof entry.subject === 'string') {
        if (em.state.identityByOidc(entry.provider, entry.subject)) return conflict();
        subjects[entry.provider] = entry.subject;
      }
    }
  }
  const identity = em.state.createIdentity(
    stored,
    typeof password === 'string' && password !== '' ? password : undefined,
  );
  if (Object.keys(subjects).length) {
    identity.oidcSubjects = subjects;
    identity.oidcProviders = Object.keys(subjects);
  }
  const addresses = body['verifiable_addresses'];
  if (Array.isArray(addresses) && addresses.some((address) => (address as { verified?: unknown })?.verified === true))
    identity.addressVerified = true;
  return identity;
}

const conflict = () =>
  genericError(409, 'The resource could not be created due to a conflict', {
    reason: 'This identity conflicts with another identity that already exists.',
  });

/** `GET /admin/courier/messages` (`?recipient=`, `?status=`), newest first, a page of `page_size` (10). */
function listMessages(em: Emulator, url: URL, res: ServerResponse): void {
  const recipient = url.searchParams.get('recipient');
  const status = url.searchParams.get('status');
  const size = Math.min(Math.max(Number(url.searchParams.get('page_size')) || 10, 1), 1000);
  const all = em.state.messages
    .filter((message) => (!recipient || message.recipient === recipient) && (!status || message.status === status))
    .reverse();
  res.setHeader('X-Total-Count', String(all.length));
  const first = new URL('/admin/courier/messages', url);
  first.searchParams.set('page_size', String(size));
  if (recipient) first.searchParams.set('recipient', recipient);
  res.setHeader('Link', `<${first.pathname}${first.search}>; rel="first"`);
  sendJson(res, 200, all.slice(0, size));
}
