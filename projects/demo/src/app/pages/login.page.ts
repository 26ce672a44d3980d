import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, ParamMap, Router } from '@angular/router';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable } from 'rxjs';
import { flowMessages, HasUi, KratosNavigator, UiText } from 'ngx-kratos';
import { KratosGroupForm, KratosMessages } from 'ngx-kratos/ui';
import { KRATOS_URL } from '../app.config';

/** The parts of Kratos's login flow this page uses (the library covers the settings flow; login is the app's). */
interface LoginFlow extends HasUi {
  id: string;
  refresh?: boolean;
  requested_aal?: string;
  return_to?: string;
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const SUPPORTED_METHODS = ['password', 'totp', 'lookup_secret'] as const;

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
        <kratos-group-form [flow]="f" [group]="group" [pending]="pending()" (submitted)="submit($event)" />
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
  // The methods this page offers: a password first, then a second factor. (Kratos's login flow also offers OIDC,
  // security keys and passkeys, whose forms would each repeat the identifier field of the `default` group.)
  protected readonly groups = computed(() => {
    const offered = new Set((this.flow()?.ui.nodes ?? []).map((node) => node.group));
    return SUPPORTED_METHODS.filter((group) => offered.has(group));
  });
  protected readonly title = computed(() =>
    this.flow()?.requested_aal === 'aal2' ? 'Second factor' : this.flow()?.refresh ? 'Confirm it is you' : 'Sign in',
  );

  constructor() {
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
