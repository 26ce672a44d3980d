/*
 * The settings bodies the core specs need beyond ngx-kratos/testing's builders, built on them (docs/kratos-protocol.md
 * §2 and §3; section numbers cite it): the flow after a save, a validation answer, an api flow's refusal, and the
 * URLs the AAL step-up and the app's pages use. Flows, nodes and Kratos's error bodies come from ngx-kratos/testing
 * (`settingsFlow`, `kratosErrorBody`, …). Loopback URLs only. Not part of the package: test code only.
 */
import { KRATOS_TESTING_BASE_URL, message, settingsFlow, TESTING_FLOW_ID, textNode } from 'ngx-kratos/testing';
import { isInputNode } from '../lib/models/ui-helpers';
import { SettingsFlow } from '../lib/settings/settings-flow';

/** The app the specs run on, and its pages. */
export const APP_UI = 'http://127.0.0.1:4200';
export const SETTINGS_UI = `${APP_UI}/settings`;

/** §3.1: a settings flow that also shows a TOTP secret (a text node, recorded/04), for what finds nodes by id. */
export function settingsFlowWithTotp(overrides: Partial<SettingsFlow> = {}): SettingsFlow {
  const flow = settingsFlow(overrides);
  const secret = textNode('totp', 'totp_secret_key', message(1050006, 'JBSWY3DPEHPK3PXP'));
  return { ...flow, ui: { ...flow.ui, nodes: [...flow.ui.nodes, secret] } };
}

/** §2.4 row 13: the AJAX answer to a successful submit. */
export function successFlow(): SettingsFlow {
  const flow = settingsFlow({ state: 'success', active: 'password' });
  return {
    ...flow,
    ui: { ...flow.ui, messages: [message(1050001, 'Your changes have been saved!', 'success')] },
    continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: SETTINGS_UI }],
  };
}

/**
 * §2.4 row 10 as a later Kratos answers it (recorded/12 in the shared recordings): the flow keeps `state: success`
 * and its earlier message 1050001 next to the new error (4000040 is a later id too). v1.3.1 keeps the state but drops
 * the message; the library and the UI must cope with both.
 */
export function invalidFlow(): SettingsFlow {
  const flow = settingsFlow({ state: 'success', active: 'profile' });
  const error = message(4000040, 'Enter a valid email address', 'error');
  return {
    ...flow,
    ui: {
      ...flow.ui,
      messages: [message(1050001, 'Your changes have been saved!', 'success')],
      nodes: flow.ui.nodes.map((node) =>
        isInputNode(node) && node.attributes.name === 'traits.email'
          ? { ...node, attributes: { ...node.attributes, value: 'not-an-email' }, messages: [error] }
          : node,
      ),
    },
  };
}

/** §1.5 AAL2 step-up targets: from an init, from a GET (back to the page), from a submit (back to the flow). */
export const AAL2_INIT_URL = `${KRATOS_TESTING_BASE_URL}/self-service/login/browser?aal=aal2`;
export const AAL2_GET_URL = `${AAL2_INIT_URL}&return_to=${encodeURIComponent(`${SETTINGS_UI}?flow=${TESTING_FLOW_ID}`)}`;
export const AAL2_POST_URL = `${AAL2_INIT_URL}&return_to=${encodeURIComponent(`${KRATOS_TESTING_BASE_URL}/self-service/settings?flow=${TESTING_FLOW_ID}`)}`;

/** §1.2 + §2.4 row 10: an api-flow submit from a browser (Origin header) becomes a 400 flow with message 4000001. */
export const ORIGIN_REFUSAL =
  'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';
export function apiFlowRefusedFromBrowser(): SettingsFlow {
  const flow = settingsFlow({ type: 'api', request_url: `${KRATOS_TESTING_BASE_URL}/self-service/settings/api` });
  return {
    ...flow,
    ui: { ...flow.ui, messages: [message(4000001, ORIGIN_REFUSAL, 'error', { reason: ORIGIN_REFUSAL })] },
  };
}
