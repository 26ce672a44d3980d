/*
 * A test-only flow kind, `widget`, unlike settings in every way a descriptor allows: its own path, result kinds
 * classified by what the answer means (a 200 can carry a flow-level error; a 400 can be the next step), start
 * parameters beyond `return_to`, and a policy with no session rules. Specs run the shared protocol table and the
 * routes against it to show that the core is generic.
 */
import { KRATOS_TESTING_BASE_URL, settingsFlow, TESTING_FLOW_ID } from 'ngx-kratos/testing';
import { FlowDescriptor } from '../lib/flows/flow-descriptor';
import { flowMessages } from '../lib/models/ui-helpers';
import { asFlow, FlowShape } from '../lib/wire/read-body';

export type WidgetResult =
  | { kind: 'done'; flow: FlowShape }
  | { kind: 'rejected'; flow: FlowShape }
  | { kind: 'next_step'; flow: FlowShape }
  | { kind: 'invalid'; flow: FlowShape };

export const WIDGET_FLOW: FlowDescriptor<FlowShape, WidgetResult> = {
  kind: 'widget',
  path: 'widget',
  label: 'a widget flow',
  read: (value) => asFlow(value),
  classify: ({ status, flow }) => {
    const flowError = flowMessages(flow).some((message) => message.type === 'error');
    if (status === 200) {
      return flowError ? { kind: 'rejected', flow } : { kind: 'done', flow };
    }
    if (status === 400) {
      return flow.state === 'code_sent' ? { kind: 'next_step', flow } : { kind: 'invalid', flow };
    }
    return undefined;
  },
  startParams: ['return_to', 'via'],
  policy: {},
};

/** A widget flow: a settings-shaped flow at the widget path, with whatever `overrides` say. */
export function widgetFlow(overrides: Partial<FlowShape> = {}): FlowShape {
  const id = overrides.id ?? TESTING_FLOW_ID;
  const base = settingsFlow({ id });
  return {
    ...base,
    request_url: `${KRATOS_TESTING_BASE_URL}/self-service/widget/browser`,
    ui: { ...base.ui, action: `${KRATOS_TESTING_BASE_URL}/self-service/widget?flow=${id}` },
    state: 'choose_method',
    ...overrides,
  } as FlowShape;
}
