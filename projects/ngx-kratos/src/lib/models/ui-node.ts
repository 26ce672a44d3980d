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

/** The `autocomplete` hints Kratos puts on inputs (open-ended: pass anything else through as it is). */
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

/** What Kratos says about a node besides its attributes. */
export interface UiNodeMeta {
  /** The node's label: an input's, a submit button's text, an image's caption. */
  label?: UiText;
}

/** The attributes of an `input` node: a field, a hidden value, a checkbox, or a submit button. */
export interface UiNodeInputAttributes {
  /** Always `input`. */
  node_type: 'input';
  /** The field's name in the submitted body (`password`, `traits.email`, `method`, `csrf_token`…). */
  name: string;
  /** The HTML input type. */
  type: UiNodeInputType;
  /** Any JSON value: traits may be numbers, booleans or objects. */
  value?: unknown;
  /** Whether the form must not be submitted without it. */
  required?: boolean;
  /** Whether the input is disabled (Kratos always sends the key). */
  disabled: boolean;
  /** The input's `autocomplete` hint. */
  autocomplete?: UiNodeInputAutocomplete;
  /** The input's label as the attributes carry it; `meta.label`, where Kratos puts most labels, comes first. */
  label?: UiText;
  /** A regular expression the value must match (HTML `pattern`). */
  pattern?: string;
  /** The longest value the input takes (HTML `maxlength`), as on one-time codes. */
  maxlength?: number;
  /** Newer Ory APIs': the values to offer in a select rather than a free-form input. Kratos v1.3.1 never sends it. */
  options?: { value: unknown }[];
  /**
   * Inline JavaScript for a click, which Kratos still sends beside `onclickTrigger`; never evaluate it.
   *
   * @deprecated Use `onclickTrigger`.
   */
  onclick?: string;
  /**
   * Inline JavaScript for when the node is shown, which Kratos still sends beside `onloadTrigger`; never evaluate it.
   *
   * @deprecated Use `onloadTrigger`.
   */
  onload?: string;
  /** The named script function (`window[onclickTrigger]`) to call when the button is clicked: WebAuthn, passkeys. */
  onclickTrigger?: UiNodeTrigger;
  /** The named script function to call once the node is shown (a passkey's autocomplete). */
  onloadTrigger?: UiNodeTrigger;
}

/** The attributes of a `text` node: text to show, such as a TOTP secret or lookup codes. */
export interface UiNodeTextAttributes {
  /** Always `text`. */
  node_type: 'text';
  /** The node's id (`totp_secret_key`, `lookup_secret_codes`…), for the element that shows it. */
  id: string;
  /** The text, with what it shows in its `context` (`secret`, `secrets`). */
  text: UiText;
}

/** The attributes of an `img` node, such as a TOTP QR code. */
export interface UiNodeImageAttributes {
  /** Always `img`. */
  node_type: 'img';
  /** The node's id (`totp_qr`). */
  id: string;
  /** The image's URL, often a `data:` URL. */
  src: string;
  /** The image's width in CSS pixels. */
  width: number;
  /** The image's height in CSS pixels. */
  height: number;
}

/** The attributes of an `a` node: a link. */
export interface UiNodeAnchorAttributes {
  /** Always `a`. */
  node_type: 'a';
  /** The node's id. */
  id: string;
  /** Where the link goes. */
  href: string;
  /** The link's text. */
  title: UiText;
}

/** The attributes of a `script` node: Kratos's WebAuthn and passkey script, which `KratosScripts` loads. */
export interface UiNodeScriptAttributes {
  /** Always `script`. */
  node_type: 'script';
  /** The node's id (`webauthn_script`). */
  id: string;
  /** The script's URL, on Kratos's public origin. */
  src: string;
  /** The `async` attribute of the script element. */
  async: boolean;
  /** The `referrerpolicy` attribute of the script element. */
  referrerpolicy: string;
  /** The `crossorigin` attribute of the script element. */
  crossorigin: string;
  /** The script's Subresource Integrity hash (the `integrity` attribute). */
  integrity: string;
  /** The `type` attribute of the script element. */
  type: string;
  /** The nonce Kratos expects a Content Security Policy to allow the script with. */
  nonce: string;
}

/** The attributes of a `div` node: a container for a widget (a captcha) that a script fills. */
export interface UiNodeDivisionAttributes {
  /** Always `div`. */
  node_type: 'div';
  /** The element's id. */
  id: string;
  /** The element's classes. */
  class?: string;
  /** The element's `data-*` attributes, by name without the prefix. */
  data?: Record<string, string>;
}

/** The attributes of any node, discriminated on `node_type`. */
export type UiNodeAttributes =
  | UiNodeInputAttributes
  | UiNodeTextAttributes
  | UiNodeImageAttributes
  | UiNodeAnchorAttributes
  | UiNodeScriptAttributes
  | UiNodeDivisionAttributes;

/** A node with attributes of type `A`: what every node type has in common. */
interface UiNodeOf<A extends UiNodeAttributes> {
  /** The node's type, the same as `attributes.node_type`. */
  type: A['node_type'];
  /** The group, that is the form, the node belongs to. */
  group: UiNodeGroup;
  /** The node's attributes: what to render. */
  attributes: A;
  /** Always present on the wire; `[]` when empty (docs/kratos-protocol.md §3.3). */
  messages: UiText[];
  /** Always present on the wire; `{}` when the node has no label. */
  meta: UiNodeMeta;
}

/** An `input` node: a field, a hidden value, a checkbox, or a submit button. */
export type UiInputNode = UiNodeOf<UiNodeInputAttributes>;
/** A `text` node. */
export type UiTextNode = UiNodeOf<UiNodeTextAttributes>;
/** An `img` node. */
export type UiImageNode = UiNodeOf<UiNodeImageAttributes>;
/** An `a` node. */
export type UiAnchorNode = UiNodeOf<UiNodeAnchorAttributes>;
/** A `script` node. */
export type UiScriptNode = UiNodeOf<UiNodeScriptAttributes>;
/** A `div` node. */
export type UiDivisionNode = UiNodeOf<UiNodeDivisionAttributes>;

/**
 * One element of a server-driven form, discriminated on `attributes.node_type`.
 *
 * The union names the node types Kratos sends today. Response validation accepts nodes of other types too
 * (so a newer Kratos does not break the app); code that switches on `node_type` should keep a default branch.
 */
export type UiNode = UiInputNode | UiTextNode | UiImageNode | UiAnchorNode | UiScriptNode | UiDivisionNode;
