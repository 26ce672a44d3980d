/*
 * Property-based: whatever comes back from the network (any status, any headers, any body: JSON of any shape, a
 * mutated flow or error envelope, HTML, truncated, empty, huge, invalid text, or no answer at all), every call ends
 * in exactly one of two ways: a value of the promised shape, or a `KratosError` with a known kind. Never another
 * exception, never a value that a component cannot read. And whatever a body says about redirects, the navigator
 * sends the browser nowhere but to an allowed origin.
 *
 * fast-check picks a new seed each run; a failure prints the seed and the shrunk counterexample to replay with
 * `{ seed, path }` in `fc.assert`'s options.
 */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, RedirectCommand } from '@angular/router';
import fc from 'fast-check';
import { Observable } from 'rxjs';
import { csrfNode, KRATOS_TESTING_BASE_URL, settingsFlow, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { KratosFeature, provideKratos } from '../provide/provide-kratos';
import {
  withAllowedRedirects,
  withErrorRoute,
  withLogin,
  withRequestSharing,
  withRetry,
  withSessionToken,
} from '../provide/features';
import { KratosError } from '../errors/kratos-error';
import { KratosErrorKind } from '../errors/kratos-error-kind';
import { allMessages, findNode, flowMessages, getCsrfToken, nodesOfGroup } from '../models/ui-helpers';
import { SettingsFlow } from '../settings/settings-flow';
import { KratosLocation } from '../navigation/kratos-location';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { KratosSessionService } from '../session/kratos-session.service';
import { SettingsFlowService } from '../settings/settings-flow.service';

const RUNS = 10_000;
const BATCH = 250;
const APP = new URL(document.baseURI).origin;
const ALLOWED_ORIGINS = new Set([APP, new URL(KRATOS_TESTING_BASE_URL).origin]);
// Every kind, checked complete by the compiler: a kind outside this list at runtime is a string passed through.
const KIND_LIST: Record<KratosErrorKind, true> = {
  session_inactive: true,
  session_aal2_required: true,
  session_aal1_required: true,
  session_aal_already_fulfilled: true,
  session_already_available: true,
  session_verified_address_required: true,
  session_refresh_required: true,
  security_csrf_violation: true,
  security_identity_mismatch: true,
  self_service_flow_expired: true,
  self_service_flow_replaced: true,
  self_service_flow_disabled: true,
  self_service_flow_return_to_forbidden: true,
  browser_location_change_required: true,
  not_found: true,
  bad_request: true,
  network: true,
  timeout: true,
  server_error: true,
  malformed_response: true,
  unknown: true,
  redirect_loop: true,
  redirect_not_allowed: true,
};
const KINDS = new Set(Object.keys(KIND_LIST) as KratosErrorKind[]);

// ── Arbitraries ──────────────────────────────────────────────────────────────────────────────────────────────

const urlish = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'javascript:alert(1)',
    '//evil.example/x',
    'https://evil.example/self-service/login/browser',
    '/\\evil.example',
    `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2`,
    `${APP}/settings`,
    '/settings?flow=x',
    'data:text/html,<script>alert(1)</script>',
    'http://127.0.0.1:4433@evil.example/',
    '',
  ),
  fc.string(),
);

const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined), urlish);

/** Paths into a real flow whose value a mutation replaces (or deletes, with `undefined`). */
const FLOW_PATHS = [
  'id',
  'type',
  'state',
  'ui',
  'ui.nodes',
  'ui.messages',
  'ui.action',
  'ui.nodes.0',
  'ui.nodes.0.attributes',
  'ui.nodes.0.attributes.node_type',
  'ui.nodes.0.attributes.name',
  'ui.nodes.0.attributes.value',
  'ui.nodes.0.messages',
  'ui.nodes.0.group',
  'ui.nodes.1.meta',
  'ui.nodes.1.messages.0',
  'ui.messages.0',
  'ui.messages.0.type',
  'identity',
  'identity.traits',
  'continue_with',
  'continue_with.0',
  'continue_with.0.redirect_browser_to',
  'return_to',
];

function mutate(base: unknown, mutations: [string, unknown][]): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of mutations) {
    const keys = path.split('.');
    let target: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      target = target !== null && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
    }
    if (target !== null && typeof target === 'object') {
      const last = keys[keys.length - 1];
      if (value === undefined) delete (target as Record<string, unknown>)[last];
      else (target as Record<string, unknown>)[last] = value;
    }
  }
  return copy;
}

const flowWithMessages = () => ({
  ...settingsFlow(),
  continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: `${APP}/done` }],
  ui: { ...settingsFlow().ui, messages: [{ id: 1050001, text: 'Saved', type: 'success' }] },
});

const mutatedFlow = fc
  .array(fc.tuple(fc.constantFrom(...FLOW_PATHS), anyValue), { maxLength: 3 })
  .map((mutations) => mutate(flowWithMessages(), mutations));

const errorEnvelope = fc.record(
  {
    error: fc.record(
      {
        id: fc.oneof(fc.constantFrom(...KINDS), fc.string(), fc.jsonValue()),
        code: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.jsonValue()),
        status: fc.oneof(fc.string(), fc.jsonValue()),
        message: fc.oneof(fc.string(), fc.jsonValue()),
        reason: fc.oneof(fc.string(), fc.jsonValue()),
        details: fc.oneof(fc.record({ redirect_to: urlish }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
    redirect_browser_to: urlish,
    use_flow_id: fc.oneof(fc.uuid(), fc.string(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 15, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 20, arbitrary: mutatedFlow.map((value) => JSON.stringify(value)) },
  { weight: 20, arbitrary: errorEnvelope.map((value) => JSON.stringify(value)) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(mutatedFlow, fc.nat())
      .map(([value, cut]) => JSON.stringify(value).slice(0, cut % JSON.stringify(value).length)),
  },
  { weight: 5, arbitrary: fc.string().map((text) => `<!DOCTYPE html><html><body><h1>${text}</h1></body></html>`) },
  { weight: 5, arbitrary: fc.constantFrom('', ' ', '\n', 'null', '""', '[]', '{}', 'undefined', 'NaN') },
  { weight: 5, arbitrary: fc.string({ unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'x'.repeat(1_000_000),
      JSON.stringify({
        ...settingsFlow(),
        ui: { ...settingsFlow().ui, nodes: Array(2_000).fill(csrfNode()) },
      }),
    ),
  },
);

// 200 and 400 (the statuses that carry flows) often enough that valid and nearly valid flows get through.
const status = fc.oneof(
  { weight: 6, arbitrary: fc.constant(200) },
  { weight: 2, arbitrary: fc.constant(400) },
  { weight: 3, arbitrary: fc.constantFrom(201, 204, 401, 403, 404, 410, 422, 429, 500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) },
);

const headers = fc.dictionary(
  fc.constantFrom('Content-Type', 'Ory-Error-Id', 'Retry-After', 'Location', 'Set-Cookie', 'X-Anything'),
  fc.oneof(fc.constantFrom('application/json', 'text/html; charset=utf-8', 'session_inactive', '5'), fc.string()),
  { maxKeys: 3 },
);

type Call = 'createBrowserFlow' | 'createNativeFlow' | 'getFlow' | 'updateFlow' | 'whoami';
const answer = fc.record({
  call: fc.constantFrom<Call>('createBrowserFlow', 'createNativeFlow', 'getFlow', 'updateFlow', 'whoami'),
  observe: fc.constantFrom<'body' | 'response'>('body', 'response'),
  // No answer at all in about one case in ten (drawn by fast-check, so that a seed replays it).
  network: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 9, arbitrary: fc.constant(false) }),
  status,
  headers,
  body,
});

// ── The property ─────────────────────────────────────────────────────────────────────────────────────────────

function fail(message: string, detail?: unknown): never {
  throw new Error(`${message}${detail === undefined ? '' : `: ${String(detail).slice(0, 300)}`}`);
}

/** What a component would do with a flow: read its messages, nodes, token; throws if any of it is not readable. */
function readLikeAComponent(flow: SettingsFlow): void {
  if (typeof flow.id !== 'string' || !Array.isArray(flow.ui.nodes)) fail('a flow without id or nodes', flow.id);
  flowMessages(flow).forEach((message) => String(message.text));
  allMessages(flow, 'error');
  nodesOfGroup(flow, 'default', 'profile', 'password');
  getCsrfToken(flow);
  findNode(flow, 'totp_secret_key');
}

/**
 * The configurations users get: provideKratos alone (the default), and every feature on, retries included (the same
 * answer is flushed to each retry, on Jasmine's clock).
 */
const CONFIGURATIONS: [string, KratosFeature[]][] = [
  ['the default configuration', []],
  [
    'every feature',
    [
      withRetry({ count: 2, delay: 1, maxDelay: 1 }),
      withRequestSharing(),
      withSessionToken({ token: () => null }),
      withLogin({ route: '/login' }),
      withAllowedRedirects(['https://accounts.example.com']),
      withErrorRoute('/error'),
    ],
  ],
];

for (const [configuration, features] of CONFIGURATIONS)
  describe(`KratosHttp under random answers (fast-check), ${configuration}`, () => {
    let service: SettingsFlowService;
    let session: KratosSessionService;
    let http: HttpTestingController;
    let navigator: KratosNavigator;
    let assign: jasmine.Spy<(url: string) => void>;

    beforeEach(() => {
      jasmine.clock().install();
      spyOn(console, 'warn'); // session-token mode in a browser says so once
      assign = jasmine.createSpy('assign');
      TestBed.configureTestingModule({
        providers: [
          provideHttpClient(),
          provideHttpClientTesting(),
          provideRouter([]),
          provideKratos({ baseUrl: KRATOS_TESTING_BASE_URL }, ...features),
          { provide: KratosLocation, useValue: { assign } },
        ],
      });
      service = TestBed.inject(SettingsFlowService);
      session = TestBed.inject(KratosSessionService);
      http = TestBed.inject(HttpTestingController);
      navigator = TestBed.inject(KratosNavigator);
      spyOn(console, 'error'); // The ErrorHandler logs unrecoverable errors; thousands of them are noise here.
    });
    afterEach(() => {
      http.verify();
      jasmine.clock().uninstall();
    });

    it(`${RUNS} random answers: always a value of the promised shape or a KratosError, and no unsafe redirect`, async () => {
      let values = 0;
      let errors = 0;
      const property = fc.property(answer, (a) => {
        const options = { observe: a.observe } as const;
        const call$: Observable<unknown> =
          a.call === 'createBrowserFlow'
            ? service.createBrowserFlow(options)
            : a.call === 'createNativeFlow'
              ? service.createNativeFlow({ ...options, sessionToken: 't' })
              : a.call === 'getFlow'
                ? service.getFlow(TESTING_FLOW_ID, options)
                : a.call === 'updateFlow'
                  ? service.updateFlow(TESTING_FLOW_ID, { method: 'password', password: 'p' }, options)
                  : session.whoami(options);
        const outcome: { values: unknown[]; error?: unknown; completed: boolean } = { values: [], completed: false };
        const subscription = call$.subscribe({
          next: (value) => outcome.values.push(value),
          error: (error: unknown) => (outcome.error = error),
          complete: () => (outcome.completed = true),
        });
        // The same answer to the request and to each retry of it (with withRetry()); at most 1 + 2 requests.
        for (let attempt = 0; attempt < 3; attempt++) {
          const [req]: TestRequest[] = attempt === 0 ? [http.expectOne(() => true)] : http.match(() => true);
          if (!req) break;
          if (a.network) req.error(new ProgressEvent('error'));
          else req.flush(a.body, { status: a.status, statusText: 'Random', headers: a.headers });
          jasmine.clock().tick(10);
        }
        subscription.unsubscribe();

        if (outcome.error !== undefined) {
          if (!(outcome.error instanceof KratosError)) fail('an exception that is not a KratosError', outcome.error);
          if (!KINDS.has(outcome.error.kind)) fail('an unknown kind', outcome.error.kind);
          if (typeof outcome.error.message !== 'string') fail('a KratosError without a message');
          errors++;
          assign.calls.reset();
          const target = navigator.navigationFor(outcome.error, `/settings?flow=${TESTING_FLOW_ID}`);
          jasmine.clock().tick(10);
          if (target !== false && !(target instanceof RedirectCommand)) fail('a navigation of another type', target);
          for (const [url] of assign.calls.allArgs()) {
            if (!ALLOWED_ORIGINS.has(new URL(url).origin)) fail('a full-page navigation to another origin', url);
          }
          return;
        }
        if (outcome.values.length !== 1 || !outcome.completed) fail('not exactly one value', outcome.values.length);
        values++;
        const value = a.observe === 'response' ? (outcome.values[0] as { body: unknown }).body : outcome.values[0];
        if (a.call === 'whoami') {
          if (typeof (value as { id?: unknown }).id !== 'string') fail('a session without id');
        } else if (a.call === 'updateFlow') {
          const result = value as { kind: string; flow: SettingsFlow };
          if (result.kind !== 'success' && result.kind !== 'invalid') fail('an update result of another kind');
          readLikeAComponent(result.flow);
        } else {
          readLikeAComponent(value as SettingsFlow);
        }
      });
      // In batches, yielding between them: a long synchronous spec would starve Karma's heartbeat and disconnect.
      for (let run = 0; run < RUNS; run += BATCH) {
        fc.assert(property, { numRuns: BATCH });
        jasmine.clock().uninstall();
        await new Promise((resolve) => setTimeout(resolve));
        jasmine.clock().install();
      }
      // Both outcomes occur often enough for the property to mean something.
      expect(values).toBeGreaterThan(RUNS / 20);
      expect(errors).toBeGreaterThan(RUNS / 10);
    }, 120_000);
  });
