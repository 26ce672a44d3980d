import { HasUi, isInputNode, UiNodeGroup, UpdateSettingsFlowBody } from 'ngx-kratos';

/**
 * The JSON body of one group's form, as Kratos's strategies expect it (protocol §5): typed from the nodes
 * (checkboxes and `true`/`false` buttons as booleans, number inputs as numbers), dotted names nested
 * (`traits.name.first` → `{ traits: { name: { first } } }`), and `method` set to the group when no button did.
 */
export function formBody(flow: HasUi, group: UiNodeGroup, data: FormData): UpdateSettingsFlowBody {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of data.entries()) {
    if (typeof raw !== 'string') continue;
    const node = flow.ui.nodes.find(
      (n) => isInputNode(n) && n.attributes.name === name && (n.group === group || n.group === 'default'),
    );
    const type = node && isInputNode(node) ? node.attributes.type : 'text';
    let value: unknown = raw;
    if (type === 'checkbox') value = raw === 'true' || raw === 'on';
    else if (type === 'number') value = raw === '' ? undefined : Number(raw);
    else if ((type === 'submit' || type === 'button') && (raw === 'true' || raw === 'false')) value = raw === 'true';
    if (value !== undefined) setPath(body, name.split('.'), value);
  }
  body['method'] ??= group;
  return body as unknown as UpdateSettingsFlowBody;
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
