import { findInputNode, getCsrfToken, isInputNode, nodesOfGroup, UiNode } from 'ngx-kratos';
import {
  csrfNode,
  flowError,
  logoutFlow,
  passedChallengeRecoveryFlow,
  passedChallengeVerificationFlow,
  secondFactorLoginFlow,
  sentEmailRecoveryFlow,
  sentEmailVerificationFlow,
  TESTING_ERROR_ID,
  TESTING_LOGOUT_TOKEN,
  TESTING_NEW_FLOW_ID,
  withFlowMessages,
  withNodeMessages,
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

  describe('later steps (docs/kratos-protocol.md §7.6, §11, §12, §13)', () => {
    /** Each node as `group:name=value` (inputs) or `type:id` (others), in order. */
    const shape = (nodes: UiNode[]) =>
      nodes.map((node) =>
        node.type === 'input'
          ? `${node.group}:${node.attributes.name}:${node.attributes.type}${node.attributes.value === undefined ? '' : `=${String(node.attributes.value)}`}`
          : `${node.type}:${'id' in node.attributes ? node.attributes.id : ''}`,
      );

    it('settingsFlow has no organization_id (v1.3.1 settings.Flow has none, §0)', () => {
      expect('organization_id' in settingsFlow()).toBeFalse();
    });

    it('secondFactorLoginFlow: an aal2 flow with TOTP and message 1010004', () => {
      const flow = secondFactorLoginFlow();
      expect(flow.requested_aal).toBe('aal2');
      expect(shape(flow.ui.nodes)).toEqual([
        `default:csrf_token:hidden=${TESTING_CSRF_TOKEN}`,
        'totp:totp_code:text',
        'totp:method:submit=totp',
      ]);
      expect(flow.ui.messages?.map((m) => m.id)).toEqual([1010004]);
    });

    it('sentEmailRecoveryFlow: the code step, with the resend button for the address (§11.6)', () => {
      const flow = sentEmailRecoveryFlow({}, { email: 'grace@127.0.0.1' });
      expect(flow.state).toBe('sent_email');
      expect(shape(flow.ui.nodes)).toEqual([
        `default:csrf_token:hidden=${TESTING_CSRF_TOKEN}`,
        'code:code:text',
        'code:method:hidden=code',
        'code:method:submit=code',
        'code:email:submit=grace@127.0.0.1',
      ]);
      const code = findInputNode(flow, 'code');
      expect(code?.attributes).toEqual(jasmine.objectContaining({ pattern: '[0-9]+', maxlength: 6, required: true }));
      expect(code?.meta.label?.id).toBe(1070010);
      expect(flow.ui.messages?.map((m) => m.id)).toEqual([1060003]);
    });

    it('passedChallengeRecoveryFlow: passed, no messages, continue_with to the settings flow (§11.5)', () => {
      const flow = passedChallengeRecoveryFlow({}, { settingsFlowId: 's1' });
      expect(flow.state).toBe('passed_challenge');
      expect(flow.ui.messages).toBeUndefined();
      expect(flow.continue_with).toEqual([
        { action: 'show_settings_ui', flow: { id: 's1', url: 'http://127.0.0.1:4200/settings?flow=s1' } },
      ]);
      expect(passedChallengeRecoveryFlow().continue_with?.[0]).toEqual(
        jasmine.objectContaining({ flow: jasmine.objectContaining({ id: TESTING_NEW_FLOW_ID }) }),
      );
    });

    it('sentEmailVerificationFlow: the code step in v1.3.1 order, a pre-filled code, no resend for email: null', () => {
      const flow = sentEmailVerificationFlow({}, { code: '482913' });
      expect(shape(flow.ui.nodes)).toEqual([
        'code:method:hidden=code',
        'code:code:text=482913',
        'code:method:submit=code',
        `default:csrf_token:hidden=${TESTING_CSRF_TOKEN}`,
        'code:email:submit=ada@127.0.0.1',
      ]);
      expect(flow.ui.messages?.map((m) => m.id)).toEqual([1080003]);
      const api = sentEmailVerificationFlow({ type: 'api' }, { email: null });
      expect(shape(api.ui.nodes)).toEqual(['code:method:hidden=code', 'code:code:text', 'code:method:submit=code']);
    });

    it('passedChallengeVerificationFlow: 1080002 and the continue link (§12.5)', () => {
      const flow = passedChallengeVerificationFlow({}, { continueUrl: 'http://127.0.0.1:4200/home' });
      expect(flow.state).toBe('passed_challenge');
      expect(flow.ui.method).toBe('GET');
      expect(flow.ui.action).toBe('http://127.0.0.1:4200/home');
      expect(shape(flow.ui.nodes)).toEqual([`default:csrf_token:hidden=${TESTING_CSRF_TOKEN}`, 'a:continue']);
      expect(flow.ui.messages).toEqual([message(1080002, 'You successfully verified your email address.', 'success')]);
    });

    it('flowError: a stored error of the error flow (§13 row 2)', () => {
      expect(flowError()).toEqual(
        jasmine.objectContaining({ id: TESTING_ERROR_ID, error: jasmine.objectContaining({ code: 500 }) }),
      );
      expect(flowError({ id: 'e1' }).id).toBe('e1');
    });

    it('logoutFlow: the logout URL with the token, and return_to before it (§2.6)', () => {
      expect(logoutFlow()).toEqual({
        logout_url: `${KRATOS_TESTING_BASE_URL}/self-service/logout?token=${TESTING_LOGOUT_TOKEN}`,
        logout_token: TESTING_LOGOUT_TOKEN,
      });
      expect(logoutFlow({ returnTo: 'http://127.0.0.1:4200/', logout_token: 't' }).logout_url).toBe(
        `${KRATOS_TESTING_BASE_URL}/self-service/logout?return_to=http%3A%2F%2F127.0.0.1%3A4200%2F&token=t`,
      );
    });

    it('withNodeMessages: a new flow with the messages on that node; the given flow is unchanged', () => {
      const flow = loginFlow();
      const wrong = message(4000006, 'The provided credentials are invalid.', 'error');
      const invalid = withNodeMessages(flow, 'password', wrong);
      expect(findInputNode(invalid, 'password')?.messages).toEqual([wrong]);
      expect(findInputNode(flow, 'password')?.messages).toEqual([]);
      expect(() => withNodeMessages(flow, 'nope', wrong)).toThrowError(/no input node "nope"/);
    });

    it('withFlowMessages: a new flow with these form messages', () => {
      const flow = sentEmailRecoveryFlow();
      const wrong = message(
        4060006,
        'The recovery code is invalid or has already been used. Please try again.',
        'error',
      );
      expect(withFlowMessages(flow, wrong).ui.messages).toEqual([wrong]);
      expect(flow.ui.messages?.map((m) => m.id)).toEqual([1060003]);
    });
  });
});
