/*
 * Builders of Kratos v1.3.1's bodies (docs/kratos-protocol.md §3.1, §7.5, §8.5, §11.2, §12.2, §2.5): each returns
 * the body as Kratos serialises it, with loopback URLs, and takes the fields a test cares about as overrides.
 */
import type {
  FlowError,
  Identity,
  LogoutFlow,
  LoginFlow,
  RecoveryFlow,
  RegistrationFlow,
  Session,
  SettingsFlow,
  UiAnchorNode,
  UiContainer,
  UiInputNode,
  UiNode,
  UiNodeGroup,
  UiNodeInputAttributes,
  UiNodeInputType,
  UiText,
  UiTextNode,
  UiTextType,
  VerificationFlow,
} from 'ngx-kratos';

/** The base URL `provideKratosTesting()` configures, and that every builder's URLs start with. */
export const KRATOS_TESTING_BASE_URL = 'http://127.0.0.1:4433';

/** The id every builder's flow has unless given another. */
export const TESTING_FLOW_ID = '6b6e1a8e-3a1e-4bd4-9b7b-2f6a0c1d9e01';
/** The id of the flow Kratos points to in `use_flow_id` (an expired or replaced flow's successor). */
export const TESTING_NEW_FLOW_ID = '0f9a2c33-1d4e-4b5f-8a6b-7c8d9e0f1a2b';
/** The masked CSRF token of every builder's `csrf_token` node. */
export const TESTING_CSRF_TOKEN = 'masked-csrf-token-value';
/** The id of the error `flowError()` builds: the error page's `?id=`. */
export const TESTING_ERROR_ID = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
/** The logout token of `logoutFlow()`: the session's own, as Kratos v1.3.1 makes it (`ory_lo_…`). */
export const TESTING_LOGOUT_TOKEN = 'ory_lo_testing0logout0token';
/** The address of `identity()`, which the code steps' builders send their codes to. */
export const TESTING_EMAIL = 'ada@127.0.0.1';

const ISSUED_AT = '2026-11-22T10:00:00.000000Z';
const EXPIRES_AT = '2026-11-22T11:00:00.000000Z';
const IDENTITY_ID = '9d1c6b1e-0d0e-4c1a-8f57-5a3e0b1f2c3d';

/** A UI message (`UiText`): `info` unless told otherwise. */
export function message(
  id: number,
  text: string,
  type: UiTextType = 'info',
  context?: Record<string, unknown>,
): UiText {
  return context === undefined ? { id, text, type } : { id, text, type, context };
}

/** An input node of `group` (docs/kratos-protocol.md §3.3): `disabled: false`, no messages, no label. */
export function inputNode(
  group: UiNodeGroup,
  name: string,
  type: UiNodeInputType,
  attrs: Partial<Omit<UiNodeInputAttributes, 'node_type' | 'name' | 'type'>> = {},
  messages: UiText[] = [],
): UiInputNode {
  return {
    type: 'input',
    group,
    attributes: { name, type, disabled: false, node_type: 'input', ...attrs },
    messages,
    meta: {},
  };
}

/** A text node (a TOTP secret, lookup codes): `id` is the node's id, `text` what it shows. */
export function textNode(group: UiNodeGroup, id: string, text: UiText): UiTextNode {
  return { type: 'text', group, attributes: { id, text, node_type: 'text' }, messages: [], meta: {} };
}

/** The `default` group's hidden `csrf_token` node of every browser flow. */
export function csrfNode(value: string = TESTING_CSRF_TOKEN): UiInputNode {
  return inputNode('default', 'csrf_token', 'hidden', { value, required: true });
}

/** An identity with an email trait: override `traits` (and its type) for another schema. */
export function identity<TTraits = Record<string, unknown>>(
  overrides: Partial<Identity<TTraits>> = {},
): Identity<TTraits> {
  return {
    id: IDENTITY_ID,
    schema_id: 'default',
    schema_url: `${KRATOS_TESTING_BASE_URL}/schemas/ZGVmYXVsdA`,
    state: 'active',
    traits: { email: TESTING_EMAIL } as TTraits,
    ...overrides,
  };
}

/** The answer of `GET /sessions/whoami` (docs/kratos-protocol.md §2.5): active, aal1 by password. */
export function session<TTraits = Record<string, unknown>>(
  overrides: Partial<Session<TTraits>> = {},
): Session<TTraits> {
  return {
    id: '3f9a1d2e-5b6c-4d7e-8f90-a1b2c3d4e5f6',
    active: true,
    authenticator_assurance_level: 'aal1',
    authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: '2026-11-22T10:00:01Z' }],
    expires_at: '2026-11-23T10:00:00Z',
    authenticated_at: '2026-11-22T10:00:01Z',
    issued_at: '2026-11-22T10:00:01Z',
    identity: identity<TTraits>(),
    ...overrides,
  };
}

function ui(kind: string, id: string, nodes: UiNode[]) {
  return { action: `${KRATOS_TESTING_BASE_URL}/self-service/${kind}?flow=${id}`, method: 'POST', nodes };
}

/** What every browser flow has: its id, times, the request that created it, and its `ui` posting back to it. */
function browserFlow<S extends string>(kind: string, id: string, state: S, nodes: UiNode[]) {
  return {
    id,
    type: 'browser' as const,
    state,
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/${kind}/browser`,
    ui: ui(kind, id, nodes),
  };
}

/** A browser settings flow (docs/kratos-protocol.md §3.1) with the profile and password groups. */
export function settingsFlow(overrides: Partial<SettingsFlow> = {}): SettingsFlow {
  return {
    ...browserFlow('settings', overrides.id ?? TESTING_FLOW_ID, 'show_form', [
      csrfNode(),
      inputNode('profile', 'traits.email', 'email', { value: 'ada@127.0.0.1', required: true, autocomplete: 'email' }),
      inputNode('profile', 'method', 'submit', { value: 'profile' }),
      inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
      inputNode('password', 'method', 'submit', { value: 'password' }),
    ]),
    identity: identity(),
    ...overrides,
  };
}

/** A browser login flow (docs/kratos-protocol.md §7.5) with the password method. */
export function loginFlow(overrides: Partial<LoginFlow> = {}): LoginFlow {
  return {
    ...browserFlow('login', overrides.id ?? TESTING_FLOW_ID, 'choose_method', [
      csrfNode(),
      inputNode('default', 'identifier', 'text', { required: true, autocomplete: 'username' }),
      inputNode('password', 'password', 'password', { required: true, autocomplete: 'current-password' }),
      inputNode('password', 'method', 'submit', { value: 'password' }),
    ]),
    refresh: false,
    requested_aal: 'aal1',
    created_at: ISSUED_AT,
    updated_at: ISSUED_AT,
    organization_id: null,
    ...overrides,
  };
}

/** A browser registration flow (docs/kratos-protocol.md §8.5) with the password method. */
export function registrationFlow(overrides: Partial<RegistrationFlow> = {}): RegistrationFlow {
  return {
    ...browserFlow('registration', overrides.id ?? TESTING_FLOW_ID, 'choose_method', [
      csrfNode(),
      inputNode('password', 'traits.email', 'email', { required: true, autocomplete: 'email' }),
      inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
      inputNode('password', 'method', 'submit', { value: 'password' }),
    ]),
    organization_id: null,
    ...overrides,
  };
}

/** A new browser recovery flow (docs/kratos-protocol.md §11.2): `csrf_token`, `email`, submit `method=code`. */
export function recoveryFlow(overrides: Partial<RecoveryFlow> = {}): RecoveryFlow {
  return {
    ...browserFlow('recovery', overrides.id ?? TESTING_FLOW_ID, 'choose_method', [
      csrfNode(),
      emailNode(),
      submitCode(),
    ]),
    active: 'code',
    ...overrides,
  };
}

/** A new verification flow (docs/kratos-protocol.md §12.2): `email`, submit, then `csrf_token` (browser flows only). */
export function verificationFlow(overrides: Partial<VerificationFlow> = {}): VerificationFlow {
  const nodes = [emailNode(), submitCode(), ...(overrides.type === 'api' ? [] : [csrfNode()])];
  return {
    ...browserFlow('verification', overrides.id ?? TESTING_FLOW_ID, 'choose_method', nodes),
    active: 'code',
    ...overrides,
  };
}

function emailNode(): UiInputNode {
  return {
    ...inputNode('code', 'email', 'email', { required: true, autocomplete: 'email' }),
    meta: { label: message(1070007, 'Email') },
  };
}

function submitCode(): UiInputNode {
  return { ...inputNode('code', 'method', 'submit', { value: 'code' }), meta: { label: message(1070009, 'Continue') } };
}

/** A second-factor login flow (`?aal=aal2`, docs/kratos-protocol.md §7.6): TOTP's `totp_code` and submit, message 1010004. */
export function secondFactorLoginFlow(overrides: Partial<LoginFlow> = {}): LoginFlow {
  const flow = loginFlow({ requested_aal: 'aal2', ...overrides });
  if (overrides.ui !== undefined) return flow;
  // selfservice/strategy/totp/login.go:57-58; login/handler.go:265 adds 1010004 to aal2 flows.
  flow.ui.nodes = [
    ...(flow.type === 'api' ? [] : [csrfNode()]),
    {
      ...inputNode('totp', 'totp_code', 'text', { required: true }),
      meta: { label: message(1010006, 'Authentication code') },
    },
    {
      ...inputNode('totp', 'method', 'submit', { value: 'totp' }),
      meta: { label: message(1010009, 'Use Authenticator') },
    },
  ];
  flow.ui.messages = [message(1010004, 'Please complete the second authentication challenge.')];
  return flow;
}

/** Options of the code steps' builders. */
export interface KratosCodeStepOptions {
  /** The address the code went to: the value of the resend button; `null` for none (a `show_verification_ui` flow). */
  email?: string | null;
  /** A code already in the `code` field (a verification flow opened by the mail's link). */
  code?: string;
}

/**
 * A recovery flow after the email step (docs/kratos-protocol.md §11.4 row 9, §11.6): `state: sent_email`, message
 * 1060003, and the nodes `csrf_token`, `code` (1070010), hidden `method=code`, submit `method=code` and the resend
 * button `email=<address>` (1070008). Kratos answers a wrong code with this flow and 4060006 (§11.4 row 11): build it
 * with `withFlowMessages`.
 */
export function sentEmailRecoveryFlow(
  overrides: Partial<RecoveryFlow> = {},
  { email = TESTING_EMAIL, code }: KratosCodeStepOptions = {},
): RecoveryFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  const api = overrides.type === 'api';
  // selfservice/strategy/code/strategy_recovery.go:397-421 (the api flow's csrf_token is empty, §11.2).
  const nodes: UiNode[] = [
    csrfNode(api ? '' : TESTING_CSRF_TOKEN),
    {
      ...inputNode('code', 'code', 'text', {
        required: true,
        pattern: '[0-9]+',
        maxlength: 6,
        ...(code === undefined ? {} : { value: code }),
      }),
      meta: { label: message(1070010, 'Recovery code') },
    },
    inputNode('code', 'method', 'hidden', { value: 'code' }),
    submitCode(),
    ...(email === null ? [] : [resendNode(email)]),
  ];
  return recoveryFlow({
    state: 'sent_email',
    ...overrides,
    ui: overrides.ui ?? {
      ...ui('recovery', id, nodes),
      messages: [
        message(
          1060003,
          'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
        ),
      ],
    },
  });
}

/**
 * A recovery flow after the right code, as Kratos v1.3.1 answers it with `feature_flags.use_continue_with_transitions`
 * (docs/kratos-protocol.md §11.5): `state: passed_challenge`, the code step's nodes without messages, and
 * `continue_with: [show_settings_ui]` to the settings flow Kratos made (`settingsFlowId`, `TESTING_NEW_FLOW_ID` unless
 * given). Without the flag Kratos answers a 422 instead: `flushError('browser_location_change_required', …)`.
 */
export function passedChallengeRecoveryFlow(
  overrides: Partial<RecoveryFlow> = {},
  { settingsFlowId = TESTING_NEW_FLOW_ID, settingsUrl }: { settingsFlowId?: string; settingsUrl?: string } = {},
): RecoveryFlow {
  const flow = sentEmailRecoveryFlow(overrides);
  if (overrides.ui === undefined) delete flow.ui.messages;
  return {
    ...flow,
    state: 'passed_challenge',
    transient_payload: {},
    continue_with: [
      {
        action: 'show_settings_ui',
        flow: { id: settingsFlowId, url: settingsUrl ?? `http://127.0.0.1:4200/settings?flow=${settingsFlowId}` },
      },
    ],
    ...overrides,
    ui: flow.ui,
  };
}

/**
 * A verification flow after the email step (docs/kratos-protocol.md §12.4 row 14, §12.7): `state: sent_email`, message
 * 1080003, and the nodes hidden `method=code`, `code` (1070011), submit `method=code`, `csrf_token` (browser flows)
 * and the resend button `email=<address>` (1070008; `email: null` for a flow made by `show_verification_ui`, §12.6,
 * which has none). `code` pre-fills the code field, as Kratos does for the mail's link (§12.4 row 6).
 */
export function sentEmailVerificationFlow(
  overrides: Partial<VerificationFlow> = {},
  { email = TESTING_EMAIL, code }: KratosCodeStepOptions = {},
): VerificationFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  const nodes: UiNode[] = [
    inputNode('code', 'method', 'hidden', { value: 'code' }),
    {
      ...inputNode('code', 'code', 'text', { required: true, ...(code === undefined ? {} : { value: code }) }),
      meta: { label: message(1070011, 'Verification code') },
    },
    submitCode(),
    ...(overrides.type === 'api' ? [] : [csrfNode()]),
    ...(email === null ? [] : [resendNode(email)]),
  ];
  return verificationFlow({
    state: 'sent_email',
    ...overrides,
    ui: overrides.ui ?? {
      ...ui('verification', id, nodes),
      messages: [
        message(
          1080003,
          'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
        ),
      ],
    },
  });
}

/**
 * A verification flow after the right code (docs/kratos-protocol.md §12.5): `state: passed_challenge`, message 1080002
 * (`success`), and a form to the continue URL (`continueUrl`, the app's default return URL unless given) with
 * `csrf_token` and the `continue` link (1070009).
 */
export function passedChallengeVerificationFlow(
  overrides: Partial<VerificationFlow> = {},
  { continueUrl = 'http://127.0.0.1:4200/' }: { continueUrl?: string } = {},
): VerificationFlow {
  const label = message(1070009, 'Continue');
  const link: UiAnchorNode = {
    type: 'a',
    group: 'code',
    attributes: { id: 'continue', href: continueUrl, title: label, node_type: 'a' },
    messages: [],
    meta: { label },
  };
  const api = overrides.type === 'api';
  return verificationFlow({
    state: 'passed_challenge',
    ...overrides,
    ui: overrides.ui ?? {
      action: continueUrl,
      method: 'GET',
      nodes: [csrfNode(api ? '' : TESTING_CSRF_TOKEN), link],
      messages: [message(1080002, 'You successfully verified your email address.', 'success')],
    },
  });
}

/**
 * A stored error of Kratos's error flow, as `GET /self-service/errors?id=` answers it (docs/kratos-protocol.md §13
 * row 2): `id` (`TESTING_ERROR_ID` unless given), the stored herodot error (a 500 unless given), `created_at`,
 * `updated_at`. Pass `kratosErrorBody(kind, context).body.error` as `error` for the error of a given answer.
 */
export function flowError(overrides: Partial<FlowError> = {}): FlowError {
  return {
    id: TESTING_ERROR_ID,
    error: {
      code: 500,
      status: 'Internal Server Error',
      reason: 'This is a stub error.',
      message: 'An internal server error occurred, please contact the system administrator',
    },
    created_at: '2026-11-22T10:00:00.000000Z',
    updated_at: '2026-11-22T10:00:00.000000Z',
    ...overrides,
  };
}

/**
 * The answer of `GET /self-service/logout/browser` (docs/kratos-protocol.md §2.6): `logout_url`
 * `<public>/self-service/logout?[return_to=…&]token=<logout_token>`, with `returnTo` in its query when given.
 */
export function logoutFlow(overrides: Partial<LogoutFlow> & { returnTo?: string } = {}): LogoutFlow {
  const { returnTo, ...fields } = overrides;
  const token = fields.logout_token ?? TESTING_LOGOUT_TOKEN;
  const query = new URLSearchParams({ ...(returnTo === undefined ? {} : { return_to: returnTo }), token });
  return {
    logout_url: `${KRATOS_TESTING_BASE_URL}/self-service/logout?${query.toString()}`,
    logout_token: token,
    ...fields,
  };
}

/**
 * `flow` with `messages` on its input node `name` (the first input of that name) in place of the node's own, as
 * Kratos answers a submit that failed validation (400 and the flow: `flushInvalid`). Pure: returns a new flow.
 */
export function withNodeMessages<F extends { ui: UiContainer }>(flow: F, name: string, ...messages: UiText[]): F {
  const copy = structuredClone(flow);
  const node = copy.ui.nodes.find((candidate) => candidate.type === 'input' && candidate.attributes.name === name);
  if (node === undefined) {
    const names = copy.ui.nodes.flatMap((n) => (n.type === 'input' ? [n.attributes.name] : []));
    throw new Error(`withNodeMessages: the flow has no input node "${name}" (its inputs: ${names.join(', ')}).`);
  }
  node.messages = messages;
  return copy;
}

/**
 * `flow` with `messages` as its form's messages (`ui.messages`) in place of its own, as Kratos answers a wrong
 * password (4000006) or a wrong recovery code (4060006). Pure: returns a new flow.
 */
export function withFlowMessages<F extends { ui: UiContainer }>(flow: F, ...messages: UiText[]): F {
  const copy = structuredClone(flow);
  copy.ui.messages = messages;
  return copy;
}

function resendNode(email: string): UiInputNode {
  return {
    ...inputNode('code', 'email', 'submit', { value: email }),
    meta: { label: message(1070008, 'Resend code') },
  };
}
