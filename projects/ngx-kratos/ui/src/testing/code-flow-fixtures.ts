/*
 * Recovery and verification flows for the ngx-kratos/ui specs, from Kratos v1.3.1's node order and message ids
 * (docs/kratos-protocol.md §11.2, §11.6, §12.2, §12.5–12.7). Loopback URLs only. Test code only.
 */
import { CodeFlow, UiNode, UiText } from 'ngx-kratos';
import { csrf, EMAIL, input, KRATOS, text } from './flow-fixtures';

export const RECOVERY_ID = '3e0f1a2b-8c4d-4e8f-9a5b-0c1d2e3f4a05';
export const VERIFICATION_ID = '4f1a2b3c-9d5e-4f9a-8b6c-1d2e3f4a5b06';
export const NEW_ID = '5a2b3c4d-0e6f-4a0b-9c7d-2e3f4a5b6c07';
export const SETTINGS_ID = '6b3c4d5e-1f7a-4b1c-8d8e-3f4a5b6c7d08';

const emailField = () =>
  input('code', 'email', 'email', { required: true, autocomplete: 'email' }, text(1070007, 'Email'));
const submit = () => input('code', 'method', 'submit', { value: 'code' }, text(1070009, 'Continue'));
const resend = () => input('code', 'email', 'submit', { value: EMAIL }, text(1070008, 'Resend code'));

export const SENT_RECOVERY = text(
  1060003,
  'An email containing a recovery code has been sent to the email address you provided.',
);
export const INVALID_RECOVERY_CODE = text(
  4060006,
  'The recovery code is invalid or has already been used. Please try again.',
  'error',
);
export const SENT_VERIFICATION = text(
  1080003,
  'An email containing a verification code has been sent to the email address you provided.',
);
export const INVALID_VERIFICATION_CODE = text(
  4070006,
  'The verification code is invalid or has already been used. Please try again.',
  'error',
);

function flow(
  kind: string,
  id: string,
  state: CodeFlow['state'],
  nodes: UiNode[],
  messages?: UiText[],
  extra: Partial<CodeFlow> = {},
): CodeFlow {
  return {
    id,
    type: 'browser',
    state,
    expires_at: '2026-11-22T11:00:00Z',
    issued_at: '2026-11-22T10:00:00Z',
    request_url: `${KRATOS}/self-service/${kind}/browser`,
    active: 'code',
    ui: {
      action: `${KRATOS}/self-service/${kind}?flow=${id}`,
      method: 'POST',
      nodes,
      ...(messages ? { messages } : {}),
    },
    ...extra,
  };
}

/** §11.2: `csrf_token`, `email`, submit. */
export const recoveryFlow = (id = RECOVERY_ID, messages?: UiText[]) =>
  flow('recovery', id, 'choose_method', [csrf(), emailField(), submit()], messages);

/** §11.6: `csrf_token`, `code` (pattern, maxlength 6), hidden `method`, submit, resend. */
export const sentRecoveryFlow = (messages: UiText[] = [SENT_RECOVERY], id = RECOVERY_ID) =>
  flow(
    'recovery',
    id,
    'sent_email',
    [
      csrf(),
      input(
        'code',
        'code',
        'text',
        { required: true, pattern: '[0-9]+', maxlength: 6 },
        text(1070010, 'Recovery code'),
      ),
      input('code', 'method', 'hidden', { value: 'code' }),
      submit(),
      resend(),
    ],
    messages,
  );

/** §11.5 with the flag: `passed_challenge`, `continue_with: [show_settings_ui]`. */
export const passedRecoveryFlow = (): CodeFlow => ({
  ...sentRecoveryFlow([]),
  state: 'passed_challenge',
  continue_with: [
    {
      action: 'show_settings_ui',
      flow: { id: SETTINGS_ID, url: `http://127.0.0.1:4200/settings?flow=${SETTINGS_ID}` },
    },
  ],
});

/** §12.2: `email`, submit, then `csrf_token`. */
export const verificationFlow = (id = VERIFICATION_ID) =>
  flow('verification', id, 'choose_method', [emailField(), submit(), csrf()]);

/** §12.7 (`resend`) and §12.6 (without); `code` pre-fills the code node as the mail's link does (§12.4 row 6). */
export function sentVerificationFlow(
  options: { code?: string; resend?: boolean; messages?: UiText[]; id?: string } = {},
): CodeFlow {
  const { code, resend: withResend = true, messages = [SENT_VERIFICATION], id = VERIFICATION_ID } = options;
  return flow(
    'verification',
    id,
    'sent_email',
    [
      input('code', 'method', 'hidden', { value: 'code' }),
      input(
        'code',
        'code',
        'text',
        { required: true, ...(code ? { value: code } : {}) },
        text(1070011, 'Verification code'),
      ),
      submit(),
      csrf(),
      ...(withResend ? [resend()] : []),
    ],
    messages,
  );
}

/** §12.5: 1080002, the `continue` link. */
export function passedVerificationFlow(): CodeFlow {
  return flow(
    'verification',
    VERIFICATION_ID,
    'passed_challenge',
    [
      csrf(),
      {
        type: 'a',
        group: 'code',
        attributes: {
          id: 'continue',
          href: 'http://127.0.0.1:4200/account',
          title: text(1070009, 'Continue'),
          node_type: 'a',
        },
        messages: [],
        meta: { label: text(1070009, 'Continue') },
      } as UiNode,
    ],
    [text(1080002, 'You successfully verified your email address.', 'success')],
  );
}
