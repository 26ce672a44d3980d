/* The emulator's own pages: the WebAuthn script, placeholder UIs, the error endpoint, test controls (the OIDC provider: oidc.ts). */
import { createHash, randomUUID } from 'node:crypto';
import { Ctx, Emulator } from './context';
import { ResolvedConfig } from './config';
import { errors, genericError, sendError } from './errors';
import { escapeHtml, readBody, sendJson } from './http';

export const WEBAUTHN_SCRIPT = `// Kratos emulator: WebAuthn and passkey triggers (registration only; the emulator does not verify attestations).
(function () {
  function b64(buffer) { return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''); }
  function unb64(text) { text = text.replace(/-/g, '+').replace(/_/g, '/'); return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); }); }
  async function register(optionsJson, target, form) {
    var options = JSON.parse(optionsJson).publicKey;
    options.challenge = unb64(options.challenge);
    options.user.id = unb64(options.user.id);
    var credential = await navigator.credentials.create({ publicKey: options });
    target.value = JSON.stringify({ id: credential.id, rawId: b64(credential.rawId), type: credential.type,
      response: { clientDataJSON: b64(credential.response.clientDataJSON), attestationObject: b64(credential.response.attestationObject) } });
    // As Kratos's own script does: a native submission, which fires no submit event (a form post to the action).
    form.submit();
  }
  window.oryWebAuthnRegistration = function (options) {
    var trigger = document.querySelector('[name="webauthn_register_trigger"]');
    var target = document.querySelector('[name="webauthn_register"]');
    return register(typeof options === 'string' ? options : trigger.value, target, target.form);
  };
  window.oryPasskeySettingsRegistration = function () {
    var data = document.querySelector('[name="passkey_create_data"]');
    var target = document.querySelector('[name="passkey_settings_register"]');
    return register(data.value, target, target.form);
  };
})();
`;

export const WEBAUTHN_INTEGRITY = `sha512-${createHash('sha512').update(WEBAUTHN_SCRIPT).digest('base64')}`;

export function webauthnScript(ctx: Ctx): void {
  ctx.res.writeHead(200, { 'Content-Type': 'text/javascript; charset=UTF-8' });
  ctx.res.end(WEBAUTHN_SCRIPT);
}

function page(ctx: Ctx, title: string, body: string): void {
  ctx.res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  ctx.res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:2rem auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  );
}

/** Placeholder UI pages for the default `ui_url`s, so that redirects land somewhere readable. */
export function placeholderUi(ctx: Ctx, name: string): void {
  const query = [...ctx.url.searchParams]
    .map(([k, v]) => `<li><code>${escapeHtml(k)}</code> = <code>${escapeHtml(v)}</code></li>`)
    .join('');
  page(
    ctx,
    `Kratos emulator: ${name} UI`,
    `<p>This is the emulator's placeholder for the ${escapeHtml(name)} UI. Point <code>--${escapeHtml(name)}-ui</code> at your app.</p><ul>${query}</ul>`,
  );
}

/**
 * `GET /self-service/errors?id=` (docs/kratos-protocol.md §13): `?error=` first, then `id`; `stub:500` is Kratos's
 * one stub; a stored error can be read again; anything else is a 404.
 */
export function flowError(em: Emulator, ctx: Ctx): void {
  const id = ctx.url.searchParams.get('error') || ctx.url.searchParams.get('id') || '';
  if (id === 'stub:500') {
    return sendJson(ctx.res, 200, {
      id: randomUUID(),
      error: genericError(500, 'An internal server error occurred, please contact the system administrator', {
        reason: 'This is a stub error.',
      }),
      created_at: '0001-01-01T00:00:00Z',
      updated_at: '0001-01-01T00:00:00Z',
    });
  }
  const error = em.state.flowErrors.get(id.toLowerCase());
  if (!error) return sendError(ctx.res, errors.notFoundGet());
  sendJson(ctx.res, 200, error);
}

/** What the server counts for `/__emulator/stats`, and the latency `/__emulator/latency` sets. */
export interface Traffic {
  /** Requests received and neither answered nor abandoned by their client yet (test controls included). */
  open: number;
  /** Requests answered since start or the last reset, test controls left out. */
  served: number;
  /** Delay before every request but the test controls, in milliseconds. */
  latencyMs: number;
  /** Requests still to be answered with `faults.status` instead of being handled (a restarting upstream). */
  faults: { status: number; remaining: number };
}

/** The gateway statuses `/__emulator/faults` imitates: what a proxy answers while Kratos restarts. */
const FAULT_STATUSES = [500, 502, 503, 504];

export const MAX_LATENCY_MS = 60000;

async function readJsonField(ctx: Ctx, field: string): Promise<unknown> {
  const raw = await readBody(ctx.req);
  if (raw === 'too_large') return undefined;
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's user each emulator started with, restored by a reset. */
const startingOidcUser = new WeakMap<Emulator, ResolvedConfig['oidcUser']>();

/** `/__emulator/*`, only with `--test-controls`. */
export async function testControls(em: Emulator, ctx: Ctx, path: string, traffic: Traffic): Promise<void> {
  const method = ctx.req.method;
  if (path === '/__emulator/reset' && method === 'POST') {
    em.state.reset();
    const oidcUser = startingOidcUser.get(em);
    if (oidcUser) em.config.oidcUser = oidcUser;
    traffic.served = 0;
    traffic.latencyMs = 0;
    traffic.faults = { status: 503, remaining: 0 };
    ctx.res.writeHead(204);
    return void ctx.res.end();
  }
  if (path === '/__emulator/clock' && (method === 'GET' || method === 'POST')) {
    if (method === 'POST') {
      const raw = await readBody(ctx.req);
      let seconds: unknown;
      try {
        seconds =
          raw === 'too_large'
            ? undefined
            : (JSON.parse(raw.toString('utf8')) as { advance_seconds?: unknown }).advance_seconds;
      } catch {
        seconds = undefined;
      }
      if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
        return sendError(ctx.res, genericError(400, 'Expected {"advance_seconds": <number>}.'));
      }
      // A Date holds ±8.64e15 ms, and TOTP counts steps from 1970: outside that, every later request would fail.
      const target = em.clock.now().getTime() + seconds * 1000;
      if (!(target >= 0 && target <= 8.64e15)) {
        return sendError(
          ctx.res,
          genericError(400, 'advance_seconds would move the clock before 1970 or past what a date can hold.'),
        );
      }
      em.clock.advance(seconds);
    }
    return sendJson(ctx.res, 200, {
      now: em.clock.now().toISOString(),
      unix: Math.floor(em.clock.now().getTime() / 1000),
    });
  }
  // Who the emulated OIDC provider signs in from now on (`{"email": …, "subject"?: …}`), as a test provider is told.
  if (path === '/__emulator/oidc-user' && (method === 'GET' || method === 'POST')) {
    if (method === 'POST') {
      const email = await readJsonField(ctx, 'email');
      if (typeof email !== 'string' || !email.includes('@')) {
        return sendError(ctx.res, genericError(400, 'Expected {"email": <an address>}.'));
      }
      if (!startingOidcUser.has(em)) startingOidcUser.set(em, em.config.oidcUser);
      em.config.oidcUser = { email };
    }
    return sendJson(ctx.res, 200, em.config.oidcUser);
  }
  if (path === '/__emulator/stats' && method === 'GET') {
    // This request is open while it asks; it does not count itself.
    return sendJson(ctx.res, 200, { open: Math.max(0, traffic.open - 1), served: traffic.served });
  }
  if (path === '/__emulator/latency' && (method === 'GET' || method === 'POST')) {
    if (method === 'POST') {
      const ms = await readJsonField(ctx, 'ms');
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
        return sendError(ctx.res, genericError(400, `Expected {"ms": <integer from 0 to ${MAX_LATENCY_MS}>}.`));
      }
      traffic.latencyMs = ms;
    }
    return sendJson(ctx.res, 200, { ms: traffic.latencyMs });
  }
  if (path === '/__emulator/faults' && (method === 'GET' || method === 'POST')) {
    if (method === 'POST') {
      const raw = await readBody(ctx.req);
      let body: { status?: unknown; count?: unknown } = {};
      try {
        body = raw === 'too_large' ? {} : ((JSON.parse(raw.toString('utf8')) as typeof body) ?? {});
      } catch {
        body = {};
      }
      const { status, count } = body;
      if (
        typeof status !== 'number' ||
        !FAULT_STATUSES.includes(status) ||
        typeof count !== 'number' ||
        !Number.isInteger(count) ||
        count < 0 ||
        count > 1000
      ) {
        return sendError(
          ctx.res,
          genericError(400, `Expected {"status": ${FAULT_STATUSES.join('|')}, "count": <integer from 0 to 1000>}.`),
        );
      }
      traffic.faults = { status, remaining: count };
    }
    return sendJson(ctx.res, 200, { status: traffic.faults.status, count: traffic.faults.remaining });
  }
  if (path === '/__emulator/requests' && method === 'GET') return sendJson(ctx.res, 200, em.state.requests);
  if (path === '/__emulator/requests' && method === 'DELETE') {
    em.state.requests = [];
    ctx.res.writeHead(204);
    return void ctx.res.end();
  }
  sendError(ctx.res, errors.notFound());
}
