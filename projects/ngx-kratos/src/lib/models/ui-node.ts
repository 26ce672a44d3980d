import { UiText } from './ui-text';

/**
 * The group a node belongs to (docs/kratos-protocol.md §3.3). One group is one form: submit only the nodes of the group
 * you render plus the `default` group (which carries the CSRF token).
 * Open-ended (`string & {}`) because Ory Network adds groups before Kratos's spec names them.
 */
export type UiNodeGroup =
  | 'default'
  | 'password'
  | 'oidc'
  | 'profile'
  | 'link'
  | 'code'
  | 'totp'
  | 'lookup_secret'
  | 'webauthn'
  | 'passkey'
  | 'identifier_first'
  | 'captcha'
  | 'saml'
  | 'deviceauthn'
  | 'oauth2_consent'
  | (string & {});

/** The kinds of node Kratos sends; each node's `attributes.node_type` repeats its `type`. */
export type UiNodeType = 'input' | 'text' | 'img' | 'a' | 'script' | 'div';

/** The HTML input types Kratos uses (open-ended: render anything else as text). */
export type UiNodeInputType =
  | 'text'
  | 'password'
  | 'number'
  | 'checkbox'
  | 'hidden'
  | 'email'
  | 'tel'
  | 'submit'
  | 'button'
  | 'datetime-local'
  | 'date'
  | 'url'
  | (string & {});

export type UiNodeInputAutocomplete =
  | 'email'
  | 'tel'
  | 'url'
  | 'current-password'
  | 'new-password'
  | 'one-time-code'
  | 'username'
  | 'username webauthn'
  | (string & {});

/** Named WebAuthn/passkey triggers that replace the deprecated inline `onclick` JavaScript (Kratos ≥ v1.3). */
export type UiNodeTrigger =
  | 'oryWebAuthnRegistration'
  | 'oryWebAuthnLogin'
  | 'oryPasskeyLogin'
  | 'oryPasskeyLoginAutocompleteInit'
  | 'oryPasskeyRegistration'
  | 'oryPasskeySettingsRegistration'
  | (string & {});

export interface UiNodeMeta {
  label?: UiText;
}

export interface UiNodeInputAttributes {
  node_type: 'input';
  name: string;
  type: UiNodeInputType;
  /** Any JSON value: traits may be numbers, booleans or objects. */
  value?: unknown;
  required?: boolean;
  disabled: boolean;
  autocomplete?: UiNodeInputAutocomplete;
  label?: UiText;
  pattern?: string;
  maxlength?: number;
  options?: { value: unknown }[];
  /** @deprecated Inline JavaScript; never evaluate it. Use `onclickTrigger`. */
  onclick?: string;
  /** @deprecated Inline JavaScript; never evaluate it. Use `onloadTrigger`. */
  onload?: string;
  onclickTrigger?: UiNodeTrigger;
  onloadTrigger?: UiNodeTrigger;
}

export interface UiNodeTextAttributes {
  node_type: 'text';
  id: string;
  text: UiText;
}

export interface UiNodeImageAttributes {
  node_type: 'img';
  id: string;
  src: string;
  width: number;
  height: number;
}

export interface UiNodeAnchorAttributes {
  node_type: 'a';
  id: string;
  href: string;
  title: UiText;
}

export interface UiNodeScriptAttributes {
  node_type: 'script';
  id: string;
  src: string;
  async: boolean;
  referrerpolicy: string;
  crossorigin: string;
  integrity: string;
  type: string;
  nonce: string;
}

export interface UiNodeDivisionAttributes {
  node_type: 'div';
  id: string;
  class?: string;
  data?: Record<string, string>;
}

export type UiNodeAttributes =
  | UiNodeInputAttributes
  | UiNodeTextAttributes
  | UiNodeImageAttributes
  | UiNodeAnchorAttributes
  | UiNodeScriptAttributes
  | UiNodeDivisionAttributes;

interface UiNodeOf<A extends UiNodeAttributes> {
  type: A['node_type'];
  group: UiNodeGroup;
  attributes: A;
  /** Always present on the wire; `[]` when empty (docs/kratos-protocol.md §3.3). */
  messages: UiText[];
  /** Always present on the wire; `{}` when the node has no label. */
  meta: UiNodeMeta;
}

export type UiInputNode = UiNodeOf<UiNodeInputAttributes>;
export type UiTextNode = UiNodeOf<UiNodeTextAttributes>;
export type UiImageNode = UiNodeOf<UiNodeImageAttributes>;
export type UiAnchorNode = UiNodeOf<UiNodeAnchorAttributes>;
export type UiScriptNode = UiNodeOf<UiNodeScriptAttributes>;
export type UiDivisionNode = UiNodeOf<UiNodeDivisionAttributes>;

/**
 * One element of a server-driven form, discriminated on `attributes.node_type`.
 *
 * The union names the node types Kratos sends today. Response validation accepts nodes of other types too
 * (so a newer Kratos does not break the app); code that switches on `node_type` should keep a default branch.
 */
export type UiNode = UiInputNode | UiTextNode | UiImageNode | UiAnchorNode | UiScriptNode | UiDivisionNode;
