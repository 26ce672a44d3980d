/*
 * Login and registration answers the core specs need beyond ngx-kratos/testing's builders, built on them
 * (docs/kratos-protocol.md §7 and §8; section numbers cite it): a flow with an error or a next step on it, two-step
 * registration's second screen, and the success bodies. Loopback URLs only. Test code only.
 */
import {
  csrfNode,
  inputNode,
  kratosErrorBody,
  loginFlow,
  message,
  registrationFlow,
  session,
  TESTING_NEW_FLOW_ID,
} from 'ngx-kratos/testing';
import { LoginFlow } from '../lib/login/login-flow';
import { UiText } from '../lib/models/ui-text';
import { RegistrationFlow } from '../lib/registration/registration-flow';
import { APP_UI } from './kratos-fixtures';

/** §7.4 row 9: the flow with an error on it (a wrong password). */
export function invalidLoginFlow(): LoginFlow {
  const flow = loginFlow({ active: 'password' });
  const error = message(
    4000006,
    'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
    'error',
  );
  return { ...flow, ui: { ...flow.ui, messages: [error] } };
}

/** §7.4 row 10: a code was sent: the next step, no error. */
export function codeSentLoginFlow(): LoginFlow {
  const flow = loginFlow({ state: 'sent_email', active: 'code' });
  const info = message(
    1010014,
    'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  );
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

/** §7.4 row 12: the browser JSON success. */
export function browserLoginSuccess(target = `${APP_UI}/`): object {
  return { session: session(), continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: target }] };
}

/** §7.4 row 12: the api success (`continue_with: null`). */
export function apiLoginSuccess(): object {
  return { session_token: 'ory_st_login', session: session(), continue_with: null };
}

/** §7.4 rows 6, 7: a flow with one global message or one node message. */
export function withMessage(flow: LoginFlow, text: UiText, node?: string): LoginFlow {
  if (node === undefined) return { ...flow, ui: { ...flow.ui, messages: [text] } };
  return {
    ...flow,
    ui: {
      ...flow.ui,
      nodes: flow.ui.nodes.map((n) =>
        n.attributes.node_type === 'input' && n.attributes.name === node ? { ...n, messages: [text] } : n,
      ),
    },
  };
}

/** §7.1 row 3: an `aal` that is neither aal1 nor aal2: a 400 without id. */
export const AAL_UNPARSABLE = kratosErrorBody(
  'bad_request',
  { flow: 'login', endpoint: 'create' },
  { reason: 'Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got aal3' },
).body;

/** §7.4 row 11: an unknown provider: a 404 with its reason. */
export const UNKNOWN_PROVIDER = kratosErrorBody(
  'not_found',
  { flow: 'login', endpoint: 'update' },
  { reason: 'OpenID Connect Provider "nope" is unknown or has not been configured' },
).body;

/** §7.4 row 11: where an OIDC provider's 422 sends the browser. */
export const PROVIDER_AUTHORIZE = 'http://127.0.0.1:4455/authorize?client_id=demo&state=abc';

/** §8.4 row 8: two-step registration's second screen (no error: the next step). */
export function credentialScreen(): RegistrationFlow {
  const flow = registrationFlow();
  return {
    ...flow,
    transient_payload: {},
    ui: {
      ...flow.ui,
      messages: [message(1040009, 'Please choose a credential to authenticate yourself with.')],
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
      id: TESTING_NEW_FLOW_ID,
      verifiable_address: 'new@127.0.0.1',
      ...(kind === 'browser' ? { url: `${APP_UI}/verification?flow=${TESTING_NEW_FLOW_ID}` } : {}),
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
