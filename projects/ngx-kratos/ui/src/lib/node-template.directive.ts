import { Directive, inject, input, TemplateRef } from '@angular/core';
import { UiNode } from 'ngx-kratos';

/** What an override template receives: the node, its input id, and the ids of its messages. */
export interface KratosNodeContext {
  /** The node (`let-node`). */
  $implicit: UiNode;
  /** The node, by name (`let-node="node"`). */
  node: UiNode;
  /** The id to give the input, which the label and the messages point to. */
  inputId: string;
  /** The id of the node's messages, for `aria-describedby`; `null` when it has none. */
  describedBy: string | null;
}

/**
 * Replaces how nodes are rendered, by node type (`input`, `text`, `img`, `a`, `div`), by group (`group:password`),
 * or by input name (`name:password`):
 *
 * ```html
 * <kratos-settings [flow]="flow">
 *   <ng-template kratosNode="name:password" let-node let-id="inputId">
 *     <app-password-field [id]="id" [name]="node.attributes.name" />
 *   </ng-template>
 * </kratos-settings>
 * ```
 * The most specific match wins: name, then group, then node type.
 */
@Directive({ selector: 'ng-template[kratosNode]' })
export class KratosNodeTemplate {
  /** What the template replaces: a node type (`input`), `group:<group>` or `name:<input name>`. */
  readonly kratosNode = input.required<string>();
  /** The template itself. */
  readonly template = inject<TemplateRef<KratosNodeContext>>(TemplateRef);

  /** Types the template's context as `KratosNodeContext` for Angular's template type-checking. */
  // Angular's template type-checking hook: its parameters exist for their types only.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  static ngTemplateContextGuard(_directive: KratosNodeTemplate, context: unknown): context is KratosNodeContext {
    return true;
  }
}

/** The override for `node` among `templates`, if any. */
export function templateFor(
  node: UiNode,
  templates: readonly KratosNodeTemplate[],
): KratosNodeTemplate['template'] | undefined {
  const name = node.attributes.node_type === 'input' ? node.attributes.name : undefined;
  const keys = [name === undefined ? undefined : `name:${name}`, `group:${node.group}`, node.attributes.node_type];
  for (const key of keys) {
    const found = templates.find((candidate) => candidate.kratosNode() === key);
    if (found) return found.template;
  }
  return undefined;
}
