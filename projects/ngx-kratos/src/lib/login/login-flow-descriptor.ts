import { FlowDescriptor } from '../flows/flow-descriptor';
import { flowStep } from '../flows/flow-step';
import { ContinueWith } from '../models/continue-with';
import { Session } from '../models/session';
import { LOGIN_FLOW_POLICY } from '../navigation/flow-policy';
import { asFlow } from '../wire/read-body';
import { isUrlSafe, object } from '../wire/shape';
import { LoginFlow } from './login-flow';
import { LoginUpdateResult } from './login-flow-options';

const isLoginSuccess = object({ session: object({ id: isUrlSafe }) });

/**
 * The login flow (docs/kratos-protocol.md §7): a success is `{ session, session_token?, continue_with? }`; a flow
 * that comes back is the next step or the same step with errors (see `flowStep`).
 */
export const LOGIN_FLOW: FlowDescriptor<LoginFlow, LoginUpdateResult> = {
  kind: 'login',
  path: 'login',
  label: 'a login flow',
  read: (value) => asFlow<LoginFlow>(value),
  classify: ({ flow }) => flowStep(flow),
  success: (body) => {
    if (!isLoginSuccess(body)) return undefined;
    const { session, session_token, continue_with } = body as {
      session: Session;
      session_token?: string;
      continue_with?: ContinueWith[] | null;
    };
    return { kind: 'success', session, sessionToken: session_token, continueWith: continue_with ?? [] };
  },
  startParams: ['return_to', 'refresh', 'aal', 'login_challenge', 'organization'],
  policy: LOGIN_FLOW_POLICY,
};
