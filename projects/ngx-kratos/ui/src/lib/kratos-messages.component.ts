import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { UiText } from 'ngx-kratos';
import { KratosTexts } from './texts';

/** Kratos's messages by type; errors are announced at once (`role="alert"`), the rest politely. */
@Component({
  selector: 'kratos-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @if (messages().length) {
      <div class="kratos-messages" [attr.id]="listId()">
        @for (message of messages(); track $index) {
          <p
            [class]="'kratos-message kratos-message--' + message.type"
            [attr.role]="message.type === 'error' ? 'alert' : 'status'"
            [attr.data-kratos-message-id]="message.id"
            tabindex="-1"
          >
            {{ texts.text(message) }}
          </p>
        }
      </div>
    }
  `,
})
export class KratosMessages {
  /** The messages to show; nothing is rendered without any. */
  readonly messages = input<readonly UiText[]>([]);
  /** The id of the list, for an `aria-describedby` that points to it. */
  readonly listId = input<string | null>(null);
  protected readonly texts = inject(KratosTexts);
}
