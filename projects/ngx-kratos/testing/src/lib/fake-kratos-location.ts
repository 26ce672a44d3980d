import { Injectable } from '@angular/core';
import { KratosLocation } from 'ngx-kratos';

/**
 * A `KratosLocation` that stays: every full-page navigation the library would make (Kratos's login, an OIDC
 * provider, a `redirect_browser_to`) is recorded in `assigned`, in order, and the page is left alone.
 */
@Injectable()
export class FakeKratosLocation extends KratosLocation {
  /** The URLs the library navigated to, oldest first. */
  readonly assigned: string[] = [];

  /** The last URL navigated to, or `undefined` before any navigation. */
  get last(): string | undefined {
    return this.assigned.at(-1);
  }

  /** Records `url` in `assigned` instead of leaving the page. */
  override assign(url: string): void {
    this.assigned.push(url);
  }
}
