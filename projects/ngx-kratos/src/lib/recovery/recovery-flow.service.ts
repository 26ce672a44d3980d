import { inject, Injectable } from '@angular/core';
import { CodeFlowCalls } from '../flows/code-flow';
import { KratosHttp } from '../http/kratos-http';
import { RECOVERY_FLOW } from './recovery-flow-descriptor';
import { RecoveryFlow, UpdateRecoveryFlowBody } from './recovery-flow';

/**
 * Kratos's self-service recovery flow on `HttpClient` (docs/kratos-protocol.md §11): `createBrowserFlow`
 * (`GET /self-service/recovery/browser`), `createNativeFlow` (`…/api`), `getFlow` (`…/flows?id=`) and `updateFlow`
 * (`POST /self-service/recovery?flow=`, a `RecoveryUpdateResult`). Cold Observables; failures arrive as `KratosError`.
 */
@Injectable({ providedIn: 'root' })
export class RecoveryFlowService extends CodeFlowCalls<RecoveryFlow, UpdateRecoveryFlowBody> {
  protected readonly http = inject(KratosHttp);
  protected readonly descriptor = RECOVERY_FLOW;
}
