/*
 * Recovery, verification and error-flow fixtures, written from docs/kratos-protocol.md §11, §12 and §13 (Kratos
 * v1.3.1's node order, message ids and error bodies). Loopback URLs only. Test code only.
 */
import { CodeFlow } from '../lib/flows/code-flow';
import { ContinueWith } from '../lib/models/continue-with';
import { UiNode } from '../lib/models/ui-node';
import { UiText } from '../lib/models/ui-text';
import { csrfNode, FLOW_ID, inputNode, KRATOS, kratosError } from './kratos-fixtures';

export const APP_UI = 'http://127.0.0.1:4200';
export const EMAIL = 'ada@127.0.0.1';
export const SETTINGS_FLOW_ID = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const SESSION_TOKEN = 'ory_st_recovered';

const message = (id: number, text: string, type: UiText['type'] = 'info', context?: Record<string, unknown>) =>
  ({ id, text, type, ...(context ? { context } : {}) }) as UiText;

const label = (node: UiNode, id: number, text: string): UiNode => ({ ...node, meta: { label: message(id, text) } });

export const SENT_RECOVERY = message(
  1060003,
  'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
);
export const INVALID_RECOVERY_CODE = message(
  4060006,
  'The recovery code is invalid or has already been used. Please try again.',
  'error',
);
export const RECOVERY_EXPIRED = message(
  4060005,
  'The recovery flow expired 0.10 minutes ago, please try again.',
  'error',
);
export const SENT_VERIFICATION = message(
  1080003,
  'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
);
export const INVALID_VERIFICATION_CODE = message(
  4070006,
  'The verification code is invalid or has already been used. Please try again.',
  'error',
);
export const VERIFIED = message(1080002, 'You successfully verified your email address.', 'success');

type UiExtra = { action?: string; method?: string; messages?: UiText[] };

function base(
  kind: 'recovery' | 'verification',
  id: string,
  nodes: UiNode[],
  extra: Partial<CodeFlow>,
  ui: UiExtra = {},
): CodeFlow {
  return {
    id,
    type: 'browser',
    state: 'choose_method',
    expires_at: '2026-11-22T11:00:00.000000Z',
    issued_at: '2026-11-22T10:00:00.000000Z',
    request_url: `${KRATOS}/self-service/${kind}/browser`,
    active: 'code',
    ...extra,
    ui: { action: `${KRATOS}/self-service/${kind}?flow=${id}`, method: 'POST', ...ui, nodes },
  };
}

const emailNode = () =>
  label(inputNode('code', 'email', 'email', { required: true, autocomplete: 'email' }), 1070007, 'Email');
const submitCode = () => label(inputNode('code', 'method', 'submit', { value: 'code' }), 1070009, 'Continue');
const resend = (address: string) =>
  label(inputNode('code', 'email', 'submit', { value: address }), 1070008, 'Resend code');

/** §11.2: a new recovery flow: `csrf_token`, `email`, submit `method=code`. */
export function recoveryFlow(extra: Partial<CodeFlow> = {}): CodeFlow {
  return base('recovery', extra.id ?? FLOW_ID, [csrfNode(), emailNode(), submitCode()], extra);
}

/** §11.6: `sent_email`: `csrf_token`, `code` (pattern, maxlength 6), hidden `method`, submit, resend. */
export function sentRecoveryFlow(extra: Partial<CodeFlow> = {}, messages: UiText[] = [SENT_RECOVERY]): CodeFlow {
  return base(
    'recovery',
    extra.id ?? FLOW_ID,
    [
      csrfNode(),
      label(
        inputNode('code', 'code', 'text', { required: true, pattern: '[0-9]+', maxlength: 6 }),
        1070010,
        'Recovery code',
      ),
      inputNode('code', 'method', 'hidden', { value: 'code' }),
      submitCode(),
      resend(EMAIL),
    ],
    { state: 'sent_email', ...extra },
    { messages },
  );
}

/** §11.4 row 11: a wrong code: 200, the flow with the global 4060006, `state` unchanged. */
export function invalidCodeRecoveryFlow(): CodeFlow {
  return sentRecoveryFlow({}, [INVALID_RECOVERY_CODE]);
}

/** §11.5 flag on: 200 recovery flow, `passed_challenge`, `continue_with` (api flows: the token first). */
export function passedRecoveryFlow(api = false): CodeFlow {
  const continueWith: ContinueWith[] = [
    ...(api ? [{ action: 'set_ory_session_token' as const, ory_session_token: SESSION_TOKEN }] : []),
    {
      action: 'show_settings_ui',
      flow: { id: SETTINGS_FLOW_ID, url: `${APP_UI}/settings?flow=${SETTINGS_FLOW_ID}` },
    },
  ];
  return {
    ...sentRecoveryFlow({ state: 'passed_challenge', type: api ? 'api' : 'browser' }, []),
    transient_payload: {},
    continue_with: continueWith,
  };
}

/** §11.5 flag off: the 422 to the settings UI with the new settings flow. */
export const RECOVERED_LOCATION_CHANGE = kratosError(
  {
    id: 'browser_location_change_required',
    code: 422,
    status: 'Unprocessable Entity',
    reason: `In order to complete this flow please redirect the browser to: ${APP_UI}/settings?flow=${SETTINGS_FLOW_ID}`,
    message: 'browser location change required',
  },
  { redirect_browser_to: `${APP_UI}/settings?flow=${SETTINGS_FLOW_ID}` },
);

/** §11.2 row 2 / §11.3 row 1: recovery disabled: 400 without id. */
export const RECOVERY_DISABLED = kratosError({
  code: 400,
  status: 'Bad Request',
  reason: 'Recovery is not allowed because it was disabled.',
  message: 'The request was malformed or contained invalid parameters',
});

/** §11.2 row 1: a signed-in user. */
export const RECOVERY_SESSION_ALREADY_AVAILABLE = kratosError({
  id: 'session_already_available',
  code: 400,
  status: 'Bad Request',
  reason: 'A valid session was detected and thus recovery is not possible.',
  message: 'you are already logged in',
});

/** §11.3 row 4: an expired browser recovery flow's GET: 410 without id, `details.redirect_to`/`return_to`. */
export function recoveryExpiredGet(returnTo = ''): object {
  return kratosError({
    code: 410,
    status: 'Gone',
    reason:
      'The recovery flow has expired. Redirect the user to the recovery flow init endpoint to initialize a new recovery flow.',
    details: { redirect_to: `${KRATOS}/self-service/recovery/browser`, return_to: returnTo },
    message: 'Requested resource is no longer available',
  });
}

/** §11.4 row 10 flag on: 400 without id, the reason, `details.continue_with: [show_recovery_ui]`. */
export function recoveryTooOftenFlagOn(newId: string): object {
  return kratosError({
    code: 400,
    status: 'Bad Request',
    reason: 'The request was submitted too often. Please request another code.',
    details: { continue_with: [{ action: 'show_recovery_ui', flow: { id: newId } }] },
    message: 'The request was malformed or contained invalid parameters',
  });
}

/** §11.4 row 13 flag on: 410 self_service_flow_expired with `details.continue_with`, no top-level `use_flow_id`. */
export function recoveryCodeExpiredFlagOn(newId: string): object {
  return kratosError({
    id: 'self_service_flow_expired',
    code: 410,
    status: 'Gone',
    reason: 'The recovery flow has expired. Please retry the flow.',
    details: { continue_with: [{ action: 'show_recovery_ui', flow: { id: newId } }] },
    message: 'self-service flow expired',
  });
}

/** §12.2: a new verification flow: `email`, submit, then `csrf_token` (browser flows only). */
export function verificationFlow(extra: Partial<CodeFlow> = {}): CodeFlow {
  const nodes = [emailNode(), submitCode(), ...(extra.type === 'api' ? [] : [csrfNode()])];
  return base('verification', extra.id ?? FLOW_ID, nodes, extra);
}

/**
 * §12.7: `sent_email` after the email step: hidden `method`, `code` (no pattern), submit, `csrf_token`, resend; §12.6
 * (`show_verification_ui`): no resend. `code` pre-fills the code node (§12.4 row 6, the mail's link).
 */
export function sentVerificationFlow(
  options: { id?: string; resend?: boolean; code?: string; messages?: UiText[] } = {},
): CodeFlow {
  const { resend: withResend = true, code, messages = [SENT_VERIFICATION] } = options;
  return base(
    'verification',
    options.id ?? FLOW_ID,
    [
      inputNode('code', 'method', 'hidden', { value: 'code' }),
      label(
        inputNode('code', 'code', 'text', { required: true, ...(code === undefined ? {} : { value: code }) }),
        1070011,
        'Verification code',
      ),
      submitCode(),
      csrfNode(),
      ...(withResend ? [resend(EMAIL)] : []),
    ],
    { state: 'sent_email' },
    { messages },
  );
}

/** §12.5: `passed_challenge`: `action` the continue URL, method GET, 1080002, `csrf_token` and the `continue` link. */
export function passedVerificationFlow(continueUrl = `${APP_UI}/account`): CodeFlow {
  return base(
    'verification',
    FLOW_ID,
    [
      csrfNode(),
      {
        type: 'a',
        group: 'code',
        attributes: {
          id: 'continue',
          href: continueUrl,
          title: message(1070009, 'Continue'),
          node_type: 'a',
        },
        messages: [],
        meta: { label: message(1070009, 'Continue') },
      } as UiNode,
    ],
    { state: 'passed_challenge' },
    { action: continueUrl, method: 'GET', messages: [VERIFIED] },
  );
}

/** §12.4 row 5: a passed flow submitted again: 410 `self_service_flow_replaced` with `use_flow_id`, no flow. */
export function verificationReplaced(newId: string): object {
  return kratosError(
    {
      id: 'self_service_flow_replaced',
      code: 410,
      status: 'Gone',
      reason: 'An error occured, please use the new flow.',
      message: 'self-service flow replaced',
    },
    { use_flow_id: newId },
  );
}

/** §12.4 row 10: the code expired: 410 `self_service_flow_expired` with `use_flow_id`. */
export function verificationCodeExpired(newId: string): object {
  return kratosError(
    {
      id: 'self_service_flow_expired',
      code: 410,
      status: 'Gone',
      reason: 'The verification flow has expired. Please retry the flow.',
      message: 'self-service flow expired',
    },
    { use_flow_id: newId, expired_at: '2026-11-22T10:00:02Z', since: 2000000000 },
  );
}

/** §12.3: an expired verification flow's GET (browser): 410 without id. */
export const VERIFICATION_EXPIRED_GET = kratosError({
  code: 410,
  status: 'Gone',
  reason:
    'The verification flow has expired. Redirect the user to the verification flow init endpoint to initialize a new verification flow.',
  details: { redirect_to: `${KRATOS}/self-service/verification/browser`, return_to: '' },
  message: 'Requested resource is no longer available',
});

/** §12.2: verification disabled. */
export const VERIFICATION_DISABLED = kratosError({
  code: 400,
  status: 'Bad Request',
  reason: 'Verification is not allowed because it was disabled.',
  message: 'The request was malformed or contained invalid parameters',
});

export const ERROR_ID = '4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** §13 row 2: a stored error (disabled recovery forwarded to the error UI). */
export function storedError(id = ERROR_ID): object {
  return {
    id,
    error: {
      code: 400,
      status: 'Bad Request',
      reason: 'Recovery is not allowed because it was disabled.',
      message: 'The request was malformed or contained invalid parameters',
    },
    created_at: '2026-11-22T10:00:00Z',
    updated_at: '2026-11-22T10:00:00Z',
  };
}

/** §13 row 1: `stub:500`. */
export const STUB_500 = {
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  error: {
    code: 500,
    status: 'Internal Server Error',
    reason: 'This is a stub error.',
    message: 'An internal server error occurred, please contact the system administrator',
  },
  created_at: '0001-01-01T00:00:00Z',
  updated_at: '0001-01-01T00:00:00Z',
};

/** §13 row 3: unknown, malformed or no id. */
export const ERROR_NOT_FOUND = kratosError({
  code: 404,
  status: 'Not Found',
  message: 'Unable to locate the resource',
});
