import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Component, computed, effect, inject, signal } from '@angular/core';
import { ActivatedRoute, ParamMap, Router } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable } from 'rxjs';
import { flowMessages, HasUi, KratosNavigator, UiScriptNode, UiText } from 'ngx-kratos';
import { KratosGroupForm, KratosMessages, KratosScripts } from 'ngx-kratos/ui';
import { KRATOS_URL } from '../app.config';

/** The parts of Kratos's login flow this page uses (the library covers the settings flow; login is the app's). */
interface LoginFlow extends HasUi {
  id: string;
  refresh?: boolean;
  requested_aal?: string;
  return_to?: string;
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const SUPPORTED_METHODS = ['password', 'passkey', 'webauthn', 'totp', 'lookup_secret'] as const;

/**
 * The demo's own login page for Kratos's login flow, rendered with the library's node renderer. It honours
 * `return_to` (followed only to allowed origins, through KratosNavigator), `refresh=true` and `aal=aal2`.
 */
@Component({
  selector: 'app-login',
  imports: [KratosGroupForm, KratosMessages],
  template: `
    <h1>{{ title() }}</h1>
    <kratos-messages [messages]="messages()" />
    @if (problem(); as text) {
      <p role="alert">{{ text }}</p>
    }
    @if (flow(); as f) {
      @for (group of groups(); track group) {
        <!-- A passkey needs no identifier field of its own beside the password's. -->
        <kratos-group-form
          [flow]="f"
          [group]="group"
          [defaults]="group === 'passkey' ? 'hidden' : 'all'"
          [pending]="pending()"
          (submitted)="submit($event)"
          (trigger)="runTrigger($event)"
        />
      }
    }
  `,
})
export class LoginPage {
  private readonly http = inject(HttpClient);
  private readonly kratos = inject(KRATOS_URL);
  private readonly router = inject(Router);
  private readonly navigator = inject(KratosNavigator);
  private query!: ParamMap;

  protected readonly flow = signal<LoginFlow | undefined>(undefined);
  protected readonly pending = signal(false);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly messages = computed<UiText[]>(() => {
    const flow = this.flow();
    return flow ? flowMessages(flow) : [];
  });
  // The methods this page offers: a password or a passkey first, then a second factor (a security key, a code).
  // (Kratos's login flow can also offer OIDC sign-in, which this demo leaves out.) Security keys and passkeys run
  // Kratos's script, whose `form.submit()` posts the form to Kratos natively.
  protected readonly groups = computed(() => {
    // A group with nothing to show but Kratos's script gets no form of its own.
    const offered = new Set(
      (this.flow()?.ui.nodes ?? []).filter((node) => node.type !== 'script').map((node) => node.group),
    );
    return SUPPORTED_METHODS.filter((group) => offered.has(group));
  });
  protected readonly title = computed(() =>
    this.flow()?.requested_aal === 'aal2' ? 'Second factor' : this.flow()?.refresh ? 'Confirm it is you' : 'Sign in',
  );

  constructor() {
    const scripts = inject(KratosScripts);
    effect(() => {
      for (const node of this.flow()?.ui.nodes ?? []) {
        if (node.attributes.node_type === 'script') scripts.load(node as UiScriptNode);
      }
    });
    // The router reuses this page when only the query changes (a password login followed by an AAL2 step-up).
    inject(ActivatedRoute)
      .queryParamMap.pipe(takeUntilDestroyed())
      .subscribe((query) => {
        this.query = query;
        this.flow.set(undefined);
        this.problem.set(undefined);
        this.start();
      });
  }

  private start(): void {
    const id = this.query.get('flow');
    if (id) {
      this.load(
        this.http.get<LoginFlow>(`${this.kratos}/self-service/login/flows`, {
          params: { id },
          withCredentials: true,
          headers: JSON_HEADERS,
        }),
      );
      return;
    }
    let params = new HttpParams();
    for (const key of ['return_to', 'refresh', 'aal']) {
      const value = this.query.get(key);
      if (value) params = params.set(key, value);
    }
    this.load(
      this.http.get<LoginFlow>(`${this.kratos}/self-service/login/browser`, {
        params,
        withCredentials: true,
        headers: JSON_HEADERS,
      }),
    );
  }

  /** A security-key or passkey button: Kratos's own function (the node's `onclickTrigger`, checked by the library). */
  protected runTrigger(name: string): void {
    const fn = (globalThis as unknown as Record<string, unknown>)[name];
    if (typeof fn === 'function') (fn as () => unknown)();
  }

  protected submit(body: object): void {
    const flow = this.flow();
    if (!flow) return;
    this.pending.set(true);
    this.http
      .post<{ continue_with?: { action: string; redirect_browser_to?: string }[] }>(
        `${this.kratos}/self-service/login`,
        body,
        {
          params: { flow: flow.id },
          withCredentials: true,
          headers: JSON_HEADERS,
        },
      )
      .subscribe({
        next: (answer) => {
          this.pending.set(false);
          const next = answer.continue_with?.find((item) => item.action === 'redirect_browser_to')?.redirect_browser_to;
          void (next ? this.navigator.follow(next) : this.router.navigateByUrl('/'));
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.onError(error);
        },
      });
  }

  private load(request: Observable<LoginFlow>): void {
    request.subscribe({
      next: (flow) => this.flow.set(flow),
      error: (error: unknown) => this.onError(error),
    });
  }

  private onError(error: unknown): void {
    const body =
      error instanceof HttpErrorResponse
        ? (error.error as {
            ui?: unknown;
            error?: { id?: string; message?: string };
            use_flow_id?: string;
            redirect_browser_to?: string;
          })
        : undefined;
    if (body?.ui) {
      this.flow.set(body as unknown as LoginFlow); // 400: the flow with its messages
    } else if (body?.error?.id === 'session_already_available' || body?.error?.id === 'session_aal_already_fulfilled') {
      const returnTo = this.query.get('return_to');
      void (returnTo ? this.navigator.follow(returnTo) : this.router.navigateByUrl('/'));
    } else if (body?.error?.id === 'browser_location_change_required' && body.redirect_browser_to) {
      // Kratos v1.3.1 answers a password login that needs a second factor (or a Hydra login) with a 422 that names
      // where the browser goes next: its AAL2 login, which comes back here with ?flow=.
      void this.navigator.follow(body.redirect_browser_to);
    } else if (body?.use_flow_id) {
      void this.router.navigate([], { queryParams: { flow: body.use_flow_id } });
    } else {
      this.problem.set(body?.error?.message ?? 'Kratos could not be reached.');
    }
  }
}
