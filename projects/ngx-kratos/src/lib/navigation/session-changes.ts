import { Injectable } from '@angular/core';

/**
 * Word that the session may have changed (a sign-in completed through `KratosNavigator`), for whoever keeps a copy of
 * it (the session signals). A plain listener list, so that the navigator names nothing of those who listen.
 */
@Injectable({ providedIn: 'root' })
export class SessionChanges {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` at every change, until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
