/* Node and message builders, with Kratos's message ids and English texts (docs/kratos-protocol.md §3.3, §3.4). */
import { Node, Text } from './model';

export const info = (id: number, text: string, context?: Record<string, unknown>): Text => ({
  id,
  text,
  type: 'info',
  ...(context ? { context } : {}),
});
export const error = (id: number, text: string, context?: Record<string, unknown>): Text => ({
  id,
  text,
  type: 'error',
  ...(context ? { context } : {}),
});

export const messages = {
  saved: (): Text => ({ id: 1050001, text: 'Your changes have been saved!', type: 'success' }),
  generic: (reason: string) => error(4000001, reason, { reason }),
  /** JSON Schema's type error (4000026), e.g. a number where the schema wants a string. */
  wrongType: (actual: string, allowed: string) =>
    error(4000026, `expected ${allowed}, but got ${actual}`, { actual_type: actual, allowed_types: [allowed] }),
  missing: (property: string) => error(4000002, `Property ${property} is missing.`, { property }),
  passwordTooShort: (min: number, actual: number) =>
    error(4000032, `The password must be at least ${min} characters long, but got ${actual}.`, {
      min_length: min,
      actual_length: actual,
    }),
  // Kratos v1.3.1's JSON Schema validator, for a `format` the value fails (4000040 and its friendly text came later).
  invalidFormat: (value: string, format: string) => {
    const reason = `${JSON.stringify(value)} is not valid ${JSON.stringify(format)}`;
    return error(4000001, reason, { reason });
  },
  loginNoStrategy: () =>
    error(4010002, 'Could not find a strategy to log you in with. Did you fill out the form correctly?'),
  noStrategy: () =>
    error(4010004, 'Could not find a strategy to update your settings. Did you fill out the form correctly?'),
  invalidTotp: () => error(4000008, 'The provided authentication code is invalid, please try again.'),
  invalidCredentials: () =>
    error(
      4000006,
      'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
    ),
  flowExpired: (expiredAt: Date, minutes: string) =>
    error(4050001, `The settings flow expired ${minutes} minutes ago, please try again.`, {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    }),
  loginFlowExpired: (expiredAt: Date, minutes: string) =>
    error(4010001, `The login flow expired ${minutes} minutes ago, please try again.`, {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    }),
  registrationNoStrategy: () =>
    error(4010003, 'Could not find a strategy to sign you up with. Did you fill out the form correctly?'),
  registrationFlowExpired: (expiredAt: Date, minutes: string) =>
    error(4040001, `The registration flow expired ${minutes} minutes ago, please try again.`, {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    }),
  chooseCredential: () => info(1040009, 'Please choose a credential to authenticate yourself with.'),
  duplicate: () => error(4000007, 'An account with the same identifier (email, phone, username, ...) exists already.'),
  passwordTooSimilar: () => error(4000031, 'The password can not be used because it is too similar to the identifier.'),
  registrationCodeSent: () =>
    info(
      1040005,
      'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the registration.',
    ),
  registrationCodeInvalid: () =>
    error(4040003, 'The registration code is invalid or has already been used. Please try again.'),
  traitsMismatch: () =>
    error(4000036, 'The provided traits do not match the traits previously associated with this flow.'),
  loginCodeSent: () =>
    info(
      1010014,
      'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the login.',
    ),
  loginCodeInvalid: () => error(4010008, 'The login code is invalid or has already been used. Please try again.'),
  noCodeAccount: () => error(4000035, 'This account does not exist or has not setup sign in with code.'),
  noAccount: () => error(4000037, 'This account does not exist or has no login method configured.'),
  linkedMismatch: () => error(4010009, 'Linked credentials do not match.'),
  // Recovery (docs/kratos-protocol.md §11) and verification (§12).
  recoveryCodeSent: () =>
    info(
      1060003,
      'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
    ),
  recoveryCodeInvalid: () => error(4060006, 'The recovery code is invalid or has already been used. Please try again.'),
  recoveryFlowExpired: (expiredAt: Date, minutes: string) =>
    error(4060005, `The recovery flow expired ${minutes} minutes ago, please try again.`, {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    }),
  recoveryRetrySuccess: () => error(4060001, 'The request was already completed successfully and can not be retried.'),
  recoveryNoStrategy: () =>
    error(4010005, 'Could not find a strategy to recover your account with. Did you fill out the form correctly?'),
  recovered: (privilegedUntil: Date, minutes: string) => ({
    id: 1060001,
    text: `You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next ${minutes} minutes.`,
    type: 'success' as const,
    context: {
      privilegedSessionExpiresAt: privilegedUntil.toISOString(),
      privileged_session_expires_at: privilegedUntil.toISOString(),
      privileged_session_expires_at_unix: Math.floor(privilegedUntil.getTime() / 1000),
    },
  }),
  verificationCodeSent: () =>
    info(
      1080003,
      'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
    ),
  verificationCodeInvalid: () =>
    error(4070006, 'The verification code is invalid or has already been used. Please try again.'),
  verificationFlowExpired: (expiredAt: Date, minutes: string) =>
    error(4070005, `The verification flow expired ${minutes} minutes ago, please try again.`, {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    }),
  verificationRetrySuccess: () =>
    error(4070002, 'The request was already completed successfully and can not be retried.'),
  verificationNoStrategy: () =>
    error(4010006, 'Could not find a strategy to verify your account with. Did you fill out the form correctly?'),
  verified: (): Text => ({ id: 1080002, text: 'You successfully verified your email address.', type: 'success' }),
  reauthenticate: () => info(1010003, 'Please confirm this action by verifying that it is you.'),
  secondFactor: () => info(1010004, 'Please complete the second authentication challenge.'),
};

export function input(
  group: string,
  name: string,
  type: string,
  attributes: Record<string, unknown> = {},
  label?: Text,
): Node {
  return {
    type: 'input',
    group,
    attributes: { name, type, ...attributes, disabled: false, node_type: 'input' },
    messages: [],
    meta: label ? { label } : {},
  };
}

export function submit(group: string, name: string, value: string, label: Text): Node {
  return input(group, name, 'submit', { value }, label);
}

export function text(group: string, id: string, body: Text, label?: Text): Node {
  return {
    type: 'text',
    group,
    attributes: { id, text: body, node_type: 'text' },
    messages: [],
    meta: label ? { label } : {},
  };
}

export function img(group: string, id: string, src: string, label: Text): Node {
  return {
    type: 'img',
    group,
    attributes: { id, src, width: 256, height: 256, node_type: 'img' },
    messages: [],
    meta: { label },
  };
}

export function script(group: string, id: string, src: string, integrity: string): Node {
  return {
    type: 'script',
    group,
    attributes: {
      id,
      src,
      async: true,
      referrerpolicy: 'no-referrer',
      crossorigin: 'anonymous',
      integrity,
      type: 'text/javascript',
      nonce: '',
      node_type: 'script',
    },
    messages: [],
    meta: {},
  };
}

export function csrfNode(token: string): Node {
  return {
    type: 'input',
    group: 'default',
    attributes: {
      name: 'csrf_token',
      type: 'hidden',
      value: token,
      required: true,
      disabled: false,
      node_type: 'input',
    },
    messages: [],
    meta: {},
  };
}
