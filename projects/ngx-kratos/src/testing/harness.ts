/* Test-only helpers: a TestBed with HttpClient's testing backend and ngx-kratos, and a subscriber that records. */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Observable, Subscription } from 'rxjs';
import { KratosConfig } from '../lib/config/kratos-config';
import { KratosFeature, provideKratos } from '../lib/provide/provide-kratos';
import { KratosError } from '../lib/errors/kratos-error';
import { SettingsFlowService } from '../lib/settings/settings-flow.service';
import { KRATOS } from './kratos-fixtures';

export interface Harness {
  service: SettingsFlowService;
  http: HttpTestingController;
}

export function setUpKratos(
  options: { platform?: 'browser' | 'server'; config?: KratosConfig; features?: KratosFeature[] } = {},
): Harness {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideKratos(options.config ?? { baseUrl: KRATOS }, ...(options.features ?? [])),
      { provide: PLATFORM_ID, useValue: options.platform ?? 'browser' },
    ],
  });
  return { service: TestBed.inject(SettingsFlowService), http: TestBed.inject(HttpTestingController) };
}

export interface Recording<T> {
  values: T[];
  error?: unknown;
  completed: boolean;
  subscription: Subscription;
  /** The error, asserted to be a `KratosError`. */
  kratosError(): KratosError;
}

export function record<T>(source: Observable<T>): Recording<T> {
  const recording = { values: [] as T[], completed: false } as Partial<Recording<T>> as Recording<T>;
  recording.subscription = source.subscribe({
    next: (value) => recording.values.push(value),
    error: (error: unknown) => (recording.error = error),
    complete: () => (recording.completed = true),
  });
  recording.kratosError = () => {
    expect(recording.error).toBeInstanceOf(KratosError);
    return recording.error as KratosError;
  };
  return recording;
}

/**
 * The headers of Kratos's answer to flush `body` with: `Content-Type`, and the `Ory-Error-Id` that the herodot of
 * later Kratos versions adds to id'd errors (v1.3.1's has none, docs/kratos-protocol.md §1.3; the library reads the
 * id from the body either way, and keeps the header on `error.response`).
 */
export function kratosHeaders(body: unknown): Record<string, string> {
  const id = (body as { error?: { id?: string } } | null)?.error?.id;
  return id ? { 'Content-Type': 'application/json', 'Ory-Error-Id': id } : { 'Content-Type': 'application/json' };
}
