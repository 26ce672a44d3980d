/*
 * The project's own Kratos fixtures, written from docs/kratos-protocol.md (section numbers cite it).
 * Loopback URLs only. Not part of the package: test code only.
 */
import { ErrorEnvelope } from '../lib/models/generic-error';
import { SettingsFlow } from '../lib/settings/settings-flow';
import { isInputNode } from '../lib/models/ui-helpers';
import { UiNode } from '../lib/models/ui-node';
import { UiText } from '../lib/models/ui-text';

export const KRATOS = 'http://127.0.0.1:4433';
export const FLOW_ID = '6b6e1a8e-3a1e-4bd4-9b7b-2f6a0c1d9e01';
export const NEW_FLOW_ID = '0f9a2c33-1d4e-4b5f-8a6b-7c8d9e0f1a2b';
export const CSRF = 'masked-csrf-token-value';
export const SETTINGS_UI = 'http://127.0.0.1:4200/settings';

/** §3.3: the CSRF node of every flow. */
export function csrfNode(value = CSRF): UiNode {
  return {
    type: 'input',
    group: 'default',
    attributes: { name: 'csrf_token', type: 'hidden', value, required: true, disabled: false, node_type: 'input' },
    messages: [],
    meta: {},
  };
}

export function inputNode(
  group: string,
  name: string,
  type: string,
  extra: Partial<UiNode['attributes']> = {},
  messages: UiText[] = [],
): UiNode {
  return {
    type: 'input',
    group,
    attributes: { name, type, disabled: false, node_type: 'input', ...extra } as UiNode['attributes'],
    messages,
    meta: {},
  } as UiNode;
}

/** §3.1: a settings flow as Kratos serialises it, profile and password groups. */
export function settingsFlow(overrides: Partial<SettingsFlow> = {}): SettingsFlow {
  const id = overrides.id ?? FLOW_ID;
  return {
    id,
    type: 'browser',
    expires_at: '2026-11-22T11:00:00.000000Z',
    issued_at: '2026-11-22T10:00:00.000000Z',
    request_url: `${KRATOS}/self-service/settings/browser`,
    ui: {
      action: `${KRATOS}/self-service/settings?flow=${id}`,
      method: 'POST',
      nodes: [
        csrfNode(),
        inputNode('profile', 'traits.email', 'email', {
          value: 'ada@127.0.0.1',
          required: true,
          autocomplete: 'email',
        }),
        inputNode('profile', 'traits.name.first', 'text', { value: 'Ada' }),
        inputNode('profile', 'method', 'submit', { value: 'profile' }),
        inputNode('password', 'password', 'password', { required: true, autocomplete: 'new-password' }),
        inputNode('password', 'method', 'submit', { value: 'password' }),
        {
          type: 'text',
          group: 'totp',
          attributes: {
            id: 'totp_secret_key',
            node_type: 'text',
            text: { id: 1050006, text: 'JBSWY3DPEHPK3PXP', type: 'info' },
          },
          messages: [],
          meta: {},
        },
      ],
    },
    identity: {
      id: '9d1c6b1e-0d0e-4c1a-8f57-5a3e0b1f2c3d',
      schema_id: 'default',
      schema_url: `${KRATOS}/schemas/ZGVmYXVsdA`,
      state: 'active',
      traits: { email: 'ada@127.0.0.1', name: { first: 'Ada', last: 'Lovelace' } },
    },
    state: 'show_form',
    organization_id: null,
    ...overrides,
  };
}

/** §2.4 row 13: the AJAX answer to a successful submit. */
export function successFlow(): SettingsFlow {
  const flow = settingsFlow({ state: 'success', active: 'password' });
  return {
    ...flow,
    ui: { ...flow.ui, messages: [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }] },
    continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: SETTINGS_UI }],
  };
}

/**
 * §2.4 row 10 as a later Kratos answers it (recorded/12 in the shared recordings): the flow keeps `state: success`
 * and its earlier message 1050001 next to the new error (4000040 is a later id too). v1.3.1 keeps the state but drops
 * the message; the library and the UI must cope with both.
 */
export function invalidFlow(): SettingsFlow {
  const flow = settingsFlow({ state: 'success', active: 'profile' });
  const error: UiText = { id: 4000040, text: 'Enter a valid email address', type: 'error' };
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: [{ id: 1050001, text: 'Your changes have been saved!', type: 'success' }],
      nodes: flow.ui.nodes.map((node) =>
        isInputNode(node) && node.attributes.name === 'traits.email'
          ? { ...node, attributes: { ...node.attributes, value: 'not-an-email' }, messages: [error] }
          : node,
      ),
    },
  };
}

/** §1.3: herodot's envelope. */
export function kratosError(
  error: ErrorEnvelope['error'],
  extra: Omit<ErrorEnvelope, 'error'> & Record<string, unknown> = {},
): ErrorEnvelope {
  return { error, ...extra };
}

const AAL_REASON =
  'An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.';

/** §3.6: the AAL body, with `redirect_browser_to` at the top and in `details`. */
export function aal2Required(redirect: string): ErrorEnvelope {
  return kratosError(
    {
      id: 'session_aal2_required',
      code: 403,
      status: 'Forbidden',
      reason: AAL_REASON,
      details: { redirect_browser_to: redirect },
      message: 'Session does not fulfill the requested Authenticator Assurance Level',
    },
    { redirect_browser_to: redirect },
  );
}

/** §2.3 row 1, §2.4 row 1: the id-less 401. */
export const UNAUTHORIZED_NO_ID = kratosError({
  code: 401,
  status: 'Unauthorized',
  reason: 'A valid Ory Session Cookie or Ory Session Token is missing.',
  message: 'The request could not be authorized',
});

/** §2.1 row 1 (J): the id'd 401 of browser init, with the top-level key later Kratos versions add (v1.3.1: none). */
export const SESSION_INACTIVE_BROWSER_INIT = kratosError(
  {
    id: 'session_inactive',
    code: 401,
    status: 'Unauthorized',
    reason: 'No active session was found in this request.',
    message: 'request does not have a valid authentication session',
  },
  { CredentialsMissing: false },
);

/** §2.2: the id'd 401 of api init. */
export const SESSION_INACTIVE_API_INIT = kratosError({
  id: 'session_inactive',
  code: 401,
  status: 'Unauthorized',
  reason: 'This endpoint can only be accessed with a valid session. Please log in and try again.',
  message: 'request does not have a valid authentication session',
});

/** §2.1 row 3. */
export const RETURN_TO_FORBIDDEN = kratosError({
  id: 'self_service_flow_return_to_forbidden',
  code: 400,
  status: 'Bad Request',
  reason: 'Requested return_to URL "http://127.0.0.2/evil" is not allowed.',
  message: 'The request was malformed or contained invalid parameters',
});

/** §2.1 row 3, unparsable: the same without an id. */
export const RETURN_TO_UNPARSABLE = kratosError({
  code: 400,
  status: 'Bad Request',
  reason: 'Unable to parse the return_to query parameter as an URL: parse "%": invalid URL escape "%"',
  message: 'The request was malformed or contained invalid parameters',
});

/** §2.3 row 2. */
export const NOT_FOUND_GET = kratosError({ code: 404, status: 'Not Found', message: 'Unable to locate the resource' });

/** §2.3 row 3. */
export const IDENTITY_MISMATCH_GET = kratosError({
  id: 'security_identity_mismatch',
  code: 403,
  status: 'Forbidden',
  reason: 'The request was made for another identity and has been blocked for security reasons.',
  message: 'The requested action was forbidden',
});

/** §2.3 row 5: the id-less 410 of GET flows for a browser flow. */
export function expiredGetBrowser(returnTo = ''): ErrorEnvelope {
  const redirectTo = `${KRATOS}/self-service/settings/browser${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`;
  return kratosError({
    code: 410,
    status: 'Gone',
    reason:
      'The settings flow has expired. Redirect the user to the settings flow init endpoint to initialize a new settings flow.',
    details: { redirect_to: redirectTo, return_to: returnTo },
    message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
  });
}

/** §2.3 row 5': the same for an api flow. */
export const EXPIRED_GET_API = kratosError({
  code: 410,
  status: 'Gone',
  reason: 'The settings flow has expired. Call the settings flow init API endpoint to initialize a new settings flow.',
  details: { api: `${KRATOS}/self-service/settings/api` },
  message: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
});

/** §2.4 row 2. */
export const FLOW_PARAM_MALFORMED = kratosError({
  code: 400,
  status: 'Bad Request',
  reason: 'The flow query parameter is missing or malformed.',
  message: 'The request was malformed or contained invalid parameters',
});

/** §2.4 row 3. */
export const NOT_FOUND_POST = kratosError({
  code: 404,
  status: 'Not Found',
  reason: 'The settings request could not be found. Please restart the flow.',
  message: 'The requested resource could not be found',
});

/** §2.4 row 5 and §3.6: the 410 of POST with the replacement flow's id. */
export const EXPIRED_POST = kratosError(
  {
    id: 'self_service_flow_expired',
    code: 410,
    status: 'Gone',
    reason: 'The self-service flow expired 3.21 minutes ago, initialize a new one.',
    message: 'self-service flow expired',
  },
  { expired_at: '2026-11-22T10:00:00Z', since: 192600000000, use_flow_id: NEW_FLOW_ID },
);

/** §2.4 row 6. */
export const IDENTITY_MISMATCH_POST = kratosError({
  id: 'security_identity_mismatch',
  code: 403,
  status: 'Forbidden',
  reason:
    'The request was initiated by someone else and has been blocked for security reasons. Please go back and try again.',
  message: 'The requested action was forbidden',
});

/** §2.4 row 7 and §3.6. */
export const CSRF_VIOLATION = kratosError({
  id: 'security_csrf_violation',
  code: 403,
  status: 'Forbidden',
  reason:
    'Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.',
  details: {
    docs: 'https://www.ory.com/docs/troubleshooting/csrf',
    hint: 'We detected an AJAX call, please ensure that CORS is enabled and configured correctly, and that your AJAX code sends cookies and has credentials enabled.',
    reject_reason:
      'The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.',
  },
  message: 'the request was rejected to protect you from Cross-Site-Request-Forgery',
});

/** §2.4 row 8 (§1.5 re-auth URL). */
export const REFRESH_URL = `${KRATOS}/self-service/login/browser?refresh=true&return_to=${KRATOS}/self-service/settings?flow=${FLOW_ID}`;
export const REFRESH_REQUIRED = kratosError(
  {
    id: 'session_refresh_required',
    code: 403,
    status: 'Forbidden',
    reason: 'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
    message: 'The requested action was forbidden',
  },
  { redirect_browser_to: REFRESH_URL },
);

/** §2.4 row 9. */
export const PROVIDER_URL = 'http://127.0.0.1:4433/emulated-provider/auth?state=abc';
export const LOCATION_CHANGE_REQUIRED = kratosError(
  {
    id: 'browser_location_change_required',
    code: 422,
    status: 'Unprocessable Entity',
    reason: `In order to complete this flow please redirect the browser to: ${PROVIDER_URL}`,
    message: 'browser location change required',
  },
  { redirect_browser_to: PROVIDER_URL },
);

/** §2.4 row 12. */
export const METHOD_DISABLED = kratosError({
  code: 404,
  status: 'Not Found',
  reason:
    'This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.',
  message: 'The requested resource could not be found',
});

/** §1.5 AAL2 step-up targets. */
export const AAL2_INIT_URL = `${KRATOS}/self-service/login/browser?aal=aal2`;
export const AAL2_GET_URL = `${KRATOS}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(`${SETTINGS_UI}?flow=${FLOW_ID}`)}`;
export const AAL2_POST_URL = `${KRATOS}/self-service/login/browser?aal=aal2&return_to=${encodeURIComponent(`${KRATOS}/self-service/settings?flow=${FLOW_ID}`)}`;

/** §1.2 + §2.4 row 10: an api-flow submit from a browser (Origin header) becomes a 400 flow with message 4000001. */
export const ORIGIN_REFUSAL =
  'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';
export function apiFlowRefusedFromBrowser(): SettingsFlow {
  const flow = settingsFlow({ type: 'api', request_url: `${KRATOS}/self-service/settings/api` });
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: [{ id: 4000001, text: ORIGIN_REFUSAL, type: 'error', context: { reason: ORIGIN_REFUSAL } }],
    },
  };
}
