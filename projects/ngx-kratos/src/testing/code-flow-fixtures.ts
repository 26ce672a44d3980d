/*
 * Recovery, verification and error-flow answers the core specs need beyond ngx-kratos/testing's builders, built on
 * them (docs/kratos-protocol.md §11, §12 and §13: Kratos v1.3.1's node order, message ids and error bodies): the
 * flows after the email step and after the code, the bodies whose reason or details are recovery's or verification's
 * own, and the error flow's stored errors. Loopback URLs only. Test code only.
 */
import {
  csrfNode,
  inputNode,
  kratosErrorBody,
  message,
  recoveryFlow,
  TESTING_FLOW_ID,
  verificationFlow,
} from 'ngx-kratos/testing';
import { CodeFlow } from '../lib/flows/code-flow';
import { ContinueWith } from '../lib/models/continue-with';
import { UiNode } from '../lib/models/ui-node';
import { UiText } from '../lib/models/ui-text';
import { APP_UI } from './kratos-fixtures';

export const EMAIL = 'ada@127.0.0.1';
export const SETTINGS_FLOW_ID = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const SESSION_TOKEN = 'ory_st_recovered';

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

/** A flow of `kind` in a later state: the new flow's fields, `extra`, and a `ui` with `nodes` (and `ui`'s extras). */
function later(
  kind: 'recovery' | 'verification',
  nodes: UiNode[],
  extra: Partial<CodeFlow>,
  ui: UiExtra = {},
): CodeFlow {
  const { id = TESTING_FLOW_ID, ...rest } = extra;
  const flow = (kind === 'recovery' ? recoveryFlow : verificationFlow)({ id });
  return { ...flow, ...rest, ui: { ...flow.ui, ...ui, nodes } };
}

const submitCode = () => label(inputNode('code', 'method', 'submit', { value: 'code' }), 1070009, 'Continue');
const resend = (address: string) =>
  label(inputNode('code', 'email', 'submit', { value: address }), 1070008, 'Resend code');

/** §11.6: `sent_email`: `csrf_token`, `code` (pattern, maxlength 6), hidden `method`, submit, resend. */
export function sentRecoveryFlow(extra: Partial<CodeFlow> = {}, messages: UiText[] = [SENT_RECOVERY]): CodeFlow {
  return later(
    'recovery',
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
export const RECOVERED_LOCATION_CHANGE = kratosErrorBody(
  'browser_location_change_required',
  { flow: 'recovery', endpoint: 'update' },
  { redirectBrowserTo: `${APP_UI}/settings?flow=${SETTINGS_FLOW_ID}` },
).body;

/**
 * §11.2 row 2 / §11.3 row 1, §12.2: recovery or verification disabled: a 400 without id (`self_service_flow_disabled`
 * is registration's alone in v1.3.1).
 */
export const RECOVERY_DISABLED = kratosErrorBody(
  'bad_request',
  { flow: 'recovery', endpoint: 'create' },
  { reason: 'Recovery is not allowed because it was disabled.' },
).body;
export const VERIFICATION_DISABLED = kratosErrorBody(
  'bad_request',
  { flow: 'verification', endpoint: 'create' },
  { reason: 'Verification is not allowed because it was disabled.' },
).body;

/** §11.4 row 10 flag on: 400 without id, the reason, `details.continue_with: [show_recovery_ui]`. */
export function recoveryTooOftenFlagOn(newId: string): object {
  return kratosErrorBody(
    'bad_request',
    { flow: 'recovery', endpoint: 'update' },
    {
      reason: 'The request was submitted too often. Please request another code.',
      details: { continue_with: [{ action: 'show_recovery_ui', flow: { id: newId } }] },
    },
  ).body;
}

/**
 * §11.4 row 13 flag on, a browser flow: the submit's 410 `self_service_flow_expired` with `details.continue_with` and
 * none of the top-level keys (`use_flow_id`, `expired_at`, `since`) of an api flow's.
 */
export function recoveryCodeExpiredFlagOn(newId: string): object {
  const { error } = kratosErrorBody(
    'self_service_flow_expired',
    { flow: 'recovery', endpoint: 'update' },
    { details: { continue_with: [{ action: 'show_recovery_ui', flow: { id: newId } }] } },
  ).body;
  return { error };
}

/**
 * §12.7: `sent_email` after the email step: hidden `method`, `code` (no pattern), submit, `csrf_token`, resend; §12.6
 * (`show_verification_ui`): no resend. `code` pre-fills the code node (§12.4 row 6, the mail's link).
 */
export function sentVerificationFlow(
  options: { id?: string; resend?: boolean; code?: string; messages?: UiText[] } = {},
): CodeFlow {
  const { resend: withResend = true, code, messages = [SENT_VERIFICATION] } = options;
  return later(
    'verification',
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
    { id: options.id, state: 'sent_email' },
    { messages },
  );
}

/** §12.5: `passed_challenge`: `action` the continue URL, method GET, 1080002, `csrf_token` and the `continue` link. */
export function passedVerificationFlow(continueUrl = `${APP_UI}/account`): CodeFlow {
  return later(
    'verification',
    [
      csrfNode(),
      {
        type: 'a',
        group: 'code',
        attributes: { id: 'continue', href: continueUrl, title: message(1070009, 'Continue'), node_type: 'a' },
        messages: [],
        meta: { label: message(1070009, 'Continue') },
      },
    ],
    { state: 'passed_challenge' },
    { action: continueUrl, method: 'GET', messages: [VERIFIED] },
  );
}

export const ERROR_ID = '4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** §13 row 2: a stored error (disabled recovery forwarded to the error UI). */
export function storedError(id = ERROR_ID): object {
  return {
    id,
    error: RECOVERY_DISABLED.error,
    created_at: '2026-11-22T10:00:00Z',
    updated_at: '2026-11-22T10:00:00Z',
  };
}

/** §13 row 1: `stub:500`. */
export const STUB_500 = {
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  error: kratosErrorBody('server_error', { endpoint: 'get' }, { reason: 'This is a stub error.' }).body.error,
  created_at: '0001-01-01T00:00:00Z',
  updated_at: '0001-01-01T00:00:00Z',
};
