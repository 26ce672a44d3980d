/** Who a flow is for: a browser (cookies and a CSRF token) or a native app or server (a session token). */
export type FlowType = 'browser' | 'api';

/**
 * The JSON body of a flow's submit, as a group's form builds it: Kratos's `method` and that method's fields. Each
 * flow types its own bodies more narrowly (`UpdateSettingsFlowBody`).
 */
export interface FlowBody {
  /** The method the submit is for (`password`, `profile`, `code`…): the value of the submit button Kratos sent. */
  method: string;
  /** The method's fields, by their node names (`password`, `traits.email`, `csrf_token`…). */
  [field: string]: unknown;
}
