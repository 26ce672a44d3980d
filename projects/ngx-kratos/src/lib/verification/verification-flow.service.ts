import { inject, Injectable } from '@angular/core';
import { CodeFlowCalls } from '../flows/code-flow';
import { KratosHttp } from '../http/kratos-http';
import { VERIFICATION_FLOW } from './verification-flow-descriptor';
import { UpdateVerificationFlowBody, VerificationFlow } from './verification-flow';

/**
 * Kratos's self-service verification flow on `HttpClient` (docs/kratos-protocol.md §12): `createBrowserFlow`
 * (`GET /self-service/verification/browser`), `createNativeFlow` (`…/api`), `getFlow` (`…/flows?id=`) and
 * `updateFlow` (`POST /self-service/verification?flow=`, a `VerificationUpdateResult`). Cold Observables; failures
 * arrive as `KratosError`.
 */
@Injectable({ providedIn: 'root' })
export class VerificationFlowService extends CodeFlowCalls<VerificationFlow, UpdateVerificationFlowBody> {
  protected readonly http = inject(KratosHttp);
  protected readonly descriptor = VERIFICATION_FLOW;
}
