/*
 * Login and registration fixtures, written from docs/kratos-protocol.md §7 and §8 (section numbers cite it).
 * Loopback URLs only. Test code only.
 */
import { LoginFlow } from '../lib/login/login-flow';
import { RegistrationFlow } from '../lib/registration/registration-flow';
import { Session } from '../lib/models/session';
import { UiText } from '../lib/models/ui-text';
import { ErrorEnvelope } from '../lib/models/generic-error';
import { csrfNode, FLOW_ID, inputNode, KRATOS, kratosError, NEW_FLOW_ID } from './kratos-fixtures';

export const APP_UI = 'http://127.0.0.1:4200';

/** §7.5: a browser login flow with the password method. */
export function loginFlow(overrides: Partial<LoginFlow> = {}): LoginFlow {
  const id = overrides.id ?? FLOW_ID;
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: '2026-11-22T11:00:00.000000Z',
    issued_at: '2026-11-22T10:00:00.000000Z',
    request_url: `${KRATOS}/self-service/login/browser`,
    refresh: false,
    requested_aal: 'aal1',
    created_at: '2026-11-22T10:00:00.000000Z',
    updated_at: '2026-11-22T10:00:00.000000Z',
    ui: {
      action: `${KRATOS}/self-service/login?flow=${id}`,
      method: 'POST',
      nodes: [
        csrfNode(),
        inputNode('default', 'identifier', 'text', { required: true, autocomplete: 'username' }),
        inputNode('password', 'password', 'password', { required: true, autocomplete: 'current-password' }),
        inputNode('password', 'method', 'submit', { value: 'password' }),
      ],
    },
    organization_id: null,
    ...overrides,
  };
}

/** §7.4: the same flow with an error on it (a wrong password). */
export function invalidLoginFlow(): LoginFlow {
  const flow = loginFlow({ active: 'password' });
  const error: UiText = {
    id: 4000006,
    text: 'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
    type: 'error',
  };
  return { ...flow, ui: { ...flow.ui, messages: [error] } };
}

/** §7.4: a code was sent: the next step, no error. */
export function codeSentLoginFlow(): LoginFlow {
  const flow = loginFlow({ state: 'sent_email', active: 'code' });
  const info: UiText = {
    id: 1010014,
    text: 'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
    type: 'info',
  };
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: [info],
      nodes: [
        csrfNode(),
        inputNode('code', 'code', 'text', { required: true }),
        inputNode('code', 'method', 'submit', { value: 'code' }),
      ],
    },
  };
}

/** §8.5: a browser registration flow with the password method. */
export function registrationFlow(overrides: Partial<RegistrationFlow> = {}): RegistrationFlow {
  const id = overrides.id ?? FLOW_ID;
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: '2026-11-22T11:00:00.000000Z',
    issued_at: '2026-11-22T10:00:00.000000Z',
    request_url: `${KRATOS}/self-service/registration/browser`,
    ui: {
      action: `${KRATOS}/self-service/registration?flow=${id}`,
      method: 'POST',
      nodes: [
        csrfNode(),
        inputNode('password', 'traits.email', 'email', { required: true, autocomplete: 'email' }),
        inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
        inputNode('password', 'method', 'submit', { value: 'password' }),
      ],
    },
    organization_id: null,
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: '3f9a1d2e-5b6c-4d7e-8f90-a1b2c3d4e5f6',
    active: true,
    authenticator_assurance_level: 'aal1',
    authentication_methods: [{ method: 'password', aal: 'aal1', completed_at: '2026-11-22T10:00:01Z' }],
    expires_at: '2026-11-23T10:00:00Z',
    authenticated_at: '2026-11-22T10:00:01Z',
    issued_at: '2026-11-22T10:00:01Z',
    identity: {
      id: '9d1c6b1e-0d0e-4c1a-8f57-5a3e0b1f2c3d',
      schema_id: 'default',
      schema_url: `${KRATOS}/schemas/ZGVmYXVsdA`,
      state: 'active',
      traits: { email: 'ada@127.0.0.1' },
    },
    ...overrides,
  };
}

/** §7.1: a browser login flow asked for by a signed-in user without `refresh` or `aal`. */
export const SESSION_ALREADY_AVAILABLE = kratosError({
  id: 'session_already_available',
  code: 400,
  status: 'Bad Request',
  reason: 'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
  message: 'you are already logged in',
});

/** §7.1: `aal=aal2` without any session. */
export const SESSION_AAL1_REQUIRED = kratosError({
  id: 'session_aal1_required',
  code: 401,
  status: 'Unauthorized',
  reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
  message: 'aal2 and aal3 can only be requested if a session exists already',
});

/** §2.5: whoami's id-less 401. */
export const WHOAMI_NO_SESSION = kratosError({
  code: 401,
  status: 'Unauthorized',
  reason: 'No valid session credentials found in the request.',
  message: 'The request could not be authorized',
});

/** §7.3 row 3: the GET 410 of an expired browser login flow carries the id, unlike settings'. */
export const LOGIN_EXPIRED_GET = kratosError({
  id: 'self_service_flow_expired',
  code: 410,
  status: 'Gone',
  reason:
    'The login flow has expired. Redirect the user to the login flow init endpoint to initialize a new login flow.',
  details: { redirect_to: `${KRATOS}/self-service/login/browser`, return_to: '' },
  message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
});

/** §7.1 row 3: an `aal` that is neither aal1 nor aal2. */
export const AAL_UNPARSABLE = kratosError({
  code: 400,
  status: 'Bad Request',
  reason: 'Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got aal3',
  message: 'The request was malformed or contained invalid parameters',
});

/** §7.4 row 11: an unknown provider. */
export const UNKNOWN_PROVIDER = kratosError({
  code: 404,
  status: 'Not Found',
  reason: 'OpenID Connect Provider "nope" is unknown or has not been configured',
  message: 'The requested resource could not be found',
});

export const PROVIDER_AUTHORIZE = 'http://127.0.0.1:4455/authorize?client_id=demo&state=abc';

/** §7.4 rows 11 and 12: a 422 `browser_location_change_required` to `url` (a provider, the AAL2 login). */
export function locationChange(url: string): ErrorEnvelope {
  return kratosError(
    {
      id: 'browser_location_change_required',
      code: 422,
      status: 'Unprocessable Entity',
      reason: `In order to complete this flow please redirect the browser to: ${url}`,
      message: 'browser location change required',
    },
    { redirect_browser_to: url },
  );
}

/** §7.4 row 12: the browser JSON success. */
export function browserLoginSuccess(target = `${APP_UI}/`): object {
  return { session: session(), continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }] };
}

/** §7.4 row 12: the api success (`continue_with: null`). */
export function apiLoginSuccess(): object {
  return { session_token: 'ory_st_login', session: session(), continue_with: null };
}

/** §7.4 rows 6, 7: a flow with one global message or one node message. */
export function withMessage(flow: LoginFlow, message: UiText, node?: string): LoginFlow {
  if (node === undefined) return { ...flow, ui: { ...flow.ui, messages: [message] } };
  return {
    ...flow,
    ui: {
      ...flow.ui,
      nodes: flow.ui.nodes.map((n) =>
        n.attributes.node_type === 'input' && n.attributes.name === node ? { ...n, messages: [message] } : n,
      ),
    },
  };
}

/** §8.4 row 8: two-step registration's second screen (no error: the next step). */
export function credentialScreen(): RegistrationFlow {
  const flow = registrationFlow();
  return {
    ...flow,
    transient_payload: {},
    ui: {
      ...flow.ui,
      messages: [{ id: 1040009, text: 'Please choose a credential to authenticate yourself with.', type: 'info' }],
      nodes: [
        inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
        inputNode('password', 'method', 'submit', { value: 'password' }),
        inputNode('profile', 'screen', 'submit', { value: 'previous' }),
        inputNode('default', 'traits.email', 'hidden', { value: 'new@127.0.0.1' }),
        csrfNode(),
      ],
    },
  };
}

/** §8.4 row 12: the four success bodies. */
export function registrationSuccess(kind: 'api' | 'browser', withSession: boolean): object {
  const identity = session().identity;
  const verification = {
    action: 'show_verification_ui',
    flow: {
      id: NEW_FLOW_ID,
      verifiable_address: 'new@127.0.0.1',
      ...(kind === 'browser' ? { url: `${APP_UI}/verification?flow=${NEW_FLOW_ID}` } : {}),
    },
  };
  if (kind === 'api') {
    return withSession
      ? {
          session_token: 'ory_st_new',
          session: session(),
          identity,
          continue_with: [verification, { action: 'set_ory_session_token', ory_session_token: 'ory_st_new' }],
        }
      : { identity, continue_with: [verification] };
  }
  const redirect = { action: 'redirect_browser_to', redirect_browser_to: `${APP_UI}/` };
  return withSession
    ? { session: session(), identity, continue_with: [redirect, verification] }
    : { identity, continue_with: [redirect, verification] };
}

/** §7.3 row 3: the GET 410 of an expired browser login flow that was started with `return_to`. */
export function loginExpiredGet(returnTo = ''): ErrorEnvelope {
  return kratosError({
    id: 'self_service_flow_expired',
    code: 410,
    status: 'Gone',
    reason:
      'The login flow has expired. Redirect the user to the login flow init endpoint to initialize a new login flow.',
    details: {
      redirect_to: `${KRATOS}/self-service/login/browser${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`,
      return_to: returnTo,
    },
    message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
  });
}

/** §8.3 row 4: the GET 410 of an expired browser registration flow. */
export function registrationExpiredGet(returnTo = ''): ErrorEnvelope {
  return kratosError({
    id: 'self_service_flow_expired',
    code: 410,
    status: 'Gone',
    reason:
      'The registration flow has expired. Redirect the user to the registration flow init endpoint to initialize a new registration flow.',
    details: {
      redirect_to: `${KRATOS}/self-service/registration/browser${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`,
      return_to: returnTo,
    },
    message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
  });
}

/** §8.1 row 4 (J): a browser registration flow asked for by a signed-in user. */
export const REGISTRATION_SESSION_ALREADY_AVAILABLE = kratosError({
  id: 'session_already_available',
  code: 400,
  status: 'Bad Request',
  reason: 'A valid session was detected and thus registration is not possible.',
  message: 'you are already logged in',
});

/** §8.1 row 1 (J): registration switched off. */
export const REGISTRATION_DISABLED = kratosError({
  id: 'self_service_flow_disabled',
  code: 400,
  status: 'Bad Request',
  reason: 'Registration is not allowed because it was disabled.',
  message: 'registration flow disabled',
});

/** §7.4 row 5 (J): the submit's 410 of an expired login flow, naming the replacement. */
export function loginExpiredPost(newId = NEW_FLOW_ID): ErrorEnvelope {
  return kratosError(
    {
      id: 'self_service_flow_expired',
      code: 410,
      status: 'Gone',
      reason: 'The self-service flow expired 0.03 minutes ago, initialize a new one.',
      message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
    },
    { expired_at: '2026-11-22T11:00:00Z', since: 1800000000, use_flow_id: newId },
  );
}
