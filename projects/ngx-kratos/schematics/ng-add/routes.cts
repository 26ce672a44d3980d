// The routes: one per chosen flow with its ngx-kratos/ui component, the error page, and a sample page behind
// requireSession(), added to the app's routes array (before a `**` route, if it has one).
import { dirname, join, normalize } from '@angular-devkit/core';
import { Tree } from '@angular-devkit/schematics';
import { accountPageCode } from './account-page.cjs';
import { Located, propertyValue, readSource, resolveIdentifier, Source, stringProperty, ts, unwrap } from './ast.cjs';
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
  // The routes below `children`, anywhere down: a flow route there is the app's own, at the URL of its parents.
  const nested = array.elements.flatMap((element) => nestedRoutes(element, ''));
  const items: string[] = [];
  for (const route of flowRoutes(settings)) {
    const below = nested.find((known) => known.helper === route.helper);
    if (existing.some((known) => known.helper === route.helper)) {
      report.kept(`${path}: ${route.helper}(...)`);
    } else if (below) {
      const where = below.url ?? `/…/${route.path}`;
      report.warn(
        `${path} has ${route.helper}(...) already, below children (at ${where}): no route '${route.path}' was added. ` +
          `withFlowPages({...}) must name that page's URL by hand: ${route.path}: '${where}'.`,
      );
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
  const page = accountPagePath(source);
  if (existing.some((known) => known.path === ACCOUNT.path)) {
    report.kept(`${path}: route '${ACCOUNT.path}'`);
  } else if (declares(source.file, ACCOUNT.className)) {
    // `import { Account }` would clash with the file's own `Account`.
    report.byHand(
      path,
      `it has an identifier ${ACCOUNT.className} of its own already, so the sample page (${page}, class ` +
        `${ACCOUNT.className}) was not added`,
      `// a page of your own behind a session, with requireSession from 'ngx-kratos':\n${accountRouteCode()},`,
    );
  } else if (tree.exists(page) && !exportsClass(readSource(tree, page).file, ACCOUNT.className)) {
    report.byHand(
      path,
      `${page} exists already and exports no class ${ACCOUNT.className}, so the sample route was not added`,
      `// a page of your own behind a session, with requireSession from 'ngx-kratos':\n${accountRouteCode()},`,
    );
  } else {
    items.push(accountRouteCode());
    edit.need('ngx-kratos', ['requireSession']);
    edit.need(`./${ACCOUNT.folder}/${ACCOUNT.folder}`, [ACCOUNT.className]);
    createAccountPage(tree, app, settings, page, report);
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

/** The sample page's file, beside the routes file: `account/account.ts`. */
function accountPagePath(routes: Source): string {
  return join(dirname(normalize(routes.path)), ACCOUNT.folder, `${ACCOUNT.folder}.ts`);
}

/** The sample page; a file there already (that exports the class) is left as it is. */
function createAccountPage(tree: Tree, app: App, settings: Settings, file: string, report: Report): void {
  if (tree.exists(file)) {
    report.kept(file);
    return;
  }
  tree.create(file, accountPageCode(settings, app.prefix, ACCOUNT.className));
  report.done(`${file}: the sample page for signed-in users`);
}

/** The routes below a route's `children` (and theirs), with their URL when every path on the way is a string. */
function nestedRoutes(element: ts.Expression, parentUrl: string | undefined): (ExistingRoute & { url?: string })[] {
  const route = describe(element);
  const object = routeObject(element);
  const children = object && propertyValue(object, 'children');
  if (!children || !ts.isArrayLiteralExpression(children)) {
    return [];
  }
  const url = parentUrl === undefined || route.path === undefined ? undefined : joinUrl(parentUrl, route.path);
  return children.elements.flatMap((child) => {
    const described = describe(child);
    const childUrl = url === undefined || described.path === undefined ? undefined : joinUrl(url, described.path);
    return [{ ...described, url: childUrl }, ...nestedRoutes(child, url)];
  });
}

function joinUrl(parent: string, path: string): string {
  return path === '' ? parent || '/' : `${parent.replace(/\/$/, '')}/${path}`;
}

/** A route's object: the literal itself, or the one a route helper is called with (`loginFlowRoute({...})`). */
function routeObject(element: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const node = unwrap(element);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isCallExpression(node) && node.arguments[0]) {
    const argument = unwrap(node.arguments[0]);
    return ts.isObjectLiteralExpression(argument) ? argument : undefined;
  }
  return undefined;
}

/** Whether the file binds `name` at its top level: an import, a class, a function, a variable, an enum. */
function declares(file: ts.SourceFile, name: string): boolean {
  return file.statements.some((statement) => {
    if (ts.isImportDeclaration(statement)) {
      // The sample page's own import (a route removed since) is the one the route would need anyway.
      const module = ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
      const clause = module === `./${ACCOUNT.folder}/${ACCOUNT.folder}` ? undefined : statement.importClause;
      if (!clause) return false;
      if (clause.name?.text === name) return true;
      const bindings = clause.namedBindings;
      if (!bindings) return false;
      return ts.isNamespaceImport(bindings)
        ? bindings.name.text === name
        : bindings.elements.some((element) => element.name.text === name);
    }
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.some(
        (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name,
      );
    }
    if (
      ts.isClassDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement)
    ) {
      return statement.name?.text === name;
    }
    return false;
  });
}

/** Whether the file exports a class `name` (`export class Account`). */
function exportsClass(file: ts.SourceFile, name: string): boolean {
  return file.statements.some(
    (statement) =>
      ts.isClassDeclaration(statement) &&
      statement.name?.text === name &&
      (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
  );
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
