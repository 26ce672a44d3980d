import { dirname, join, normalize } from '@angular-devkit/core';
import { Tree } from '@angular-devkit/schematics';
// The TypeScript that @schematics/angular ships for schematics: the app's own TypeScript may be another version.
import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';

export { ts };

/** A parsed file of the tree. */
export interface Source {
  path: string;
  file: ts.SourceFile;
}

/** A node together with the file it is in. */
export interface Located<T extends ts.Node> {
  source: Source;
  node: T;
}

export function readSource(tree: Tree, path: string): Source {
  const text = tree.readText(path);
  return { path, file: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS) };
}

/** Like `readSource`, or `null` when the file does not exist. */
export function readSourceIfExists(tree: Tree, path: string): Source | null {
  return tree.exists(path) ? readSource(tree, path) : null;
}

/** `expr` without parentheses, `as T`, `satisfies T`, `<T>` and `!`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * Whether `node` calls `name`: `name(...)`, or with `owner`, `owner.name(...)` (`RouterModule.forRoot`). A plain
 * name matches `x.name(...)` too, so that a namespace import (`kratos.provideKratos`) counts.
 */
export function isCallTo(node: ts.Node, name: string, owner?: string): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) {
    return false;
  }
  const callee = node.expression;
  if (ts.isIdentifier(callee)) {
    return owner === undefined && callee.text === name;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === name) {
    return owner === undefined || (ts.isIdentifier(callee.expression) && callee.expression.text === owner);
  }
  return false;
}

/** Every call to `name` (see `isCallTo`) at or below `node`, in source order. */
export function findCalls(node: ts.Node, name: string, owner?: string): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (current: ts.Node): void => {
    if (isCallTo(current, name, owner)) {
      found.push(current);
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

/** Whether the identifier `name` appears at or below `node` (an expression such as `HttpClientModule`). */
export function mentions(node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(current) && current.text === name) {
      found = true;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

/** The property `name: value` of an object literal, its value unwrapped. */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyName(property.name) === name) {
      return unwrap(property.initializer);
    }
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The string value of a route-like object's `path`, if it is a string literal. */
export function stringProperty(object: ts.ObjectLiteralExpression, name: string): string | undefined {
  const value = propertyValue(object, name);
  return value && ts.isStringLiteralLike(value) ? value.text : undefined;
}

/**
 * What an identifier stands for: the initializer of a top-level `const`/`let` of that name in the same file, or
 * in the file a relative named import brings it from (`./app.routes` → `./app.routes.ts` or `./app.routes/index.ts`).
 * Path mappings and re-exports are not followed (that needs the whole program): they resolve to `null`.
 */
export function resolveIdentifier(
  tree: Tree,
  source: Source,
  identifier: ts.Identifier,
): Located<ts.Expression> | null {
  const local = topLevelInitializer(source.file, identifier.text);
  if (local) {
    return { source, node: local };
  }
  const imported = resolveImport(tree, source, identifier.text);
  if (!imported) {
    return null;
  }
  const initializer = topLevelInitializer(imported.source.file, imported.name);
  return initializer ? { source: imported.source, node: initializer } : null;
}

/** The file and exported name that a relative named import of `name` in `source` refers to. */
export function resolveImport(tree: Tree, source: Source, name: string): { source: Source; name: string } | null {
  for (const statement of source.file.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      !statement.moduleSpecifier.text.startsWith('.') ||
      !statement.importClause?.namedBindings ||
      !ts.isNamedImports(statement.importClause.namedBindings)
    ) {
      continue;
    }
    const specifier = statement.importClause.namedBindings.elements.find((element) => element.name.text === name);
    if (!specifier) {
      continue;
    }
    const base = join(dirname(normalize(source.path)), statement.moduleSpecifier.text);
    for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
      const found = readSourceIfExists(tree, candidate);
      if (found) {
        return { source: found, name: (specifier.propertyName ?? specifier.name).text };
      }
    }
    return null;
  }
  return null;
}

function topLevelInitializer(file: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) {
      continue;
    }
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
        return unwrap(declaration.initializer);
      }
    }
  }
  return undefined;
}

/** The object literal of `@NgModule({...})` on the class `name` of `file`. */
export function ngModuleMetadata(file: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement) || statement.name?.text !== name) {
      continue;
    }
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const call = decorator.expression;
      if (isCallTo(call, 'NgModule') && call.arguments.length > 0) {
        const metadata = unwrap(call.arguments[0]);
        return ts.isObjectLiteralExpression(metadata) ? metadata : undefined;
      }
    }
  }
  return undefined;
}

/**
 * The first file among those `source` imports from relatively (and theirs, `depth` levels down) in which `found`
 * holds: a helper of the app's own that calls `provideKratos(...)` (`provideAuth()` in `./auth`), for one.
 */
export function findInRelativeImports(
  tree: Tree,
  source: Source,
  found: (file: ts.SourceFile) => boolean,
  depth = 3,
  seen = new Set<string>([normalize(source.path)]),
): string | null {
  if (depth === 0) return null;
  for (const statement of source.file.statements) {
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (!specifier?.startsWith('.') || (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly)) {
      continue;
    }
    const base = join(dirname(normalize(source.path)), specifier);
    const path = [`${base}.ts`, `${base}/index.ts`].find((candidate) => tree.exists(candidate));
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const imported = readSource(tree, path);
    if (found(imported.file)) return path;
    const deeper = findInRelativeImports(tree, imported, found, depth - 1, seen);
    if (deeper) return deeper;
  }
  return null;
}
