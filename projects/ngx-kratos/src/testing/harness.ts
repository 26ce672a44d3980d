/*
 * Test-only helpers: a TestBed on ngx-kratos/testing's provideKratosTesting() (HttpClient's testing backend, ngx-kratos
 * on its base URL, a FakeKratosLocation, KratosTestingController) on the browser or the server platform, and a
 * subscriber that records.
 */
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { kratosErrorBody, KratosTestingController, provideKratosTesting } from 'ngx-kratos/testing';
import { Observable, Subscription } from 'rxjs';
import { KratosConfig } from '../lib/config/kratos-config';
import { KratosFeature } from '../lib/provide/provide-kratos';
import { KratosError } from '../lib/errors/kratos-error';
import { ErrorEnvelope } from '../lib/models/generic-error';
import { SettingsFlowService } from '../lib/settings/settings-flow.service';

export interface Harness {
  service: SettingsFlowService;
  http: HttpTestingController;
  kratos: KratosTestingController;
}

export function setUpKratos(
  options: { platform?: 'browser' | 'server'; config?: KratosConfig; features?: KratosFeature[] } = {},
): Harness {
  TestBed.configureTestingModule({
    providers: [
      provideKratosTesting(options.config, ...(options.features ?? [])),
      { provide: PLATFORM_ID, useValue: options.platform ?? 'browser' },
    ],
  });
  return {
    service: TestBed.inject(SettingsFlowService),
    http: TestBed.inject(HttpTestingController),
    kratos: TestBed.inject(KratosTestingController),
  };
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

/**
 * Answers `req` (a request found by other means than KratosTestingController: the router's, or one of several) with
 * Kratos v1.3.1's error body for the kind (ngx-kratos/testing's `kratosErrorBody`), its status and `kratosHeaders`.
 */
export function flushKratosError(req: TestRequest, ...error: Parameters<typeof kratosErrorBody>): ErrorEnvelope {
  const { status, body } = kratosErrorBody(...error);
  req.flush(body, { status, statusText: body.error.status ?? String(status), headers: kratosHeaders(body) });
  return body;
}
