import { findInputNode, getCsrfToken, isInputNode, nodesOfGroup } from 'ngx-kratos';
import {
  csrfNode,
  identity,
  inputNode,
  KRATOS_TESTING_BASE_URL,
  loginFlow,
  message,
  recoveryFlow,
  registrationFlow,
  session,
  settingsFlow,
  TESTING_CSRF_TOKEN,
  TESTING_FLOW_ID,
  textNode,
  verificationFlow,
} from './builders';

describe('ngx-kratos/testing builders', () => {
  it('settingsFlow: a browser flow in show_form with the profile and password groups and the identity', () => {
    const flow = settingsFlow();
    expect(flow.id).toBe(TESTING_FLOW_ID);
    expect(flow.state).toBe('show_form');
    expect(flow.ui.action).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings?flow=${TESTING_FLOW_ID}`);
    expect(getCsrfToken(flow)).toBe(TESTING_CSRF_TOKEN);
    expect(nodesOfGroup(flow, 'profile').length).toBe(2);
    expect(nodesOfGroup(flow, 'password').length).toBe(2);
    expect(flow.identity.traits).toEqual({ email: 'ada@127.0.0.1' });
  });

  it('settingsFlow: overrides win, and the action follows an overridden id', () => {
    const flow = settingsFlow({ id: 'other', state: 'success' });
    expect(flow.state).toBe('success');
    expect(flow.ui.action).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/settings?flow=other`);
  });

  it('loginFlow: choose_method, aal1, identifier and password', () => {
    const flow = loginFlow({ refresh: true });
    expect(flow.state).toBe('choose_method');
    expect(flow.requested_aal).toBe('aal1');
    expect(flow.refresh).toBeTrue();
    expect(findInputNode(flow, 'identifier')?.attributes.autocomplete).toBe('username');
    expect(flow.request_url).toBe(`${KRATOS_TESTING_BASE_URL}/self-service/login/browser`);
  });

  it('registrationFlow: the password method with the email trait', () => {
    const flow = registrationFlow();
    expect(flow.ui.action).toContain('/self-service/registration?flow=');
    expect(findInputNode(flow, 'traits.email')?.group).toBe('password');
  });

  it('recoveryFlow: csrf_token first, then email and the code submit, labelled as Kratos labels them', () => {
    const flow = recoveryFlow();
    expect(flow.active).toBe('code');
    expect(flow.ui.nodes.map((node) => (isInputNode(node) ? node.attributes.name : ''))).toEqual([
      'csrf_token',
      'email',
      'method',
    ]);
    expect(flow.ui.nodes[1].meta.label?.id).toBe(1070007);
  });

  it('verificationFlow: csrf_token last for browser flows, none for api flows', () => {
    const names = (type: 'api' | 'browser') =>
      verificationFlow({ type }).ui.nodes.map((node) => (isInputNode(node) ? node.attributes.name : ''));
    expect(names('browser')).toEqual(['email', 'method', 'csrf_token']);
    expect(names('api')).toEqual(['email', 'method']);
  });

  it('inputNode: an input node with node_type, disabled false, messages and an empty meta', () => {
    const error = message(4000002, 'Property email is missing.', 'error');
    expect(inputNode('profile', 'traits.email', 'email', { value: 'x' }, [error])).toEqual({
      type: 'input',
      group: 'profile',
      attributes: { name: 'traits.email', type: 'email', disabled: false, node_type: 'input', value: 'x' },
      messages: [error],
      meta: {},
    });
    expect(csrfNode('t').attributes).toEqual(
      jasmine.objectContaining({ name: 'csrf_token', type: 'hidden', value: 't', required: true }),
    );
  });

  it('textNode: a text node whose attributes carry the id and the text', () => {
    const secret = message(1050006, 'JBSWY3DPEHPK3PXP');
    expect(textNode('totp', 'totp_secret_key', secret)).toEqual({
      type: 'text',
      group: 'totp',
      attributes: { id: 'totp_secret_key', text: secret, node_type: 'text' },
      messages: [],
      meta: {},
    });
  });

  it('message: info by default, a context only when given', () => {
    expect(message(1, 'a')).toEqual({ id: 1, text: 'a', type: 'info' });
    expect(message(2, 'b', 'error', { reason: 'r' })).toEqual({
      id: 2,
      text: 'b',
      type: 'error',
      context: { reason: 'r' },
    });
  });

  it('session and identity: an active aal1 session of the default identity; typed traits', () => {
    const s = session({ authenticator_assurance_level: 'aal2' });
    expect(s.active).toBeTrue();
    expect(s.authenticator_assurance_level).toBe('aal2');
    expect(s.identity).toEqual(identity());
    const typed = identity<{ email: string; name: string }>({ traits: { email: 'b@127.0.0.1', name: 'B' } });
    expect(typed.traits.name).toBe('B');
    expect(typed.schema_url).toBe(`${KRATOS_TESTING_BASE_URL}/schemas/ZGVmYXVsdA`);
  });
});
