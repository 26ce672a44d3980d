import { FlowBody, HasUi, isInputNode, UiNodeGroup } from 'ngx-kratos';

/**
 * The JSON body of one group's form, as Kratos's strategies expect it (docs/kratos-protocol.md §5): only the fields of
 * `group` and of the `default` group (a form that holds several methods, such as a login's password and code, sends
 * the submitting method's fields only: never a typed password with a code request), typed from the nodes
 * (checkboxes and `true`/`false` buttons as booleans, number inputs as numbers), dotted names nested
 * (`traits.name.first` → `{ traits: { name: { first } } }`), and `method` set to the group when no button did.
 *
 * Flow-neutral: `B` is the flow's own body type where the call site names one (`updateFlow(id, formBody(…))`
 * infers `UpdateSettingsFlowBody`); the nodes of that flow are what make the body one of its methods'.
 */
export function formBody<B extends { method: string } = FlowBody>(flow: HasUi, group: UiNodeGroup, data: FormData): B {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of data.entries()) {
    if (typeof raw !== 'string') continue;
    const node = flow.ui.nodes.find(
      (n) => isInputNode(n) && n.attributes.name === name && (n.group === group || n.group === 'default'),
    );
    if (!node || !isInputNode(node)) continue; // a field of another group (or of none)
    const type = node.attributes.type;
    let value: unknown = raw;
    if (type === 'checkbox') value = raw === 'true' || raw === 'on';
    else if (type === 'number') value = raw === '' ? undefined : Number(raw);
    else if ((type === 'submit' || type === 'button') && (raw === 'true' || raw === 'false')) value = raw === 'true';
    if (value !== undefined) setPath(body, name.split('.'), value);
  }
  body['method'] ??= group;
  return body as unknown as B;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === '__proto__' || head === 'constructor' || head === 'prototype') return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, value);
}
