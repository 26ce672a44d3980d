import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FlowBody, HasUi, isInputNode, KratosOrigins, UiNode } from 'ngx-kratos';
import { formBody } from './form-body';
import { KratosNode } from './kratos-node.component';
import { KratosNodeTemplate, templateFor } from './node-template.directive';

let nextFormId = 0;

/** The attribute that names the group of each rendered node, so that a submit can leave out other groups' fields. */
const NODE_GROUP = 'data-kratos-node-group';

/**
 * A flow's form, as Kratos expects it: the nodes of one group (`group`), or of several methods that share one form
 * (`groups`: a login's identifier is one field for its password, its code and its security key), plus the `default`
 * group (the CSRF token, a login's identifier, a registration's traits). Nodes appear `default` first, then group by
 * group in the order given, each group in Kratos's order. Emits the typed body of the button that submitted it, with
 * the fields of that button's group and of `default` only; a pending submit disables the whole form.
 *
 * The form also carries Kratos's `action` and `method`, so that a native submission reaches Kratos as a browser
 * form post: Kratos's WebAuthn and passkey script ends with `form.submit()`, which fires no submit event, and a form
 * must work before the app's script runs. Only an action on Kratos's own origin and base path is set.
 */
@Component({
  selector: 'kratos-group-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [KratosNode, NgTemplateOutlet],
  styles: `
    .kratos-form__fields {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
      display: grid;
      gap: var(--kratos-field-gap, 0.75rem);
    }
    .kratos-form__override {
      display: contents;
    }
  `,
  template: `
    <form
      class="kratos-form"
      [attr.data-kratos-group]="groupList().join(' ')"
      [attr.action]="action()"
      [attr.method]="action() ? method() : null"
      (submit)="onSubmit($event)"
      novalidate
    >
      <fieldset class="kratos-form__fields" [disabled]="pending()">
        <!-- Tracked by node object: a new answer from Kratos re-creates the fields, so nothing typed (a password) lingers. -->
        @for (node of nodes(); track keyOf(node)) {
          @let id = idOf(node, $index);
          @let override = overrideFor(node);
          @if (override) {
            <div class="kratos-form__override" [attr.data-kratos-node-group]="node.group">
              <ng-container
                *ngTemplateOutlet="
                  override;
                  context: {
                    $implicit: node,
                    node: node,
                    inputId: id,
                    describedBy: node.messages.length ? id + '-messages' : null,
                  }
                "
              />
            </div>
          } @else {
            <kratos-node
              [attr.data-kratos-node-group]="node.group"
              [node]="node"
              [inputId]="id"
              (trigger)="trigger.emit($event)"
            />
          }
        }
      </fieldset>
    </form>
  `,
})
export class KratosGroupForm {
  /** Any flow with a `ui` container: settings, login, or any other self-service flow. */
  readonly flow = input.required<HasUi>();
  /** The one group this form submits (`password`); or use `groups`. */
  readonly group = input<string>();
  /**
   * The groups that share this form, in the order they appear (`['password', 'code']`): each button submits its own
   * group's fields with the `default` group's. Takes precedence over `group`.
   */
  readonly groups = input<readonly string[]>();
  /** Whether a submit of this form is under way: its fields and buttons are disabled meanwhile. */
  readonly pending = input(false);
  /** Override templates for its nodes (`<ng-template kratosNode>`), as the flow components pass theirs on. */
  readonly templates = input<readonly KratosNodeTemplate[]>([]);
  /**
   * Which nodes of the `default` group the form shows: `all` (the CSRF token and, in a login flow, the identifier),
   * or `hidden` ones only, for a method that needs no identifier field of its own (a passkey's form beside the
   * password's).
   */
  readonly defaults = input<'all' | 'hidden'>('all');
  /** The submitted group's body; each flow's service narrows it to that flow's body type. */
  readonly submitted = output<FlowBody>();
  /** A WebAuthn/passkey trigger button was pressed: the trigger's name (`oryWebAuthnRegistration`…). */
  readonly trigger = output<string>();

  private readonly formId = `kratos-${nextFormId++}`;
  // A key per node object: the same tracking as `track node`, whose full re-creation on each answer Angular's dev
  // mode would report as a mistake (NG0956), when here it is the point.
  private readonly keys = new WeakMap<UiNode, number>();
  private nextKey = 0;

  private readonly origins = inject(KratosOrigins);
  /** The groups this form submits, without `default`. */
  protected readonly groupList = computed<readonly string[]>(() => {
    const group = this.group();
    return (this.groups() ?? (group === undefined ? [] : [group])).filter((g) => g !== 'default');
  });
  protected readonly nodes = computed(() => {
    const order = ['default', ...this.groupList()];
    const hiddenOnly = this.defaults() === 'hidden';
    return this.flow()
      .ui.nodes.filter((node) => order.includes(node.group))
      .filter(
        (node) =>
          !hiddenOnly ||
          node.group !== 'default' ||
          (node.attributes.node_type === 'input' && node.attributes.type === 'hidden'),
      )
      .map((node, index) => ({ node, rank: order.indexOf(node.group), index }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ node }) => node);
  });
  protected readonly action = computed(() => {
    const action = this.flow().ui.action;
    return this.origins.isKratosUrl(action) ? action : null;
  });
  protected readonly method = computed(() => (this.flow().ui.method || 'POST').toLowerCase());

  protected keyOf(node: UiNode): number {
    let key = this.keys.get(node);
    if (key === undefined) this.keys.set(node, (key = this.nextKey++));
    return key;
  }

  protected idOf(node: UiNode, index: number): string {
    const name = node.attributes.node_type === 'input' ? node.attributes.name : node.attributes.node_type;
    return `${this.formId}-${node.group.replace(/[^A-Za-z0-9_-]/g, '-')}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${index}`;
  }

  protected overrideFor(node: UiNode) {
    return templateFor(node, this.templates()) ?? null;
  }

  protected onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
    const group = this.groupOf(submitter);
    this.submitted.emit(formBody(this.flow(), group, this.formData(form, submitter, group)));
  }

  /** The group of the button that submitted the form; without one (Enter, `requestSubmit()`), the first group. */
  private groupOf(submitter: HTMLElement | null): string {
    const groups = this.groupList();
    const marked = submitter?.closest(`[${NODE_GROUP}]`)?.getAttribute(NODE_GROUP);
    if (marked && groups.includes(marked)) return marked;
    if (submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) {
      const { name, value } = submitter;
      const node = this.nodes().find(
        (n) => isInputNode(n) && n.attributes.name === name && String(n.attributes.value ?? '') === value,
      );
      if (node && groups.includes(node.group)) return node.group;
    }
    return groups[0] ?? 'default';
  }

  /**
   * The form's data without the fields of its other groups: two methods may name a field alike (a hidden `method`),
   * which `formBody` could not tell apart by name. Those fields are disabled for the moment `FormData` reads the form.
   */
  private formData(form: HTMLFormElement, submitter: HTMLElement | null, group: string): FormData {
    if (this.groupList().length < 2) return new FormData(form, submitter);
    const others = [...form.elements].filter((element): element is HTMLInputElement => {
      const owner = element.closest(`[${NODE_GROUP}]`)?.getAttribute(NODE_GROUP);
      return 'disabled' in element && !!owner && owner !== group && owner !== 'default' && !element.disabled;
    });
    others.forEach((element) => (element.disabled = true));
    try {
      return new FormData(form, submitter);
    } finally {
      others.forEach((element) => (element.disabled = false));
    }
  }
}
