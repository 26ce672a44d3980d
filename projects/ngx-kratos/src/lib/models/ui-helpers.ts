import { UiContainer } from './ui-container';
import { UiInputNode, UiNode, UiNodeGroup } from './ui-node';
import { UiText } from './ui-text';

/** Anything that carries a `ui` container: every self-service flow. */
export interface HasUi {
  /** The flow's form: its action, its nodes and its messages. */
  ui: UiContainer;
}

/** Narrows a node (not just its attributes) to an input node. */
export function isInputNode(node: UiNode): node is UiInputNode {
  return node.attributes.node_type === 'input';
}

/**
 * The anti-CSRF token a browser flow's submit must echo in `csrf_token` (docs/kratos-protocol.md §1.2).
 * The CSRF cookie is HttpOnly, so this node is the only place JavaScript can read the token from.
 */
export function getCsrfToken(flow: HasUi): string | undefined {
  const value = findInputNode(flow, 'csrf_token')?.attributes.value;
  return typeof value === 'string' ? value : undefined;
}

/** The nodes of the given groups, in Kratos's order (which is the order to render them in). */
export function nodesOfGroup(flow: HasUi, ...groups: UiNodeGroup[]): UiNode[] {
  return flow.ui.nodes.filter((node) => groups.includes(node.group));
}

/** The input node called `name` (e.g. `traits.email`, `password`), optionally within one group. */
export function findInputNode(flow: HasUi, name: string, group?: UiNodeGroup): UiInputNode | undefined {
  return flow.ui.nodes.find(
    (node): node is UiInputNode =>
      isInputNode(node) && node.attributes.name === name && (group === undefined || node.group === group),
  );
}

/**
 * The node whose name (inputs) or id (text, img, a, script, div) is `nameOrId`:
 * `findNode(flow, 'totp_secret_key')` finds the text node with the TOTP secret.
 */
export function findNode(flow: HasUi, nameOrId: string, group?: UiNodeGroup): UiNode | undefined {
  return flow.ui.nodes.find(
    (node) =>
      (group === undefined || node.group === group) &&
      (isInputNode(node) ? node.attributes.name : node.attributes.id) === nameOrId,
  );
}

/** Flow-wide messages (`ui.messages`, which Kratos omits when empty). */
export function flowMessages(flow: HasUi): UiText[] {
  // Defensive: validation lets an absent list through, and a node list from an old Kratos may hold `null`.
  return Array.isArray(flow.ui.messages) ? flow.ui.messages : [];
}

/** A node's own messages, e.g. the validation error of one field. */
export function nodeMessages(node: UiNode): UiText[] {
  return Array.isArray(node.messages) ? node.messages : [];
}

/** Every message of a flow, flow-wide first, optionally only of one type (`'error'` to tell if anything failed). */
export function allMessages(flow: HasUi, type?: UiText['type']): UiText[] {
  const all = [...flowMessages(flow), ...flow.ui.nodes.flatMap(nodeMessages)];
  return type === undefined ? all : all.filter((message) => message.type === type);
}
