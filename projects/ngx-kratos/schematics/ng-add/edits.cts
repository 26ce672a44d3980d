import { Tree } from '@angular-devkit/schematics';
import { Source, ts } from './ast.cjs';

const INDENT = '  ';

/**
 * Text insertions into one file, at positions of the file as parsed, and the named imports the inserted code needs;
 * applied together, in order.
 */
export class FileEdit {
  private readonly insertions: { pos: number; text: string }[] = [];
  private readonly imports = new Map<string, string[]>();

  constructor(readonly source: Source) {}

  insert(pos: number, text: string): void {
    this.insertions.push({ pos, text });
  }

  /** Names the inserted code uses from `module`: imported when applied, unless the file imports them already. */
  need(module: string, names: readonly string[]): void {
    this.imports.set(module, [...(this.imports.get(module) ?? []), ...names]);
  }

  apply(tree: Tree): void {
    addImports(this, [...this.imports]);
    this.imports.clear();
    if (this.insertions.length === 0) return;
    const recorder = tree.beginUpdate(this.source.path);
    // A stable sort: insertions at one position keep the order they were made in.
    for (const { pos, text } of [...this.insertions].sort((a, b) => a.pos - b.pos)) {
      recorder.insertLeft(pos, text);
    }
    tree.commitUpdate(recorder);
  }
}

/**
 * The edits of one run, one `FileEdit` a file: every position is one of the files as they were read, so every edit is
 * planned before any is applied.
 */
export class Edits {
  private readonly files = new Map<string, FileEdit>();

  for(source: Source): FileEdit {
    let edit = this.files.get(source.path);
    if (!edit) {
      edit = new FileEdit(source);
      this.files.set(source.path, edit);
    }
    return edit;
  }

  apply(tree: Tree): void {
    for (const edit of this.files.values()) edit.apply(tree);
  }
}

/** The whitespace that starts the line `pos` is on. */
export function indentAt(file: ts.SourceFile, pos: number): string {
  const lineStart = file.text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? '';
}

/** `text` with every line after its first indented by `indent` (the first goes where the insertion is). */
export function reindent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}

function lineOf(file: ts.SourceFile, pos: number): number {
  return file.getLineAndCharacterOfPosition(pos).line;
}

/**
 * Adds `items` to a list (an array's elements, an object's properties, a call's arguments): after its last item, or
 * before `before`, one per line if the list has one per line (else on its line), keeping its trailing comma if it has
 * one. `container` is the array, object or call; `openEnd` the position just after its opening bracket.
 */
export function appendToList(
  edit: FileEdit,
  container: ts.Node,
  list: ts.NodeArray<ts.Node>,
  openEnd: number,
  items: readonly string[],
  before?: ts.Node,
): void {
  if (items.length === 0) return;
  const file = edit.source.file;
  if (list.length === 0) {
    const outer = indentAt(file, container.getStart());
    const inner = outer + INDENT;
    const lines = items.map((item) => `${inner}${reindent(item, inner)},`);
    edit.insert(openEnd, `\n${lines.join('\n')}\n${outer}`);
    return;
  }
  const multiline = lineOf(file, list[0].getStart()) !== lineOf(file, container.getStart());
  if (before) {
    const indent = indentAt(file, before.getStart());
    const separator = multiline ? `\n${indent}` : ' ';
    edit.insert(before.getStart(), items.map((item) => `${reindent(item, indent)},${separator}`).join(''));
    return;
  }
  const last = list[list.length - 1];
  const indent = multiline ? indentAt(file, last.getStart()) : indentAt(file, container.getStart());
  const separator = multiline ? `\n${indent}` : ' ';
  if (list.hasTrailingComma) {
    const comma = file.text.indexOf(',', last.getEnd());
    edit.insert(comma + 1, items.map((item) => `${separator}${reindent(item, indent)},`).join(''));
  } else {
    edit.insert(last.getEnd(), items.map((item) => `,${separator}${reindent(item, indent)}`).join(''));
  }
}

export function appendToArray(
  edit: FileEdit,
  array: ts.ArrayLiteralExpression,
  items: readonly string[],
  before?: ts.Node,
): void {
  appendToList(edit, array, array.elements, array.getStart() + 1, items, before);
}

export function appendArgument(edit: FileEdit, call: ts.CallExpression, argument: string): void {
  appendToList(edit, call, call.arguments, call.arguments.pos, [argument]);
}

export function appendProperty(edit: FileEdit, object: ts.ObjectLiteralExpression, property: string): void {
  appendToList(edit, object, object.properties, object.getStart() + 1, [property]);
}

/** The named imports a file needs, by module: `[['ngx-kratos', ['provideKratos', 'withFlowPages']]]`. */
export type Imports = readonly (readonly [module: string, names: readonly string[]])[];

/**
 * Inserts the named imports the file lacks: into its import of the module if it has one, else as a new import after its
 * last import. A name imported as a type only does not count.
 */
function addImports(edit: FileEdit, imports: Imports): void {
  const file = edit.source.file;
  const declarations = file.statements.filter(ts.isImportDeclaration);
  const fresh: [module: string, names: string[]][] = [];
  for (const [module, names] of imports) {
    const fromModule = declarations.filter(
      (declaration) =>
        ts.isStringLiteral(declaration.moduleSpecifier) &&
        declaration.moduleSpecifier.text === module &&
        declaration.importClause !== undefined &&
        !declaration.importClause.isTypeOnly,
    );
    const imported = new Set<string>();
    let target: ts.NamedImports | undefined;
    for (const declaration of fromModule) {
      const bindings = declaration.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        target ??= bindings;
        for (const element of bindings.elements) {
          if (!element.isTypeOnly) imported.add(element.name.text);
        }
      }
    }
    const missing = [...new Set(names)].filter((name) => !imported.has(name));
    if (missing.length === 0) continue;
    if (target) {
      const last = target.elements[target.elements.length - 1];
      if (last) {
        edit.insert(last.getEnd(), `, ${missing.join(', ')}`);
      } else {
        edit.insert(target.getStart() + 1, ` ${missing.join(', ')} `);
      }
    } else {
      fresh.push([module, missing]);
    }
  }
  // Packages after the file's last package import, relative files after its last import (Angular's own layout).
  const isRelative = (module: string) => module.startsWith('.');
  const lastImport = declarations[declarations.length - 1];
  const lastPackage = [...declarations]
    .reverse()
    .find(
      (declaration) => ts.isStringLiteral(declaration.moduleSpecifier) && !isRelative(declaration.moduleSpecifier.text),
    );
  for (const relative of [false, true]) {
    const group = fresh.filter(([module]) => isRelative(module) === relative);
    if (group.length === 0) continue;
    const code = importsCode(group);
    const after = relative ? lastImport : lastPackage;
    if (after) {
      edit.insert(after.getEnd(), `\n${code}`);
    } else if (!relative && lastImport) {
      edit.insert(declarations[0].getStart(), `${code}\n`);
    } else {
      edit.insert(0, `${code}\n\n`);
    }
  }
}

/**
 * The import declarations of `imports`, one per module, names sorted, one a line when the declaration would be longer
 * than a line of `ng new`'s Prettier configuration.
 */
export function importsCode(imports: Imports): string {
  return imports
    .map(([module, names]) => {
      const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
      const inline = `import { ${sorted.join(', ')} } from '${module}';`;
      return inline.length <= 100
        ? inline
        : `import {\n${sorted.map((name) => `  ${name},`).join('\n')}\n} from '${module}';`;
    })
    .join('\n');
}
