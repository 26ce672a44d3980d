import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FlowBody, HasUi, KratosOrigins, nodesOfGroup, UiNode } from 'ngx-kratos';
import { formBody } from './form-body';
import { KratosNode } from './kratos-node.component';
import { KratosNodeTemplate, templateFor } from './node-template.directive';

let nextFormId = 0;

/**
 * One group of a flow as one form, as Kratos expects: the group's nodes plus the `default` group (the CSRF token).
 * Emits the typed body of the button that submitted it; a pending submit disables the whole form.
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
  `,
  template: `
    <form
      class="kratos-form"
      [attr.data-kratos-group]="group()"
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
          } @else {
            <kratos-node [node]="node" [inputId]="id" (trigger)="trigger.emit($event)" />
          }
        }
      </fieldset>
    </form>
  `,
})
export class KratosGroupForm {
  /** Any flow with a `ui` container: settings, login, or any other self-service flow. */
  readonly flow = input.required<HasUi>();
  readonly group = input.required<string>();
  readonly pending = input(false);
  readonly templates = input<readonly KratosNodeTemplate[]>([]);
  /** The submitted group's body; each flow's service narrows it to that flow's body type. */
  readonly submitted = output<FlowBody>();
  readonly trigger = output<string>();

  private readonly formId = `kratos-${nextFormId++}`;
  // A key per node object: the same tracking as `track node`, whose full re-creation on each answer Angular's dev
  // mode would report as a mistake (NG0956), when here it is the point.
  private readonly keys = new WeakMap<UiNode, number>();
  private nextKey = 0;
  /**
   * Which nodes of the `default` group the form shows: `all` (the CSRF token and, in a login flow, the identifier),
   * or `hidden` ones only, for a method that needs no identifier field of its own (a passkey's form beside the
   * password's).
   */
  readonly defaults = input<'all' | 'hidden'>('all');

  private readonly origins = inject(KratosOrigins);
  protected readonly nodes = computed(() =>
    nodesOfGroup(this.flow(), 'default', this.group()).filter(
      (node) =>
        this.defaults() === 'all' ||
        node.group !== 'default' ||
        (node.attributes.node_type === 'input' && node.attributes.type === 'hidden'),
    ),
  );
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
    return `${this.formId}-${this.group()}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-${index}`;
  }

  protected overrideFor(node: UiNode) {
    return templateFor(node, this.templates()) ?? null;
  }

  protected onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
    this.submitted.emit(formBody(this.flow(), this.group(), new FormData(form, submitter)));
  }
}
