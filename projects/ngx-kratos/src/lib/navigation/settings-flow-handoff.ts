import { inject, Injectable } from '@angular/core';
import { NavigationCancel, NavigationCancellationCode, NavigationEnd, NavigationError, Router } from '@angular/router';
import { SettingsFlow } from '../models/settings-flow';

/**
 * Hands a flow from the guard to the resolver, and from a navigation that created a flow to the one that shows
 * it, so a settings navigation costs one request to Kratos. One slot: only the newest flow is ever wanted.
 */
@Injectable({ providedIn: 'root' })
export class SettingsFlowHandoff {
  private slot: SettingsFlow | undefined;

  constructor() {
    // A flow is handed on within one navigation, or to the redirect that follows it; whatever is left when a
    // navigation really ends (not redirected) is stale and must not be served to a later visit of the same URL.
    inject(Router).events.subscribe((event) => {
      const redirected = event instanceof NavigationCancel && event.code === NavigationCancellationCode.Redirect;
      if (
        (event instanceof NavigationEnd || event instanceof NavigationCancel || event instanceof NavigationError) &&
        !redirected
      ) {
        this.slot = undefined;
      }
    });
  }

  put(flow: SettingsFlow): void {
    this.slot = flow;
  }

  has(id: string): boolean {
    return this.slot?.id === id;
  }

  /** The flow with this id, once. */
  take(id: string): SettingsFlow | undefined {
    const flow = this.slot?.id === id ? this.slot : undefined;
    if (flow) {
      this.slot = undefined;
    }
    return flow;
  }
}
