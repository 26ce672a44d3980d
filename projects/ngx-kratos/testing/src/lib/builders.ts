/*
 * Builders of Kratos v1.3.1's bodies (docs/kratos-protocol.md §3.1, §7.5, §8.5, §11.2, §12.2, §2.5): each returns
 * the body as Kratos serialises it, with loopback URLs, and takes the fields a test cares about as overrides.
 */
import type {
  Identity,
  LoginFlow,
  RecoveryFlow,
  RegistrationFlow,
  Session,
  SettingsFlow,
  UiInputNode,
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
    traits: { email: 'ada@127.0.0.1' } as TTraits,
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

function ui(kind: string, id: string, nodes: UiInputNode[] | (UiInputNode | UiTextNode)[]) {
  return { action: `${KRATOS_TESTING_BASE_URL}/self-service/${kind}?flow=${id}`, method: 'POST', nodes };
}

/** A browser settings flow (docs/kratos-protocol.md §3.1) with the profile and password groups. */
export function settingsFlow(overrides: Partial<SettingsFlow> = {}): SettingsFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  return {
    id,
    type: 'browser',
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/settings/browser`,
    ui: ui('settings', id, [
      csrfNode(),
      inputNode('profile', 'traits.email', 'email', { value: 'ada@127.0.0.1', required: true, autocomplete: 'email' }),
      inputNode('profile', 'method', 'submit', { value: 'profile' }),
      inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
      inputNode('password', 'method', 'submit', { value: 'password' }),
    ]),
    identity: identity(),
    state: 'show_form',
    organization_id: null,
    ...overrides,
  };
}

/** A browser login flow (docs/kratos-protocol.md §7.5) with the password method. */
export function loginFlow(overrides: Partial<LoginFlow> = {}): LoginFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/login/browser`,
    refresh: false,
    requested_aal: 'aal1',
    created_at: ISSUED_AT,
    updated_at: ISSUED_AT,
    ui: ui('login', id, [
      csrfNode(),
      inputNode('default', 'identifier', 'text', { required: true, autocomplete: 'username' }),
      inputNode('password', 'password', 'password', { required: true, autocomplete: 'current-password' }),
      inputNode('password', 'method', 'submit', { value: 'password' }),
    ]),
    organization_id: null,
    ...overrides,
  };
}

/** A browser registration flow (docs/kratos-protocol.md §8.5) with the password method. */
export function registrationFlow(overrides: Partial<RegistrationFlow> = {}): RegistrationFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/registration/browser`,
    ui: ui('registration', id, [
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
  const id = overrides.id ?? TESTING_FLOW_ID;
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/recovery/browser`,
    active: 'code',
    ui: ui('recovery', id, [csrfNode(), emailNode(), submitCode()]),
    ...overrides,
  };
}

/** A new verification flow (docs/kratos-protocol.md §12.2): `email`, submit, then `csrf_token` (browser flows only). */
export function verificationFlow(overrides: Partial<VerificationFlow> = {}): VerificationFlow {
  const id = overrides.id ?? TESTING_FLOW_ID;
  const nodes = [emailNode(), submitCode(), ...(overrides.type === 'api' ? [] : [csrfNode()])];
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: EXPIRES_AT,
    issued_at: ISSUED_AT,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/verification/browser`,
    active: 'code',
    ui: ui('verification', id, nodes),
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
