import { FlowDescriptor } from '../flows/flow-descriptor';
import { flowStep } from '../flows/flow-step';
import { ContinueWith } from '../models/continue-with';
import { Identity } from '../models/identity';
import { Session } from '../models/session';
import { REGISTRATION_FLOW_POLICY } from '../navigation/flow-policy';
import { asFlow } from '../wire/read-body';
import { isUrlSafe, object } from '../wire/shape';
import { RegistrationFlow } from './registration-flow';
import { RegistrationUpdateResult } from './registration-flow-options';

const isRegistrationSuccess = object({ identity: object({ id: isUrlSafe }) });

/**
 * The registration flow (docs/kratos-protocol.md §8): a success is `{ identity, session?, session_token?,
 * continue_with? }`; a flow that comes back is the next step or the same step with errors (see `flowStep`).
 */
export const REGISTRATION_FLOW: FlowDescriptor<RegistrationFlow, RegistrationUpdateResult> = {
  kind: 'registration',
  path: 'registration',
  label: 'a registration flow',
  read: (value) => asFlow<RegistrationFlow>(value),
  classify: ({ flow }) => flowStep(flow),
  success: (body) => {
    if (!isRegistrationSuccess(body)) return undefined;
    const { identity, session, session_token, continue_with } = body as {
      identity: Identity;
      session?: Session | null;
      session_token?: string;
      continue_with?: ContinueWith[] | null;
    };
    return {
      kind: 'success',
      identity,
      session: session ?? undefined,
      sessionToken: session_token,
      continueWith: continue_with ?? [],
    };
  },
  startParams: ['return_to', 'after_verification_return_to', 'login_challenge', 'organization'],
  policy: REGISTRATION_FLOW_POLICY,
};
