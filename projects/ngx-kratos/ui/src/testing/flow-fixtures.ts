/*
 * Login and registration flows for the ngx-kratos/ui specs, written from the node shapes of Kratos v1.3.1 (its
 * strategies' form hydration and their recorded snapshots: groups, names, types, autocomplete, label ids), nodes in
 * Kratos's own sort order (oidc, default, webauthn, passkey, code, password, profile), which is not the order users
 * expect. Loopback URLs only. Test code only: nothing in the entry point imports this file, so it is not packaged.
 */
import axe from 'axe-core';
import { ContinueWith, LoginFlow, RegistrationFlow, UiNode, UiText } from 'ngx-kratos';

export const KRATOS = 'http://127.0.0.1:4433';
export const CSRF = 'csrf-value';
export const LOGIN_ID = '0b8c8d3e-5f1a-4c5e-9d2a-7e3f4a5b6c01';
export const REGISTRATION_ID = '1c9d9e4f-6a2b-4d6f-8e3b-8f4a5b6c7d02';
export const EMAIL = 'ada@127.0.0.1';

export const text = (id: number, value: string, type: UiText['type'] = 'info', context?: Record<string, unknown>) =>
  ({ id, text: value, type, ...(context ? { context } : {}) }) as UiText;

export const input = (
  group: string,
  name: string,
  type: string,
  attributes: Record<string, unknown> = {},
  label?: UiText,
  messages: UiText[] = [],
): UiNode =>
  ({
    type: 'input',
    group,
    attributes: { name, type, disabled: false, node_type: 'input', ...attributes },
    messages,
    meta: label ? { label } : {},
  }) as UiNode;

export const csrf = () => input('default', 'csrf_token', 'hidden', { value: CSRF, required: true });

export const webauthnScript = (): UiNode => ({
  type: 'script',
  group: 'webauthn',
  attributes: {
    id: 'webauthn_script',
    src: `${KRATOS}/.well-known/ory/webauthn.js`,
    async: true,
    referrerpolicy: 'no-referrer',
    crossorigin: 'anonymous',
    integrity: 'sha512-abc',
    type: 'text/javascript',
    nonce: '',
    node_type: 'script',
  },
  messages: [],
  meta: {},
});

function loginBase(extra: Partial<LoginFlow>, nodes: UiNode[], messages?: UiText[]): LoginFlow {
  return {
    id: LOGIN_ID,
    type: 'browser',
    state: 'choose_method',
    expires_at: '2026-11-22T11:00:00Z',
    issued_at: '2026-11-22T10:00:00Z',
    request_url: `${KRATOS}/self-service/login/browser`,
    refresh: false,
    requested_aal: 'aal1',
    organization_id: null,
    ui: {
      action: `${KRATOS}/self-service/login?flow=${LOGIN_ID}`,
      method: 'POST',
      nodes,
      ...(messages ? { messages } : {}),
    },
    ...extra,
  };
}

/** A first login, unified (v1.3.1): identifier in `default`, shared by password and code; a passkey; GitHub. */
export function loginFlow(extra: Partial<LoginFlow> = {}, identifier = ''): LoginFlow {
  return loginBase(extra, [
    input(
      'oidc',
      'provider',
      'submit',
      { value: 'github' },
      text(1010002, 'Sign in with github', 'info', { provider: 'github' }),
    ),
    csrf(),
    input(
      'default',
      'identifier',
      'text',
      { value: identifier, required: true, autocomplete: 'username' },
      text(1070004, 'ID'),
    ),
    webauthnScript(),
    input('passkey', 'passkey_challenge', 'hidden', { value: '{"publicKey":{}}' }),
    input('passkey', 'passkey_login', 'hidden', { value: '' }),
    input(
      'passkey',
      'passkey_login_trigger',
      'button',
      { value: '', onclickTrigger: 'oryPasskeyLogin' },
      text(1010021, 'Sign in with passkey'),
    ),
    input('code', 'method', 'submit', { value: 'code' }, text(1010015, 'Send sign in code')),
    input(
      'password',
      'password',
      'password',
      { required: true, autocomplete: 'current-password' },
      text(1070001, 'Password'),
    ),
    input('password', 'method', 'submit', { value: 'password' }, text(1010022, 'Sign in with password')),
  ]);
}

/** The answer to a wrong password: the same flow, the identifier echoed, the credentials error on the flow. */
export function wrongPasswordFlow(): LoginFlow {
  const flow = loginFlow({ active: 'password' }, EMAIL);
  flow.ui.messages = [
    text(
      4000006,
      'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
      'error',
    ),
  ];
  return flow;
}

/** The answer to "Send sign in code": `sent_email`, the identifier kept hidden, the code field, resend. */
export function codeSentFlow(): LoginFlow {
  return loginBase(
    { state: 'sent_email', active: 'code' },
    [
      csrf(),
      input('default', 'identifier', 'hidden', { value: EMAIL }),
      input('code', 'method', 'hidden', { value: 'code' }),
      input('code', 'code', 'text', { required: true }, text(1070013, 'Login code')),
      input('code', 'method', 'submit', { value: 'code' }, text(1070009, 'Continue')),
      input('code', 'resend', 'submit', { value: 'code' }, text(1070008, 'Resend code')),
    ],
    [
      text(
        1010014,
        'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
      ),
    ],
  );
}

/** A second factor (`aal=aal2`): TOTP, a recovery code, a code by email; a password node that must not show. */
export function aal2Flow(): LoginFlow {
  return loginBase(
    { requested_aal: 'aal2' },
    [
      csrf(),
      input(
        'code',
        'address',
        'submit',
        { value: EMAIL },
        text(1010023, `Send code to ${EMAIL}`, 'info', { address: EMAIL, channel: 'email' }),
      ),
      input(
        'totp',
        'totp_code',
        'text',
        { required: true, autocomplete: 'one-time-code' },
        text(1070006, 'Verify code'),
      ),
      input('totp', 'method', 'submit', { value: 'totp' }, text(1010009, 'Use Authenticator')),
      input('lookup_secret', 'lookup_secret', 'text', { required: true }, text(1010007, 'Backup recovery code')),
      input('lookup_secret', 'method', 'submit', { value: 'lookup_secret' }, text(1010010, 'Use backup recovery code')),
      // Not a second factor: never shown on that screen.
      input('password', 'password', 'password', { autocomplete: 'current-password' }, text(1070001, 'Password')),
    ],
    [text(1010004, 'Please complete the second authentication challenge.')],
  );
}

/** A re-authentication (`refresh=true`): the identifier hidden, the password. */
export function refreshFlow(): LoginFlow {
  return loginBase(
    { refresh: true },
    [
      csrf(),
      input('default', 'identifier', 'hidden', { value: EMAIL }),
      input(
        'password',
        'password',
        'password',
        { required: true, autocomplete: 'current-password' },
        text(1070001, 'Password'),
      ),
      input('password', 'method', 'submit', { value: 'password' }, text(1010001, 'Sign in')),
    ],
    [text(1010003, 'Please confirm this action by verifying that it is you.')],
  );
}

/** A login's success body: the session and what Kratos says comes next. */
export function loginSuccessBody(continueWith: ContinueWith[] = []) {
  return {
    session: { id: 'a1b2c3d4-0000-4000-8000-000000000001', active: true, authenticator_assurance_level: 'aal1' },
    continue_with: continueWith,
  };
}

function registrationBase(extra: Partial<RegistrationFlow>, nodes: UiNode[], messages?: UiText[]): RegistrationFlow {
  return {
    id: REGISTRATION_ID,
    type: 'browser',
    state: 'choose_method',
    expires_at: '2026-11-22T11:00:00Z',
    issued_at: '2026-11-22T10:00:00Z',
    request_url: `${KRATOS}/self-service/registration/browser`,
    organization_id: null,
    ui: {
      action: `${KRATOS}/self-service/registration?flow=${REGISTRATION_ID}`,
      method: 'POST',
      nodes,
      ...(messages ? { messages } : {}),
    },
    ...extra,
  };
}

const traits = (type: 'visible' | 'hidden', email = '', first = '') => [
  input(
    'default',
    'traits.email',
    type === 'hidden' ? 'hidden' : 'email',
    { value: email, required: true, autocomplete: 'email' },
    text(1070002, 'E-Mail'),
  ),
  input(
    'default',
    'traits.name.first',
    type === 'hidden' ? 'hidden' : 'text',
    { value: first },
    text(1070002, 'First name'),
  ),
];

/** Two-step registration's first screen (v1.3.1): the traits in `default`, `method=profile`; GitHub. */
export function registrationFlow(extra: Partial<RegistrationFlow> = {}): RegistrationFlow {
  return registrationBase(extra, [
    input(
      'oidc',
      'provider',
      'submit',
      { value: 'github' },
      text(1040002, 'Sign up with github', 'info', { provider: 'github' }),
    ),
    csrf(),
    ...traits('visible'),
    input('profile', 'method', 'submit', { value: 'profile' }, text(1040001, 'Sign up')),
  ]);
}

/** Its second screen, Kratos's answer to `method=profile`: the traits hidden, the credentials, "Back". */
export function credentialsFlow(passwordErrors: UiText[] = []): RegistrationFlow {
  return registrationBase(
    {},
    [
      csrf(),
      ...traits('hidden', EMAIL, 'Ada'),
      input('code', 'method', 'submit', { value: 'code' }, text(1040006, 'Sign up with code')),
      input(
        'password',
        'password',
        'password',
        { required: true, autocomplete: 'new-password' },
        text(1070001, 'Password'),
        passwordErrors,
      ),
      input('password', 'method', 'submit', { value: 'password' }, text(1040001, 'Sign up')),
      input('profile', 'screen', 'submit', { value: 'previous' }, text(1040008, 'Back')),
    ],
    passwordErrors.length ? undefined : [text(1040009, 'Please choose a credential to authenticate yourself with.')],
  );
}

/** A registration's success body: the identity, a session (the `session` hook), a verification to show. */
export function registrationSuccessBody(continueWith: ContinueWith[] = []) {
  return {
    identity: {
      id: 'b2c3d4e5-0000-4000-8000-000000000002',
      schema_id: 'default',
      schema_url: `${KRATOS}/schemas/default`,
      traits: { email: EMAIL, name: { first: 'Ada' } },
    },
    session: { id: 'c3d4e5f6-0000-4000-8000-000000000003', active: true },
    continue_with: continueWith,
  };
}

export const verificationItem = {
  action: 'show_verification_ui' as const,
  flow: { id: 'd4e5f6a7-0000-4000-8000-000000000004', verifiable_address: EMAIL },
};

/** The violations axe-core finds in `root`, one line each (an empty list passes). */
export async function axeViolations(root: HTMLElement): Promise<string[]> {
  const result = await axe.run(root, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}
