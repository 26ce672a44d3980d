// An NgModule app: KratosModule.forRoot(...) in its root module's imports, HttpClient in its providers, input binding
// on RouterModule.forRoot(...) (in the root module or in a routing module it imports) or, when the module provides its
// router with provideRouter(...) in its providers, withComponentInputBinding() there.
import { Tree } from '@angular-devkit/schematics';
import {
  findCalls,
  findInRelativeImports,
  mentions,
  ngModuleMetadata,
  propertyValue,
  resolveImport,
  Source,
  ts,
  unwrap,
} from './ast.cjs';
import { kratosModuleCode } from './code.cjs';
import { appendArgument, appendProperty, appendToArray, Edits, FileEdit, Imports, importsCode } from './edits.cjs';
import { Report } from './report.cjs';
import { RoutesRef } from './routes.cjs';
import { Settings } from './schema.cjs';
import { bindComponentInputs } from './standalone.cjs';

const HTTP_CLIENT = 'provideHttpClient(withInterceptorsFromDi())';

export function setUpNgModule(
  tree: Tree,
  edits: Edits,
  settings: Settings,
  main: Source,
  bootstrap: ts.CallExpression,
  report: Report,
): RoutesRef | null {
  const root = findRootModule(tree, main, bootstrap);
  const metadata = root && ngModuleMetadata(root.source.file, root.name);
  if (!root || !metadata) {
    report.byHand(
      main.path,
      'bootstrapModule(...) names no @NgModule class this schematic can follow (one declared there or imported from ' +
        'a relative file)',
      byHandCode(settings),
    );
    return null;
  }
  const { source } = root;
  const path = source.path;
  const edit = edits.for(source);
  const imports = propertyValue(metadata, 'imports');
  const providers = propertyValue(metadata, 'providers');

  // What the module itself is given, not what its file mentions: an import of KratosModule that no imports array
  // uses sets nothing up.
  const kratos =
    imports && mentions(imports, 'KratosModule')
      ? 'KratosModule'
      : providers && findCalls(providers, 'provideKratos').length > 0
        ? 'provideKratos(...)'
        : null;
  const wrapper = kratos
    ? null
    : findInRelativeImports(
        tree,
        source,
        (file) => mentions(file, 'KratosModule') || findCalls(file, 'provideKratos').length > 0,
      );
  if (kratos) {
    report.kept(`${path}: ${kratos}`);
  } else if (wrapper) {
    report.byHand(
      path,
      `${wrapper}, which it imports, sets up Kratos already (KratosModule or provideKratos), so KratosModule.forRoot ` +
        `was not added; check that it ends up in ${root.name}'s imports and has the flow pages`,
      kratosModuleCode(settings),
    );
  } else if (imports && ts.isArrayLiteralExpression(imports)) {
    appendToArray(edit, imports, [kratosModuleCode(settings)]);
    edit.need('ngx-kratos', ['KratosModule', 'withFlowPages']);
    report.done(`${path}: KratosModule.forRoot({ baseUrl: '${settings.baseUrl}' }, withFlowPages(...)) imported`);
  } else {
    report.byHand(path, `@NgModule of ${root.name} has no imports array`, byHandCode(settings));
  }

  if (findCalls(source.file, 'provideHttpClient').length > 0 || mentions(source.file, 'HttpClientModule')) {
    report.kept(`${path}: HttpClient`);
  } else if (!providers || ts.isArrayLiteralExpression(providers)) {
    if (providers) appendToArray(edit, providers, [HTTP_CLIENT]);
    else appendProperty(edit, metadata, `providers: [${HTTP_CLIENT}]`);
    edit.need('@angular/common/http', ['provideHttpClient', 'withInterceptorsFromDi']);
    report.done(`${path}: ${HTTP_CLIENT} added to the providers`);
  } else {
    report.byHand(
      path,
      `the providers of ${root.name} are not an array`,
      `import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';\n\n${HTTP_CLIENT},`,
    );
  }

  const router = findRouterForRoot(tree, source, imports);
  if (router) {
    bindInputs(edits.for(router.source), router.call, router.source.path, report);
    const [first] = router.call.arguments;
    return first ? { source: router.source, expression: first } : null;
  }
  // provideRouter(routes, ...) in the module's providers: the router is there, the way a standalone app has it.
  const [provided] = providers ? findCalls(providers, 'provideRouter') : [];
  if (provided) {
    bindComponentInputs(edit, provided, path, report);
    const [first] = provided.arguments;
    return first ? { source, expression: first } : null;
  }
  report.byHand(
    path,
    `neither ${root.name} nor a routing module it imports calls RouterModule.forRoot(...), and its providers have ` +
      `no provideRouter(...)`,
    `// in the imports of ${root.name}:\nRouterModule.forRoot(routes, { bindToComponentInputs: true }),`,
  );
  return null;
}

/** The class `bootstrapModule(X)` names, and the file it is declared in. */
function findRootModule(
  tree: Tree,
  main: Source,
  bootstrap: ts.CallExpression,
): { source: Source; name: string } | null {
  const argument = bootstrap.arguments[0] && unwrap(bootstrap.arguments[0]);
  if (!argument || !ts.isIdentifier(argument)) return null;
  if (ngModuleMetadata(main.file, argument.text)) {
    return { source: main, name: argument.text };
  }
  return resolveImport(tree, main, argument.text);
}

/** `RouterModule.forRoot(...)` in the root module's file, or in the file of a module its imports name. */
function findRouterForRoot(
  tree: Tree,
  source: Source,
  imports: ts.Expression | undefined,
): { source: Source; call: ts.CallExpression } | null {
  const [local] = findCalls(source.file, 'forRoot', 'RouterModule');
  if (local) return { source, call: local };
  if (!imports || !ts.isArrayLiteralExpression(imports)) return null;
  for (const element of imports.elements) {
    const name = unwrap(element);
    if (!ts.isIdentifier(name)) continue;
    const imported = resolveImport(tree, source, name.text);
    const [call] = imported ? findCalls(imported.source.file, 'forRoot', 'RouterModule') : [];
    if (imported && call) return { source: imported.source, call };
  }
  return null;
}

/** `{ bindToComponentInputs: true }`: the flow routes hand their flow to the component's input `flow`. */
function bindInputs(edit: FileEdit, call: ts.CallExpression, path: string, report: Report): void {
  const options = call.arguments[1] && unwrap(call.arguments[1]);
  if (!options) {
    appendArgument(edit, call, '{ bindToComponentInputs: true }');
    report.done(`${path}: RouterModule.forRoot(routes, { bindToComponentInputs: true })`);
    return;
  }
  if (ts.isObjectLiteralExpression(options)) {
    const bind = propertyValue(options, 'bindToComponentInputs');
    if (!bind) {
      appendProperty(edit, options, 'bindToComponentInputs: true');
      report.done(`${path}: bindToComponentInputs: true added to RouterModule.forRoot(...)'s options`);
      return;
    }
    if (bind.kind === ts.SyntaxKind.TrueKeyword) {
      report.kept(`${path}: bindToComponentInputs: true`);
      return;
    }
  }
  report.byHand(
    path,
    `RouterModule.forRoot(...)'s options do not say bindToComponentInputs: true`,
    `// the flow pages get their flow as an input:\nRouterModule.forRoot(routes, { bindToComponentInputs: true }),`,
  );
}

const BY_HAND_IMPORTS: Imports = [
  ['@angular/common/http', ['provideHttpClient', 'withInterceptorsFromDi']],
  ['@angular/router', ['RouterModule']],
  ['ngx-kratos', ['KratosModule', 'withFlowPages']],
];

function byHandCode(settings: Settings): string {
  return (
    `${importsCode(BY_HAND_IMPORTS)}\n\n// in the root module's imports:\n` +
    `RouterModule.forRoot(routes, { bindToComponentInputs: true }),\n${kratosModuleCode(settings)},\n` +
    `// in its providers:\n${HTTP_CLIENT},`
  );
}
