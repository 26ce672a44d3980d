import { Injectable } from '@angular/core';
import { SettingsFlow } from '../models/settings-flow';

/**
 * Hands a flow from the guard to the resolver, and from a navigation that created a flow to the one that shows
 * it, so a settings navigation costs one request to Kratos. One slot: only the newest flow is ever wanted.
 */
@Injectable({ providedIn: 'root' })
export class SettingsFlowHandoff {
  private slot: SettingsFlow | undefined;

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
