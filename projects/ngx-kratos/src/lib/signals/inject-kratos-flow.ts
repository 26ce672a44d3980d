/*
 * Signals beside the Observables. Angular 21.2's `resource()`, `rxResource()` and `httpResource()` are all marked
 * `@experimental` in its typings (`resource` and `httpResource` "@experimental 19.0/19.2", `rxResource`
 * "@experimental"), so nothing here is built on them, nor shows them in its types: only `signal`, `computed` and
 * `DestroyRef`, which are stable.
 */
import { DestroyRef, inject, Signal, signal, Type } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { map, Observable, Subscription } from 'rxjs';
import { KratosError } from '../errors/kratos-error';
import { toKratosError } from '../errors/to-kratos-error';
import { FlowDescriptor } from '../flows/flow-descriptor';
import { LoginFlow } from '../login/login-flow';
import { LoginUpdateResult } from '../login/login-flow-options';
import type { LoginFlowService } from '../login/login-flow.service';
import { UpdateLoginFlowBody } from '../login/update-login-flow-body';
import { KratosNavigator } from '../navigation/kratos-navigator';
import { RecoveryFlow, RecoveryUpdateResult, UpdateRecoveryFlowBody } from '../recovery/recovery-flow';
import type { RecoveryFlowService } from '../recovery/recovery-flow.service';
import { RegistrationFlow } from '../registration/registration-flow';
import { RegistrationUpdateResult } from '../registration/registration-flow-options';
import type { RegistrationFlowService } from '../registration/registration-flow.service';
import { UpdateRegistrationFlowBody } from '../registration/update-registration-flow-body';
import { SettingsFlow } from '../settings/settings-flow';
import { SettingsUpdateResult } from '../settings/settings-flow-options';
import type { SettingsFlowService } from '../settings/settings-flow.service';
import { UpdateSettingsFlowBody } from '../settings/update-settings-flow-body';
import {
  UpdateVerificationFlowBody,
  VerificationFlow,
  VerificationUpdateResult,
} from '../verification/verification-flow';
import type { VerificationFlowService } from '../verification/verification-flow.service';
import { FlowShape, isRecord } from '../wire/read-body';

/**
 * Where a flow page stands: `loading` until the route has a flow, `ready` to show it, `submitting` while a submit is
 * under way, `error` after a submit that failed (see `error()`; the navigator has been given it).
 */
export type KratosFlowStatus = 'loading' | 'ready' | 'submitting' | 'error';

/** A flow page as signals: see `injectKratosFlow()`. */
export interface KratosFlowSignals<F, B, R> {
  /** The flow to show: the route's (`flow` data), replaced by the flow of a submit's answer. */
  readonly flow: Signal<F | undefined>;
  /** Where the page stands: `loading`, `ready`, `submitting` or `error`. */
  readonly status: Signal<KratosFlowStatus>;
  /** The last submit's `KratosError`, until the next submit or a new flow from the route. */
  readonly error: Signal<KratosError | undefined>;
  /** The last submit's answer (`success`, `invalid`, `next`, `sent`, …), until a new flow from the route. */
  readonly result: Signal<R | undefined>;
  /**
   * Submits `body` to the current flow (`updateFlow(flow().id, body)`: `POST /self-service/{flow}?flow=<id>`).
   * Resolves to the answer; a flow in it replaces `flow()`, and a `replaced` answer (recovery, verification) also
   * becomes the page's `?flow=`. Resolves to `undefined`, without a request or with its request aborted, when there is
   * no flow yet, when a later submit supersedes it, when the route brings a newer flow meanwhile (the answer would be
   * stale), or once the component is destroyed. On an error the error goes to `KratosNavigator.handle` (login, a
   * second factor, a fresh flow, the error route…) and then the promise **rejects** with that `KratosError`, so that a
   * caller may `catch` it (to stop a spinner, say); the navigation has been started by then.
   */
  submit(body: B): Promise<R | undefined>;
}

interface FlowUpdates {
  updateFlow(id: string, body: unknown): Observable<unknown>;
  /** The service's descriptor (every flow service has one). */
  readonly ɵflow?: FlowDescriptor;
}

/**
 * A flow page's flow as signals, for the component of a flow route (`settingsFlowRoute`, `loginFlowRoute`, …; call
 * in its injection context). The flow service names the kind, which types the body and the answer:
 *
 * ```ts
 * readonly settings = injectKratosFlow(SettingsFlowService);
 * // narrower traits: injectKratosFlow<SettingsFlow<MyTraits>>(SettingsFlowService)
 * save(body: UpdateSettingsFlowBody) {
 *   this.settings.submit(body).catch(() => undefined); // errors are handled by the navigator already
 * }
 * ```
 *
 * It reads the route's `flow` data (what the flow route's resolver gives), and follows it: a navigation to another
 * `?flow=` brings the new flow. A settings `success` asks for the session again (`injectKratosSession()`), since the
 * identity may have changed; a login's or registration's `success` is the app's to complete
 * (`KratosNavigator.completeSignIn(result)`, which does the same).
 */
export function injectKratosFlow<F extends SettingsFlow = SettingsFlow>(
  service: typeof SettingsFlowService,
): KratosFlowSignals<F, UpdateSettingsFlowBody, SettingsUpdateResult>;
/** A login page's flow as signals: `injectKratosFlow(LoginFlowService)`; see the first overload. */
export function injectKratosFlow<F extends LoginFlow = LoginFlow>(
  service: typeof LoginFlowService,
): KratosFlowSignals<F, UpdateLoginFlowBody, LoginUpdateResult>;
/** A registration page's flow as signals: `injectKratosFlow(RegistrationFlowService)`; see the first overload. */
export function injectKratosFlow<F extends RegistrationFlow = RegistrationFlow>(
  service: typeof RegistrationFlowService,
): KratosFlowSignals<F, UpdateRegistrationFlowBody, RegistrationUpdateResult>;
/** A recovery page's flow as signals: `injectKratosFlow(RecoveryFlowService)`; see the first overload. */
export function injectKratosFlow<F extends RecoveryFlow = RecoveryFlow>(
  service: typeof RecoveryFlowService,
): KratosFlowSignals<F, UpdateRecoveryFlowBody, RecoveryUpdateResult>;
/** A verification page's flow as signals: `injectKratosFlow(VerificationFlowService)`; see the first overload. */
export function injectKratosFlow<F extends VerificationFlow = VerificationFlow>(
  service: typeof VerificationFlowService,
): KratosFlowSignals<F, UpdateVerificationFlowBody, VerificationUpdateResult>;
export function injectKratosFlow(service: Type<unknown>): KratosFlowSignals<FlowShape, unknown, unknown> {
  const calls = inject(service) as FlowUpdates;
  const descriptor = calls.ɵflow;
  if (!descriptor) {
    throw new Error(
      typeof ngDevMode === 'undefined' || ngDevMode
        ? `ngx-kratos: injectKratosFlow() takes a flow service (SettingsFlowService, LoginFlowService, …), not ${service.name}.`
        : 'ngx-kratos: not a flow service',
    );
  }
  const navigator = inject(KratosNavigator);
  const router = inject(Router);
  const destroyRef = inject(DestroyRef);

  const flow = signal<FlowShape | undefined>(undefined);
  const status = signal<KratosFlowStatus>('loading');
  const error = signal<KratosError | undefined>(undefined);
  const result = signal<unknown>(undefined);
  let destroyed = false;
  /** The submit under way: its request, and how to settle its promise when it is dropped. */
  let pending: { subscription: Subscription; drop: () => void } | undefined;

  const dropPending = () => {
    const dropped = pending;
    pending = undefined;
    if (dropped) {
      dropped.subscription.unsubscribe();
      dropped.drop();
    }
  };

  destroyRef.onDestroy(() => {
    destroyed = true;
    dropPending();
  });

  inject(ActivatedRoute)
    .data.pipe(
      map((data) => data['flow'] as unknown),
      takeUntilDestroyed(destroyRef),
    )
    .subscribe((routeFlow) => {
      if (!isFlow(routeFlow) || routeFlow === flow()) return;
      // A newer flow from the route: an answer still under way is for the old one.
      dropPending();
      flow.set(routeFlow);
      error.set(undefined);
      result.set(undefined);
      status.set('ready');
    });

  const submit = (body: unknown): Promise<unknown> => {
    const current = flow();
    if (destroyed || !current) return Promise.resolve(undefined);
    // A later submit supersedes an earlier one: its request is aborted, its promise resolves to `undefined`.
    dropPending();
    const pageUrl = router.url;
    status.set('submitting');
    error.set(undefined);
    return new Promise<unknown>((resolve, reject) => {
      const entry: { subscription: Subscription; drop: () => void } = {
        subscription: Subscription.EMPTY,
        drop: () => resolve(undefined),
      };
      pending = entry;
      const mine = () => pending === entry;
      entry.subscription = calls.updateFlow(current.id, body).subscribe({
        next: (answer) => {
          if (!mine()) return;
          pending = undefined;
          const next = isRecord(answer) ? answer['flow'] : undefined;
          if (isFlow(next)) flow.set(next);
          result.set(answer);
          status.set('ready');
          // Another flow than the one submitted (recovery's new flow after too many codes): the page's `?flow=`
          // follows it, so that a reload shows the flow on the screen; the route takes it as it is, with no request.
          if (isRecord(answer) && answer['kind'] === 'replaced' && isFlow(next)) {
            void navigator.showReplacement(descriptor.kind, next, pageUrl);
          }
          resolve(answer);
        },
        error: (failure: unknown) => {
          if (!mine()) return;
          pending = undefined;
          const kratosError = toKratosError(failure);
          error.set(kratosError);
          status.set('error');
          navigator.handle(kratosError, pageUrl, descriptor.policy).then(
            () => reject(kratosError),
            () => reject(kratosError),
          );
        },
      });
    });
  };

  return {
    flow: flow.asReadonly(),
    status: status.asReadonly(),
    error: error.asReadonly(),
    result: result.asReadonly(),
    submit,
  };
}

function isFlow(value: unknown): value is FlowShape {
  return isRecord(value) && typeof value['id'] === 'string';
}
