// A standalone app: provideKratos(...) and HttpClient in its application config, input binding on its router.
import { Tree } from '@angular-devkit/schematics';
import {
  findCalls,
  findInRelativeImports,
  isCallTo,
  Located,
  mentions,
  propertyValue,
  resolveIdentifier,
  Source,
  ts,
  unwrap,
} from './ast.cjs';
import { provideKratosCode } from './code.cjs';
import { appendArgument, appendToArray, Edits, FileEdit, Imports, importsCode } from './edits.cjs';
import { Report } from './report.cjs';
import { RoutesRef } from './routes.cjs';
import { Settings } from './schema.cjs';

export function setUpStandalone(
  tree: Tree,
  edits: Edits,
  settings: Settings,
  main: Source,
  bootstrap: ts.CallExpression,
  report: Report,
): RoutesRef | null {
  const config = findAppConfig(tree, main, bootstrap);
  if (!config) {
    report.byHand(
      main.path,
      'bootstrapApplication(...) has no application config this schematic can follow (an object literal, or a const ' +
        'imported from a relative file)',
      byHandCode(settings),
    );
    return null;
  }
  const path = config.source.path;
  const providers = propertyValue(config.node, 'providers');
  if (!providers || !ts.isArrayLiteralExpression(providers)) {
    report.byHand(path, 'its application config has no providers array', byHandCode(settings));
    return null;
  }
  const file = config.source.file;
  const edit = edits.for(config.source);
  const items: string[] = [];
  if (findCalls(file, 'provideHttpClient').length > 0 || mentions(file, 'HttpClientModule')) {
    report.kept(`${path}: HttpClient`);
  } else {
    items.push('provideHttpClient(withFetch())');
    edit.need('@angular/common/http', ['provideHttpClient', 'withFetch']);
    report.done(`${path}: provideHttpClient(withFetch()) added to the providers`);
  }
  const helper =
    findCalls(file, 'provideKratos').length > 0
      ? null
      : findInRelativeImports(tree, config.source, (imported) => findCalls(imported, 'provideKratos').length > 0);
  if (findCalls(file, 'provideKratos').length > 0) {
    report.kept(`${path}: provideKratos(...)`);
  } else if (helper) {
    // A helper of the app's own (`provideAuth()` in ./auth) provides Kratos already: a second provideKratos would
    // override its configuration.
    report.byHand(
      path,
      `${helper}, which it imports, calls provideKratos(...) already, so none was added here; check that it ends up ` +
        `in the providers and has the flow pages`,
      provideKratosCode(settings),
    );
  } else {
    items.push(provideKratosCode(settings));
    edit.need('ngx-kratos', ['provideKratos', 'withFlowPages']);
    report.done(
      `${path}: provideKratos({ baseUrl: '${settings.baseUrl}' }, withFlowPages(...)) added to the providers`,
    );
  }
  appendToArray(edit, providers, items);

  let routes: RoutesRef | null = null;
  const [router] = findCalls(providers, 'provideRouter');
  if (!router) {
    report.byHand(
      path,
      'its providers have no provideRouter(...)',
      `// in the providers, with provideRouter and withComponentInputBinding from '@angular/router':\n` +
        `provideRouter(routes, withComponentInputBinding()),`,
    );
  } else {
    bindComponentInputs(edit, router, path, report);
    const [first] = router.arguments;
    routes = first ? { source: config.source, expression: first } : null;
  }
  return routes;
}

/**
 * `withComponentInputBinding()` among `provideRouter(...)`'s features (a standalone app's, or an NgModule's providers):
 * the flow routes hand their flow to the component as route data `flow`, bound to its input `flow`.
 */
export function bindComponentInputs(edit: FileEdit, router: ts.CallExpression, path: string, report: Report): void {
  if (router.arguments.some((argument) => isCallTo(unwrap(argument), 'withComponentInputBinding'))) {
    report.kept(`${path}: withComponentInputBinding()`);
    return;
  }
  appendArgument(edit, router, 'withComponentInputBinding()');
  edit.need('@angular/router', ['withComponentInputBinding']);
  report.done(`${path}: withComponentInputBinding() added to provideRouter(...)`);
}

/** The application config object: inline in main.ts, or a const there or in a relatively imported file. */
function findAppConfig(
  tree: Tree,
  main: Source,
  bootstrap: ts.CallExpression,
): Located<ts.ObjectLiteralExpression> | null {
  const argument = bootstrap.arguments[1];
  if (!argument) return null;
  const config = unwrap(argument);
  if (ts.isObjectLiteralExpression(config)) {
    return { source: main, node: config };
  }
  if (ts.isIdentifier(config)) {
    const resolved = resolveIdentifier(tree, main, config);
    if (resolved && ts.isObjectLiteralExpression(resolved.node)) {
      return { source: resolved.source, node: resolved.node };
    }
  }
  return null;
}

const BY_HAND_IMPORTS: Imports = [
  ['@angular/common/http', ['provideHttpClient', 'withFetch']],
  ['@angular/router', ['provideRouter', 'withComponentInputBinding']],
  ['ngx-kratos', ['provideKratos', 'withFlowPages']],
];

function byHandCode(settings: Settings): string {
  return (
    `${importsCode(BY_HAND_IMPORTS)}\n\n// in the application config's providers:\n` +
    `provideHttpClient(withFetch()),\nprovideRouter(routes, withComponentInputBinding()),\n${provideKratosCode(settings)},`
  );
}
