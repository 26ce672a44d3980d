// The code the schematic writes into an app: the provider, the flow pages, the routes. Where it goes is elsewhere.
import { reindent } from './edits.cjs';
import { FlowName, PROXY_PATH, Settings } from './schema.cjs';

/** A route the schematic adds: the library's route helper with a component of ngx-kratos/ui. */
export interface FlowRoute {
  /** `loginFlowRoute`, …: guard and resolver that load the flow (one request per navigation) as input `flow`. */
  helper: string;
  /** The ngx-kratos/ui component that shows the flow; its input `flow` is bound from the route's data. */
  component: string;
  path: string;
  title: string;
  /** Signed-out users only (`guestOnly()`; free on a flow route: Kratos's answer says whether a session exists). */
  guestOnly: boolean;
}

export const FLOW_ROUTES: Readonly<Record<FlowName, FlowRoute>> = {
  login: { helper: 'loginFlowRoute', component: 'KratosLogin', path: 'login', title: 'Sign in', guestOnly: true },
  registration: {
    helper: 'registrationFlowRoute',
    component: 'KratosRegistration',
    path: 'registration',
    title: 'Create an account',
    guestOnly: true,
  },
  recovery: {
    helper: 'recoveryFlowRoute',
    component: 'KratosRecovery',
    path: 'recovery',
    title: 'Recover your account',
    guestOnly: true,
  },
  // Verification is for anyone with the mail (its link may open where nobody is signed in, or someone is).
  verification: {
    helper: 'verificationFlowRoute',
    component: 'KratosVerification',
    path: 'verification',
    title: 'Verify your address',
    guestOnly: false,
  },
  // Kratos's settings flow needs a session itself: its 401 sends the user to the login page and back.
  settings: {
    helper: 'settingsFlowRoute',
    component: 'KratosSettings',
    path: 'settings',
    title: 'Account settings',
    guestOnly: false,
  },
};

/** Kratos's error page (`errorFlowRoute` resolves input `error`), where errors with no recovery go. */
export const ERROR_ROUTE: FlowRoute = {
  helper: 'errorFlowRoute',
  component: 'KratosFlowError',
  path: 'error',
  title: 'Something went wrong',
  guestOnly: false,
};

/** The sample page behind `requireSession()`. */
export const ACCOUNT = { path: 'account', title: 'Your account', className: 'Account', folder: 'account' } as const;

/** What a generated line may be long: the printWidth of the Prettier configuration `ng new` writes. */
const WIDTH = 100;

/**
 * `value` as a single-quoted TypeScript string literal (the quotes of `ng new`'s Prettier configuration), every
 * character that could end it or break its line escaped: JSON's escaping, with `'` escaped instead of `"`.
 */
export function stringLiteral(value: string): string {
  const escaped = JSON.stringify(value)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${escaped}'`;
}

/** `text` on one comment line: no line break can end the comment early. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** The routes the settings call for, in the order they are written: the flows', then the error page's. */
export function flowRoutes(settings: Settings): FlowRoute[] {
  return [...settings.flows.map((flow) => FLOW_ROUTES[flow]), ERROR_ROUTE];
}

/** `withFlowPages({...})`: the app's page for each chosen flow, its error page and its home. */
export function flowPagesCode(settings: Settings): string {
  const pages = [
    ...flowRoutes(settings).map((route) => `${route.path}: ${stringLiteral(`/${route.path}`)},`),
    `home: '/',`,
  ];
  return `withFlowPages({\n${pages.map((page) => `  ${page}`).join('\n')}\n})`;
}

export function kratosConfigCode(settings: Settings): string {
  return `{ baseUrl: ${stringLiteral(settings.baseUrl)} }`;
}

/** The comment above the provider: where Kratos is, and what production needs. */
export function kratosComment(settings: Settings): string {
  return settings.skipProxy
    ? `// Kratos's public URL: cross-origin, so Kratos must allow this app's origin with credentials (CORS).`
    : `// Kratos through the dev server's proxy (proxy.conf.json: ${PROXY_PATH} → ${commentText(settings.kratosUrl)}).\n` +
        `// In production, route ${PROXY_PATH} to Kratos on the app's origin too (or give Kratos's URL here).`;
}

/** `provideKratos(config, withFlowPages(...))`, for a standalone app's providers. */
export function provideKratosCode(settings: Settings): string {
  return `${kratosComment(settings)}\n${featureCall('provideKratos', settings)}`;
}

/** `KratosModule.forRoot(config, withFlowPages(...))`, for an NgModule's imports. */
export function kratosModuleCode(settings: Settings): string {
  return `${kratosComment(settings)}\n${featureCall('KratosModule.forRoot', settings)}`;
}

function featureCall(callee: string, settings: Settings): string {
  return `${callee}(\n  ${kratosConfigCode(settings)},\n  ${reindent(flowPagesCode(settings), '  ')},\n)`;
}

/** A flow's route: `loginFlowRoute({ path: 'login', component: KratosLogin, … })`. */
export function flowRouteCode(route: FlowRoute): string {
  const properties: [string, string][] = [
    ['path', stringLiteral(route.path)],
    ['component', route.component],
    ['title', stringLiteral(route.title)],
  ];
  if (route.guestOnly) properties.push(['canActivate', '[guestOnly()]']);
  return `${route.helper}(${objectCode(properties, route.helper.length + 2)})`;
}

/** The sample protected route, with a comment that says what it shows. */
export function accountRouteCode(): string {
  const object = objectCode([
    ['path', stringLiteral(ACCOUNT.path)],
    ['component', ACCOUNT.className],
    ['title', stringLiteral(ACCOUNT.title)],
    ['canMatch', '[requireSession()]'],
  ]);
  return `// Signed-in users only: requireSession() sends anyone else to the login page, then back here.\n${object}`;
}

/** An object literal on one line if it fits (at the routes' indentation, with its comma), else one property a line. */
function objectCode(properties: [string, string][], prefix = 0): string {
  const inline = `{ ${properties.map(([key, value]) => `${key}: ${value}`).join(', ')} }`;
  if (2 + prefix + inline.length + 2 <= WIDTH) {
    return inline;
  }
  return `{\n${properties.map(([key, value]) => `  ${key}: ${value},`).join('\n')}\n}`;
}
