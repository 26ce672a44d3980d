import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { nodeMessages, UiNode } from 'ngx-kratos';
import { KratosMessages } from './kratos-messages.component';
import { pastedCode, toView } from './node-view';
import { KratosTexts } from './texts';

/**
 * One node of any flow's `ui` (settings, login…), rendered by node type. Labels and messages are text, never HTML;
 * every field has a label, and its messages are tied to it with `aria-describedby` and `aria-invalid`.
 */
@Component({
  selector: 'kratos-node',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The host adds no box: a hidden input takes no row in the form's grid, a field is a grid item itself.
  host: { style: 'display: contents' },
  imports: [KratosMessages],
  // Secrets (the TOTP key, recovery codes) at the text's size: a lone generic `monospace` shrinks them to 13px. Through
  // the theme's custom properties: this encapsulated rule outweighs theme.css's `.kratos-text code`, so fixed values
  // here would undo the theme's readable size and font.
  styles: `
    .kratos-text code {
      font-family: var(--kratos-code-font, monospace, monospace);
      font-size: var(--kratos-code-size, 1em);
    }
  `,
  template: `
    @let v = view();
    @switch (v.kind) {
      @case ('hidden') {
        <input type="hidden" [name]="v.name" [value]="v.value" />
      }
      @case ('button') {
        <button
          class="kratos-button"
          [class.kratos-button--danger]="v.danger"
          [class.kratos-button--secondary]="v.secondary"
          [class.kratos-button--provider]="v.provider !== null"
          [attr.data-kratos-provider]="v.provider"
          [type]="v.type"
          [name]="v.name"
          [value]="v.value"
          [attr.data-kratos-trigger]="v.trigger ?? null"
          (click)="v.trigger && trigger.emit(v.trigger)"
        >
          {{ texts.text(v.label) || v.value }}
        </button>
      }
      @case ('checkbox') {
        <div class="kratos-field kratos-field--checkbox">
          <input
            type="checkbox"
            [id]="inputId()"
            [name]="v.name"
            value="true"
            [checked]="v.checked"
            [required]="v.required"
            [attr.aria-describedby]="describedBy()"
          />
          <label [for]="inputId()">{{ texts.text(v.label) || v.name }}</label>
        </div>
      }
      @case ('field') {
        <div class="kratos-field">
          <label class="kratos-label" [for]="inputId()">{{ fieldLabel() || v.name }}</label>
          <input
            class="kratos-input"
            [class.kratos-input--code]="v.code"
            [id]="inputId()"
            [type]="v.type"
            [name]="v.name"
            [value]="v.value"
            [required]="v.required"
            [attr.autocomplete]="v.autocomplete"
            [attr.inputmode]="v.inputmode"
            [attr.pattern]="v.pattern"
            [attr.maxlength]="v.maxlength"
            [attr.spellcheck]="v.code ? 'false' : null"
            [attr.autocapitalize]="v.code ? 'none' : null"
            [attr.aria-invalid]="v.invalid ? 'true' : null"
            [attr.aria-describedby]="describedBy()"
            (paste)="v.oneTimeCode && pasteCode($event)"
          />
        </div>
      }
      @case ('text') {
        <div class="kratos-text" [attr.data-kratos-node-id]="v.id">
          @if (v.label) {
            <p class="kratos-text__label">{{ texts.text(v.label) }}</p>
          }
          @if (v.secrets) {
            <ul class="kratos-text__secrets">
              @for (secret of v.secrets; track $index) {
                <li>
                  <code>{{ texts.text(secret) }}</code>
                </li>
              }
            </ul>
          } @else {
            <p class="kratos-text__value">
              <code>{{ texts.text(v.text) }}</code>
            </p>
          }
        </div>
      }
      @case ('img') {
        <img class="kratos-image" [src]="v.src" [width]="v.width" [height]="v.height" [alt]="texts.text(v.label)" />
      }
      @case ('link') {
        <a class="kratos-link" [href]="v.href">{{ texts.text(v.title) }}</a>
      }
      @case ('div') {
        <div [id]="v.id" [class]="v.className ?? ''"></div>
      }
      @case ('unknown') {
        @if (v.label) {
          <p class="kratos-text">{{ texts.text(v.label) }}</p>
        }
      }
    }
    <kratos-messages [messages]="messages()" [listId]="messagesId()" />
  `,
})
export class KratosNode {
  /** The node to render. */
  readonly node = input.required<UiNode>();
  /** The id of the node's field; its messages get `<inputId>-messages`. */
  readonly inputId = input.required<string>();
  /** A WebAuthn/passkey trigger button was pressed (`oryWebAuthnRegistration`…). */
  readonly trigger = output<string>();

  protected readonly texts = inject(KratosTexts);
  protected readonly view = computed(() => toView(this.node()));
  /** A field's label; a new password that Kratos labels just "Password" (1070001) is called a new password. */
  protected readonly fieldLabel = computed(() => {
    const view = this.view();
    if (view.kind !== 'field') return '';
    const newPassword = view.type === 'password' && view.autocomplete === 'new-password' && view.label?.id === 1070001;
    return newPassword ? this.texts.label('newPassword') : this.texts.text(view.label);
  });
  protected readonly messages = computed(() => nodeMessages(this.node()));
  protected readonly messagesId = computed(() => `${this.inputId()}-messages`);
  protected readonly describedBy = computed(() => (this.messages().length ? this.messagesId() : null));

  /** A code pasted from a mail (`123 456`, `123-456`, with a line break) goes in as its digits, whatever was selected. */
  protected pasteCode(event: ClipboardEvent): void {
    const field = event.target;
    const text = event.clipboardData?.getData('text');
    if (!(field instanceof HTMLInputElement) || !text) return;
    const code = pastedCode(text);
    if (code === text) return; // nothing to clean: the browser pastes it as usual
    event.preventDefault();
    const max = field.maxLength > 0 ? field.maxLength : Infinity;
    field.value = code.slice(0, max);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
