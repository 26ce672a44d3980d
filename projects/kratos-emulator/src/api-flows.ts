/*
 * `flow.EnsureCSRF` for api (native) flows (docs/kratos-protocol.md §1.2; Kratos's selfservice/flow/request.go): no anti-CSRF token,
 * but a submit that carries an `Origin` header or cookies (Cloudflare's aside) came from a browser and is refused,
 * unless `DEV_DISABLE_API_FLOW_ENFORCEMENT` is on. Every flow's submit answers the refusal as a 400 with the flow and
 * a global message 4000001 carrying this reason.
 */
import { Ctx, Emulator } from './context';

// flow.ErrOriginHeaderNeedsBrowserFlow and ErrCookieHeaderNeedsBrowserFlow, checked in this order.
const ORIGIN_REFUSED =
  'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';
const COOKIE_REFUSED =
  'The HTTP Request Header included the "Cookie" key, indicating that this request was made by a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';

/** Why Kratos refuses this api-flow submit, or undefined when it does not. */
export function apiFlowRefusal(em: Emulator, ctx: Ctx): string | undefined {
  if (em.config.devApiFlows) return undefined;
  if (ctx.req.headers.origin !== undefined) return ORIGIN_REFUSED;
  const cookies = [...ctx.cookies.keys()].filter((name) => !/^(__cf|_cf|cf_)/.test(name));
  return cookies.length > 0 ? COOKIE_REFUSED : undefined;
}
