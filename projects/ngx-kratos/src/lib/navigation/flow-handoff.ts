import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationCancel, NavigationCancellationCode, NavigationEnd, NavigationError, Router } from '@angular/router';
import { FlowShape } from '../wire/read-body';

/**
 * Hands a flow from the guard to the resolver, and from a navigation that created a flow to the one that shows
 * it, so a flow page's navigation costs one request to Kratos. One slot per flow kind: only the newest flow of a
 * kind is ever wanted.
 */
@Injectable({ providedIn: 'root' })
export class FlowHandoff {
  private readonly slots = new Map<string, FlowShape>();

  constructor() {
    // A flow is handed on within one navigation, or to the redirect that follows it; whatever is left when a
    // navigation really ends (not redirected) is stale and must not be served to a later visit of the same URL.
    inject(Router)
      .events.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        const redirected = event instanceof NavigationCancel && event.code === NavigationCancellationCode.Redirect;
        if (
          (event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError) &&
          !redirected
        ) {
          this.slots.clear();
        }
      });
  }

  put(kind: string, flow: FlowShape): void {
    this.slots.set(kind, flow);
  }

  /** The newest flow of this kind, whatever its id, once (a server render's guard hands its new flow on so). */
  takeNewest<F extends FlowShape>(kind: string): F | undefined {
    const flow = this.slots.get(kind);
    this.slots.delete(kind);
    return flow as F | undefined;
  }

  /** The flow of this kind with this id, once. */
  take<F extends FlowShape>(kind: string, id: string): F | undefined {
    const flow = this.slots.get(kind);
    if (flow?.id !== id) {
      return undefined;
    }
    this.slots.delete(kind);
    return flow as F;
  }
}
