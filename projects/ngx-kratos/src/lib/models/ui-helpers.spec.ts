// Sections (§) are those of docs/kratos-protocol.md.
import { csrfNode, settingsFlow, TESTING_CSRF_TOKEN } from 'ngx-kratos/testing';
import * as fx from '../../testing/kratos-fixtures';
import {
  allMessages,
  findInputNode,
  findNode,
  flowMessages,
  getCsrfToken,
  isInputNode,
  nodeMessages,
  nodesOfGroup,
} from './ui-helpers';

describe('flow helpers', () => {
  it('getCsrfToken reads the csrf_token node’s value (§1.2: the cookie is HttpOnly)', () => {
    expect(getCsrfToken(settingsFlow())).toBe(TESTING_CSRF_TOKEN);
    const withoutNode = settingsFlow();
    withoutNode.ui.nodes = withoutNode.ui.nodes.filter((n) => !(isInputNode(n) && n.attributes.name === 'csrf_token'));
    expect(getCsrfToken(withoutNode)).toBeUndefined();
  });

  it('getCsrfToken ignores a non-string value', () => {
    const flow = settingsFlow();
    flow.ui.nodes[0] = csrfNode();
    (flow.ui.nodes[0].attributes as { value: unknown }).value = 123;
    expect(getCsrfToken(flow)).toBeUndefined();
  });

  it('nodesOfGroup keeps Kratos’s order and takes several groups', () => {
    const flow = settingsFlow();
    expect(nodesOfGroup(flow, 'password').map((n) => (isInputNode(n) ? n.attributes.name : ''))).toEqual([
      'password',
      'method',
    ]);
    expect(nodesOfGroup(flow, 'default', 'password').length).toBe(3);
    expect(nodesOfGroup(flow, 'webauthn')).toEqual([]);
  });

  it('findInputNode finds by name, optionally within a group', () => {
    const flow = fx.settingsFlowWithTotp();
    expect(findInputNode(flow, 'traits.email')?.attributes.value).toBe('ada@127.0.0.1');
    expect(findInputNode(flow, 'method', 'password')?.attributes.value).toBe('password');
    expect(findInputNode(flow, 'method', 'profile')?.attributes.value).toBe('profile');
    expect(findInputNode(flow, 'totp_secret_key')).toBeUndefined();
  });

  it('findNode finds inputs by name and other nodes by id', () => {
    const flow = fx.settingsFlowWithTotp();
    const secret = findNode(flow, 'totp_secret_key');
    expect(secret?.attributes.node_type).toBe('text');
    expect(findNode(flow, 'password')?.group).toBe('password');
    expect(findNode(flow, 'totp_secret_key', 'profile')).toBeUndefined();
  });

  it('messages: flow-wide, per node, and all of them filtered by type (recorded/12: success next to an error)', () => {
    const flow = fx.invalidFlow();
    expect(flowMessages(flow).map((m) => m.id)).toEqual([1050001]);
    expect(flowMessages(settingsFlow())).toEqual([]);
    const email = findInputNode(flow, 'traits.email');
    expect(nodeMessages(email!).map((m) => m.id)).toEqual([4000040]);
    expect(allMessages(flow).map((m) => m.id)).toEqual([1050001, 4000040]);
    expect(allMessages(flow, 'error').map((m) => m.id)).toEqual([4000040]);
    expect(allMessages(flow, 'success').map((m) => m.id)).toEqual([1050001]);
  });

  it('messages: a node list holding null (old Kratos) reads as empty, never a TypeError', () => {
    const flow = settingsFlow();
    (flow.ui.nodes[1] as { messages: unknown }).messages = null;
    expect(nodeMessages(flow.ui.nodes[1])).toEqual([]);
    expect(allMessages(flow)).toEqual([]);
  });
});
