import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { FlowBody, HasUi, UiText } from 'ngx-kratos';
import { KratosGroupForm } from './kratos-group-form.component';
import { KratosMessages } from './kratos-messages.component';
import { KratosNodeTemplate } from './node-template.directive';

/** One section of a flow page: one form, for one group or for the methods that share it. */
export interface FlowSection {
  /** Unique on the page: the group's name, or a name for the form shared by several groups. */
  key: string;
  /** The groups the form submits, `default` aside (see `<kratos-group-form>`'s `groups`). */
  groups: readonly string[];
  /** Whether the form shows the `default` group's visible fields (the identifier, the traits) or its hidden ones. */
  defaults: 'all' | 'hidden';
  /** The section's heading; without one it is labelled by the page's heading (`labelledBy`). */
  title?: string;
}

/**
 * A section of a flow component: its heading, the feedback of the last submit made from it (Kratos's flow-level
 * messages, next to the form the user just used rather than at the top of the page), and its form. Headings take
 * focus (`tabindex="-1"`) so that focus never falls to the page body when the fields are re-created.
 */
@Component({
  selector: 'kratos-flow-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  imports: [KratosGroupForm, KratosMessages],
  template: `
    @let s = section();
    <section
      class="kratos-group"
      [attr.data-kratos-section]="s.key"
      [attr.data-kratos-group]="s.groups.join(' ')"
      [attr.aria-labelledby]="s.title ? headingId() : labelledBy()"
    >
      @if (s.title) {
        <h2 class="kratos-group__title" [id]="headingId()" tabindex="-1">{{ s.title }}</h2>
      }
      <kratos-messages [messages]="messages()" [listId]="feedbackId()" />
      <kratos-group-form
        [flow]="flow()"
        [groups]="s.groups"
        [defaults]="s.defaults"
        [pending]="pending()"
        [templates]="templates()"
        (submitted)="submitted.emit($event)"
        (trigger)="trigger.emit($event)"
      />
    </section>
  `,
})
export class KratosFlowSection {
  readonly flow = input.required<HasUi>();
  readonly section = input.required<FlowSection>();
  /** The id of the section's own heading. */
  readonly headingId = input.required<string>();
  /** The id of the heading that labels a section without a title of its own (the page's). */
  readonly labelledBy = input<string | null>(null);
  /** The flow-level messages of the answer to this section's submit. */
  readonly messages = input<readonly UiText[]>([]);
  readonly pending = input(false);
  readonly templates = input<readonly KratosNodeTemplate[]>([]);
  readonly submitted = output<FlowBody>();
  readonly trigger = output<string>();

  protected readonly feedbackId = computed(() => `${this.headingId()}-feedback`);
}
