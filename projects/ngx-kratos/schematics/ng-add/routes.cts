// The routes: one per chosen flow with its ngx-kratos/ui component, the error page, and a sample page behind
// requireSession(), added to the app's routes array (before a `**` route, if it has one).
import { dirname, join, normalize } from '@angular-devkit/core';
import { Tree } from '@angular-devkit/schematics';
import { accountPageCode } from './account-page.cjs';
import { Located, resolveIdentifier, Source, stringProperty, ts, unwrap } from './ast.cjs';
import { ACCOUNT, accountRouteCode, flowRouteCode, flowRoutes, FlowRoute } from './code.cjs';
import { appendToArray, Edits, FileEdit, importsCode } from './edits.cjs';
import { App } from './project.cjs';
import { Report } from './report.cjs';
import { Settings } from './schema.cjs';

/** The expression an app's router is given its routes with (`provideRouter(routes)`, `RouterModule.forRoot(routes)`). */
export interface RoutesRef {
  source: Source;
  expression: ts.Expression;
}

/** What a route of the array is: the helper it is made with (`loginFlowRoute(...)`) and its path. */
interface ExistingRoute {
  node: ts.Expression;
  helper?: string;
  path?: string;
}

export function addRoutes(
  tree: Tree,
  edits: Edits,
  app: App,
  settings: Settings,
  ref: RoutesRef | null,
  report: Report,
): void {
  const located = ref && findRoutesArray(tree, ref);
  if (!located) {
    report.byHand(
      ref?.source.path ?? app.mainPath,
      ref
        ? `its routes (${ref.expression.getText()}) are not an array literal this schematic can follow`
        : 'no routes were found to add the flow pages to',
      allRoutesCode(settings),
    );
    return;
  }
  const { source, node: array } = located;
  const path = source.path;
  const edit = edits.for(source);
  const existing = array.elements.map(describe);
  const items: string[] = [];
  for (const route of flowRoutes(settings)) {
    if (existing.some((known) => known.helper === route.helper)) {
      report.kept(`${path}: ${route.helper}(...)`);
    } else if (existing.some((known) => known.path === route.path)) {
      report.byHand(
        path,
        `it has a route '${route.path}' already, not made with ${route.helper}(...)`,
        `// the ${route.path} route, so that it loads its flow:\n${flowRouteCode(route)},`,
      );
    } else {
      items.push(flowRouteCode(route));
      needRoute(edit, route);
      report.done(`${path}: route '${route.path}' (${route.helper}, ${route.component})`);
    }
  }
  if (existing.some((known) => known.path === ACCOUNT.path)) {
    report.kept(`${path}: route '${ACCOUNT.path}'`);
  } else {
    items.push(accountRouteCode());
    edit.need('ngx-kratos', ['requireSession']);
    edit.need(`./${ACCOUNT.folder}/${ACCOUNT.folder}`, [ACCOUNT.className]);
    createAccountPage(tree, app, settings, source, report);
    report.done(`${path}: route '${ACCOUNT.path}' behind requireSession()`);
  }
  const wildcard = existing.find((known) => known.path === '**');
  appendToArray(edit, array, items, wildcard?.node);
}

/** The routes array: inline, or a const in the same file or in a relatively imported one (`./app.routes`). */
function findRoutesArray(tree: Tree, ref: RoutesRef): Located<ts.ArrayLiteralExpression> | null {
  const expression = unwrap(ref.expression);
  if (ts.isArrayLiteralExpression(expression)) {
    return { source: ref.source, node: expression };
  }
  if (ts.isIdentifier(expression)) {
    const resolved = resolveIdentifier(tree, ref.source, expression);
    if (resolved && ts.isArrayLiteralExpression(resolved.node)) {
      return { source: resolved.source, node: resolved.node };
    }
  }
  return null;
}

function describe(element: ts.Expression): ExistingRoute {
  const node = unwrap(element);
  if (ts.isObjectLiteralExpression(node)) {
    return { node: element, path: stringProperty(node, 'path') };
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const argument = node.arguments[0] && unwrap(node.arguments[0]);
    const path = argument && ts.isObjectLiteralExpression(argument) ? stringProperty(argument, 'path') : undefined;
    return { node: element, helper: node.expression.text, path };
  }
  return { node: element };
}

function needRoute(edit: FileEdit, route: FlowRoute): void {
  edit.need('ngx-kratos', route.guestOnly ? [route.helper, 'guestOnly'] : [route.helper]);
  edit.need('ngx-kratos/ui', [route.component]);
}

/** The sample page, beside the routes file (`account/account.ts`); a file there already is left as it is. */
function createAccountPage(tree: Tree, app: App, settings: Settings, routes: Source, report: Report): void {
  const file = join(dirname(normalize(routes.path)), ACCOUNT.folder, `${ACCOUNT.folder}.ts`);
  if (tree.exists(file)) {
    report.kept(file);
    return;
  }
  tree.create(file, accountPageCode(settings, app.prefix, ACCOUNT.className));
  report.done(`${file}: the sample page for signed-in users`);
}

function allRoutesCode(settings: Settings): string {
  const routes = flowRoutes(settings);
  return (
    `${importsCode([
      ['ngx-kratos', [...routes.map((route) => route.helper), 'guestOnly', 'requireSession']],
      ['ngx-kratos/ui', routes.map((route) => route.component)],
    ])}\n\n// in the app's routes:\n` +
    `${routes.map((route) => `${flowRouteCode(route)},`).join('\n')}\n` +
    `// and, for a page of your own behind a session:\n{ path: 'account', component: Account, canMatch: [requireSession()] },`
  );
}
