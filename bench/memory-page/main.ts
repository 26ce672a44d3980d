// The bench's memory page: ngx-kratos's SettingsFlowService in a real browser with no component and no router, so
// that the bench can drive it directly. `createApplication` gives an application's root environment injector without
// bootstrapping a component (a bare createEnvironmentInjector is not a 'root' scope, so providedIn-root services
// such as PendingTasks, which HttpClient needs, are missing there). `window.bench` exposes what the bench calls.
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { provideKratos, SettingsFlowService } from 'ngx-kratos';
import { Subscription } from 'rxjs';

// Kratos behind the demo origin's `/.ory` proxy, like the demo itself.
const app = await createApplication({
  providers: [provideZonelessChangeDetection(), provideHttpClient(withFetch()), provideKratos({ baseUrl: '/.ory' })],
});
const settings = app.injector.get(SettingsFlowService);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** What reached the subscribers: answers before the cancel (none expected with latency) and errors. */
const seen = { answered: 0, errors: 0, lastError: '' };

declare global {
  interface Window {
    bench: {
      ready: true;
      seen: typeof seen;
      flowId(): Promise<string>;
      cycles(n: number, cancelAfterMs?: number): Promise<typeof seen>;
    };
  }
}

window.bench = {
  ready: true,
  seen,
  /** One complete createBrowserFlow: proves the session cookie works on this origin (a 200, not a 401). */
  flowId: () =>
    new Promise((resolve, reject) =>
      settings.createBrowserFlow().subscribe({ next: (f) => resolve(f.id), error: reject }),
    ),
  /** `n` times: subscribe to createBrowserFlow(), wait `cancelAfterMs`, unsubscribe (which aborts the request). */
  async cycles(n, cancelAfterMs = 20) {
    for (let i = 0; i < n; i++) {
      const subscription: Subscription = settings.createBrowserFlow().subscribe({
        next: () => seen.answered++,
        error: (error: unknown) => {
          seen.errors++;
          seen.lastError = String(error);
        },
      });
      await sleep(cancelAfterMs);
      subscription.unsubscribe();
    }
    return { ...seen };
  },
};
