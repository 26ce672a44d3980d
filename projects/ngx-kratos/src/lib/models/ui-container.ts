import { UiNode } from './ui-node';
import { UiText } from './ui-text';

/** The form of a flow (docs/kratos-protocol.md §3.2). */
export interface UiContainer {
  /** Where the form posts: `{public}/self-service/<flow>?flow=<id>`. */
  action: string;
  /** The HTTP method of the form: always `POST`. */
  method: string;
  /** The form's nodes, in the order to render them. */
  nodes: UiNode[];
  /** Flow-wide messages; omitted by Kratos when there are none. */
  messages?: UiText[];
}
