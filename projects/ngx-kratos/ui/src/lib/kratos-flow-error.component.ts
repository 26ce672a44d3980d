import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { KRATOS_FLOW_PAGES, KratosErrorView } from 'ngx-kratos';
import { KratosTexts } from './texts';

/** One line of the error's details: a label and its value. */
interface Detail {
  /** Which detail it is (`id`, `status`, `reference`), for tracking and tests. */
  key: string;
  /** Its label, in the app's words. */
  label: string;
  /** Its value. */
  value: string;
}

/**
 * An error page's content (docs/kratos-protocol.md §13), for the route data `error` of `errorFlowRoute`: Kratos's
 * stored error (`?id=`), the summary the navigator passed, an id Kratos has no error for, or nothing at all. A
 * heading, Kratos's message and reason, the error's kind or id, status and reference (the `?id=`), and a link home and
 * a button back. Everything from the server is text, never HTML; the component's own words are `KratosLabels`.
 */
@Component({
  selector: 'kratos-flow-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  styles: `
    .kratos-flow-error {
      display: grid;
      gap: var(--kratos-gap, 1.5rem);
    }
    .kratos-flow-error__details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    .kratos-flow-error__details dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <div class="kratos-flow kratos-flow-error" [attr.data-kratos-error-source]="view().source">
      <ng-content select="[kratosLogo]" />
      <h1 class="kratos-flow__title" tabindex="-1">{{ title() }}</h1>
      @if (message(); as message) {
        <p class="kratos-flow-error__message" role="alert">{{ message }}</p>
      }
      @if (reason(); as reason) {
        <p class="kratos-flow-error__reason">{{ reason }}</p>
      }
      @if (details().length) {
        <dl class="kratos-flow-error__details">
          @for (detail of details(); track detail.key) {
            <div style="display: contents" [attr.data-kratos-detail]="detail.key">
              <dt>{{ detail.label }}</dt>
              <dd>
                <code>{{ detail.value }}</code>
              </dd>
            </div>
          }
        </dl>
      }
      <ul class="kratos-links">
        <li>
          <a class="kratos-link" data-kratos-link="home" [routerLink]="home">{{ texts.label('errorHome') }}</a>
        </li>
        <li>
          <button class="kratos-button kratos-button--secondary" type="button" (click)="back()">
            {{ texts.label('errorBack') }}
          </button>
        </li>
      </ul>
    </div>
  `,
})
export class KratosFlowError {
  /** What to show: the route's resolved `error` (`errorFlowRoute`). Without one, the page says there is nothing. */
  readonly error = input<KratosErrorView | null | undefined>();

  protected readonly texts = inject(KratosTexts);
  private readonly location = inject(Location);
  protected readonly home = inject(Router).parseUrl(inject(KRATOS_FLOW_PAGES).home ?? '/');

  protected readonly view = computed<KratosErrorView>(() => this.error() ?? { source: 'none' });
  protected readonly title = computed(() => {
    const view = this.view();
    if (view.source === 'none') return this.texts.label('errorNone');
    return this.texts.label(view.source === 'unavailable' ? 'errorUnavailable' : 'errorTitle');
  });
  protected readonly message = computed(() => {
    const view = this.view();
    return view.source === 'none' ? this.texts.label('errorNoneText') : text(view.error.message);
  });
  protected readonly reason = computed(() => {
    const view = this.view();
    const reason = view.source === 'none' ? undefined : text(view.error.reason);
    return reason !== this.message() ? reason : undefined;
  });
  protected readonly details = computed<Detail[]>(() => {
    const view = this.view();
    if (view.source === 'none') return [];
    const error = view.error;
    const name = text(error.id) ?? ('kind' in error ? text(error.kind) : undefined);
    const status = 'code' in error ? error.code : 'status' in error ? error.status : undefined;
    const details: Detail[] = [];
    if (name) details.push({ key: 'id', label: this.texts.label('errorId'), value: name });
    if (typeof status === 'number' && status > 0) {
      details.push({ key: 'status', label: this.texts.label('errorStatus'), value: String(status) });
    }
    if (view.source !== 'app') {
      details.push({ key: 'reference', label: this.texts.label('errorReference'), value: view.id });
    }
    return details;
  });

  protected back(): void {
    this.location.back();
  }
}

/** A server value as text to show, or `undefined` when it is not a non-empty string. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
