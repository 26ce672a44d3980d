import { HttpClient } from '@angular/common/http';
import { Component, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { flowMessages, isKratosError, LoginFlowService, SettingsFlow, SettingsFlowService } from 'ngx-kratos';
import { switchMap } from 'rxjs';
import { DemoConfig } from '../demo-config';

export const DEMO_CONFIG = new InjectionToken<DemoConfig>('DEMO_CONFIG');

/** Where this page keeps the session token (memory only). */
@Injectable()
export class TokenStore {
  readonly token = signal<string | null>(null);
}

/**
 * Session-token mode in a browser, to show what it can and cannot do: reads work (the interceptor sends the token
 * to Kratos only), but Kratos refuses the submit of an api flow from a browser, because browsers send `Origin`.
 * Session-token mode is meant for SSR, native HTTP and scripts.
 */
@Component({
  selector: 'app-token',
  template: `
    <h1>Session-token mode</h1>
    <p>For runtimes without a browser's fetch. In a browser, Kratos accepts the reads but refuses the submit.</p>
    @if (!store.token()) {
      <form (submit)="useToken($event, token.value)">
        <label for="token-value">Session token</label>
        <input id="token-value" #token name="token" autocomplete="off" />
        <button type="submit">Use this token</button>
      </form>
      <p>
        A token comes from an api login made by a native client (Node, curl, a mobile app). From this browser Kratos
        refuses it, because the browser sends <code>Origin</code>:
      </p>
      <form (submit)="signIn($event, email.value, password.value)">
        <label for="token-email">E-Mail</label> <input id="token-email" #email name="email" autocomplete="username" />
        <label for="token-password">Password</label>
        <input id="token-password" #password name="password" type="password" autocomplete="current-password" />
        <button type="submit">Get a session token</button>
      </form>
    } @else {
      <p data-testid="token-state">You have a session token.</p>
      <button type="button" (click)="load()">Load settings (native flow)</button>
      <button type="button" (click)="callOther()">Call another service</button>
      <button type="button" (click)="submit()" [disabled]="!flow()">Save (submit the native flow)</button>
    }
    @if (flow(); as f) {
      <p data-testid="token-flow">{{ f.type }} flow for {{ f.identity.traits['email'] }}</p>
    }
    @if (other(); as text) {
      <p data-testid="token-other">{{ text }}</p>
    }
    @if (error(); as text) {
      <p role="alert" data-testid="token-error">{{ text }}</p>
    }
  `,
})
export class TokenPage {
  protected readonly store = inject(TokenStore);
  private readonly config = inject(DEMO_CONFIG);
  private readonly settings = inject(SettingsFlowService);
  private readonly login = inject(LoginFlowService);
  private readonly http = inject(HttpClient);
  protected readonly flow = signal<SettingsFlow | undefined>(undefined);
  protected readonly other = signal<string | undefined>(undefined);
  protected readonly error = signal<string | undefined>(undefined);

  protected useToken(event: Event, token: string): void {
    event.preventDefault();
    if (token.trim()) this.store.token.set(token.trim());
  }

  /**
   * The api login flow from a browser: Kratos refuses its submit, since a browser sends `Origin`, and the library
   * turns that answer into a typed `bad_request` with Kratos's reason.
   */
  protected signIn(event: Event, identifier: string, password: string): void {
    event.preventDefault();
    this.login
      .createNativeFlow()
      .pipe(switchMap((flow) => this.login.updateFlow(flow.id, { method: 'password', identifier, password })))
      .subscribe({
        next: (result) => {
          if (result.kind === 'success' && result.sessionToken) this.store.token.set(result.sessionToken);
          else if (result.kind !== 'success') {
            this.error.set(`Sign-in refused: ${flowMessages(result.flow)[0]?.text ?? result.kind}`);
          }
        },
        error: (error: unknown) =>
          this.error.set(
            isKratosError(error)
              ? `Sign-in refused: ${error.kind}: ${error.message}${error.reason ? ` (Kratos: ${error.reason})` : ''}`
              : `Sign-in refused: ${String(error)}`,
          ),
      });
  }

  protected load(): void {
    this.settings.createNativeFlow().subscribe({
      next: (flow) => this.flow.set(flow),
      error: (error: unknown) =>
        this.error.set(isKratosError(error) ? `${error.kind}: ${error.message}` : String(error)),
    });
  }

  protected callOther(): void {
    if (!this.config.recorderUrl) {
      this.other.set('No other service is configured.');
      return;
    }
    this.http.get(this.config.recorderUrl, { responseType: 'text' }).subscribe({
      next: () => this.other.set('The other service answered.'),
      error: () => this.other.set('The other service did not answer.'),
    });
  }

  protected submit(): void {
    const flow = this.flow();
    if (!flow) return;
    this.settings.updateFlow(flow.id, { method: 'profile', traits: flow.identity.traits }).subscribe({
      next: (result) => this.error.set(`Kratos answered ${result.kind}.`),
      error: (error: unknown) =>
        this.error.set(isKratosError(error) ? `${error.kind}: ${error.message}` : String(error)),
    });
  }
}
