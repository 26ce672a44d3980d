import { nodeMessages, UiNode, UiText } from 'ngx-kratos';

const FIELD_TYPES = new Set(['text', 'password', 'number', 'email', 'tel', 'url', 'date', 'datetime-local']);

/** A node reduced to what its template needs: one discriminated shape per way of rendering it. */
export type NodeView =
  | { kind: 'hidden'; name: string; value: string }
  | {
      kind: 'button';
      type: 'submit' | 'button';
      name: string;
      value: string;
      label: UiText | undefined;
      trigger?: string;
      /** The button removes something (a second factor, a key, a linked account): styled `kratos-button--danger`. */
      danger: boolean;
      /**
       * The button is the lesser choice beside the step forward: going back a step (two-step registration's "Back") or
       * asking for a new code ("Resend code", the `resend` or the code group's `email` button); `kratos-button--secondary`.
       */
      secondary: boolean;
      /**
       * The provider's id (`github`) of a provider's button (sign in, sign up, link or unlink an OIDC or SAML
       * account): `data-kratos-provider`, and styled `kratos-button--provider`; else `null`.
       */
      provider: string | null;
    }
  | { kind: 'checkbox'; name: string; checked: boolean; label: UiText | undefined; required: boolean }
  | {
      kind: 'field';
      type: string;
      name: string;
      value: string;
      label: UiText | undefined;
      required: boolean;
      autocomplete: string | null;
      /** `numeric` for a one-time code (the phone's digit keyboard); else none. */
      inputmode: string | null;
      /** A one-time code from a mail (a `code` field of the `code` group): a paste is cleaned of spaces and dashes. */
      oneTimeCode: boolean;
      /** A code to type (a one-time code, a TOTP code, a recovery code): styled `kratos-input--code`, no spelling aids. */
      code: boolean;
      pattern: string | null;
      maxlength: number | null;
      invalid: boolean;
    }
  | { kind: 'text'; id: string; label: UiText | undefined; text: UiText; secrets: UiText[] | undefined }
  | { kind: 'img'; src: string; width: number; height: number; label: UiText | undefined }
  | { kind: 'link'; href: string; title: UiText }
  | { kind: 'div'; id: string; className: string | null }
  | { kind: 'none' }
  | { kind: 'unknown'; label: UiText | undefined };

/**
 * The buttons that remove something, by input name: unlinking the authenticator app, disabling recovery codes,
 * removing a security key or a passkey, unlinking an OIDC or SAML account.
 */
const DESTRUCTIVE = new Set(['totp_unlink', 'lookup_secret_disable', 'webauthn_remove', 'passkey_remove', 'unlink']);

/** The groups of sign-in providers, and their buttons' names: sign in or up (`provider`), `link`, `unlink`. */
const PROVIDER_GROUPS = new Set(['oidc', 'saml']);
const PROVIDER_BUTTONS = new Set(['provider', 'link', 'unlink']);

/** Only Kratos's own trigger functions may be called from a node (never an arbitrary global named by a server). */
const TRIGGER = /^ory[A-Za-z]+$/;

export function toView(node: UiNode): NodeView {
  const attributes = node.attributes;
  const label = node.meta?.label;
  switch (attributes.node_type) {
    case 'input': {
      const value = attributes.value === undefined || attributes.value === null ? '' : String(attributes.value);
      const inputLabel = label ?? attributes.label;
      if (attributes.type === 'hidden') return { kind: 'hidden', name: attributes.name, value };
      if (attributes.type === 'submit' || attributes.type === 'button') {
        const trigger =
          attributes.onclickTrigger && TRIGGER.test(attributes.onclickTrigger) ? attributes.onclickTrigger : undefined;
        const type = trigger || attributes.type === 'button' ? 'button' : 'submit';
        const danger = DESTRUCTIVE.has(attributes.name);
        const secondary =
          (attributes.name === 'screen' && value === 'previous') ||
          attributes.name === 'resend' ||
          (attributes.name === 'email' && node.group === 'code');
        const provider = PROVIDER_GROUPS.has(node.group) && PROVIDER_BUTTONS.has(attributes.name) ? value : null;
        return {
          kind: 'button',
          type,
          name: attributes.name,
          value,
          label: inputLabel,
          trigger,
          danger,
          secondary,
          provider,
        };
      }
      if (attributes.type === 'checkbox') {
        return {
          kind: 'checkbox',
          name: attributes.name,
          checked: attributes.value === true,
          label: inputLabel,
          required: !!attributes.required,
        };
      }
      const oneTimeCode = isOneTimeCode(node);
      return {
        kind: 'field',
        type: FIELD_TYPES.has(attributes.type) ? attributes.type : 'text',
        name: attributes.name,
        value,
        label: inputLabel,
        required: !!attributes.required,
        autocomplete: attributes.autocomplete ?? (oneTimeCode ? 'one-time-code' : null),
        inputmode: oneTimeCode ? 'numeric' : null,
        oneTimeCode,
        code: oneTimeCode || (node.group === 'lookup_secret' && attributes.name === 'lookup_secret'),
        pattern: attributes.pattern ?? null,
        maxlength: attributes.maxlength ?? null,
        invalid: nodeMessages(node).some((message) => message.type === 'error'),
      };
    }
    case 'text': {
      const secrets = attributes.text.context?.['secrets'];
      return {
        kind: 'text',
        id: attributes.id,
        label,
        text: attributes.text,
        secrets: Array.isArray(secrets) ? (secrets as UiText[]) : undefined,
      };
    }
    case 'img':
      return { kind: 'img', src: attributes.src, width: attributes.width, height: attributes.height, label };
    case 'a':
      return { kind: 'link', href: attributes.href, title: attributes.title };
    case 'div':
      return { kind: 'div', id: attributes.id, className: attributes.class ?? null };
    case 'script':
      return { kind: 'none' }; // loaded by KratosScripts, from Kratos's origin only
    default:
      return { kind: 'unknown', label };
  }
}

/**
 * The code a mail carries (login, registration, recovery, verification: an input `code` of the `code` group, text or
 * number) or an authenticator app shows (`totp_code` of the `totp` group, at login and in settings), which the
 * browser may offer from the mail (`autocomplete="one-time-code"`) and a phone types with digits.
 */
function isOneTimeCode(node: UiNode): boolean {
  const { attributes } = node;
  if (attributes.node_type !== 'input' || (attributes.type !== 'text' && attributes.type !== 'number')) return false;
  return (
    (node.group === 'code' && attributes.name === 'code') || (node.group === 'totp' && attributes.name === 'totp_code')
  );
}

/** A pasted code without what mails and people put around and inside it: spaces, dashes, line breaks. */
export function pastedCode(text: string): string {
  return text.replace(/[\s\u00a0-]+/g, '');
}
