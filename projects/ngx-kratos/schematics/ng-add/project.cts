import { join, normalize } from '@angular-devkit/core';
import { SchematicsException, Tree } from '@angular-devkit/schematics';
import { ProjectDefinition, WorkspaceDefinition } from '@schematics/angular/utility';
import { findCalls, readSource, Source, ts } from './ast.cjs';

/** The application being set up, as angular.json describes it. */
export interface App {
  name: string;
  project: ProjectDefinition;
  /** The project's root (`''` for the workspace's own app), where proxy.conf.json goes. */
  root: string;
  /** The component selector prefix (`app`). */
  prefix: string;
  /** The build's entry file (`src/main.ts`). */
  mainPath: string;
}

export function resolveApp(tree: Tree, workspace: WorkspaceDefinition, requested: string | undefined): App {
  const applications = [...workspace.projects]
    .filter(([, project]) => project.extensions['projectType'] === 'application')
    .map(([name]) => name);
  const name = requested ?? (applications.length === 1 ? applications[0] : undefined);
  if (name === undefined) {
    throw new SchematicsException(
      applications.length === 0
        ? 'ngx-kratos: this workspace has no application project to set up.'
        : `ngx-kratos: this workspace has several applications (${applications.join(', ')}): name one with --project.`,
    );
  }
  const project = workspace.projects.get(name);
  if (!project) {
    throw new SchematicsException(`ngx-kratos: there is no project '${name}' in angular.json.`);
  }
  if (project.extensions['projectType'] !== 'application') {
    throw new SchematicsException(`ngx-kratos: '${name}' is a library; ng add ngx-kratos sets up an application.`);
  }
  const options = project.targets.get('build')?.options ?? {};
  const main = options['browser'] ?? options['main'];
  if (typeof main !== 'string' || !tree.exists(main)) {
    throw new SchematicsException(
      `ngx-kratos: the build target of '${name}' names no entry file (options.browser or options.main) that exists.`,
    );
  }
  const prefix = project.extensions['prefix'];
  return {
    name,
    project,
    root: project.root,
    prefix: typeof prefix === 'string' && prefix !== '' ? prefix : 'app',
    mainPath: normalize(main),
  };
}

/** A path in the project's root, as angular.json writes paths (relative to the workspace, no leading `./`). */
export function inProjectRoot(app: App, file: string): string {
  return app.root === '' ? file : join(normalize(app.root), file);
}

/** How main.ts starts the app: `bootstrapApplication(App, config)` or `bootstrapModule(AppModule)`. */
export type Bootstrap =
  | { kind: 'standalone'; main: Source; call: ts.CallExpression }
  | { kind: 'module'; main: Source; call: ts.CallExpression }
  | { kind: 'unknown'; main: Source };

export function findBootstrap(tree: Tree, mainPath: string): Bootstrap {
  const main = readSource(tree, mainPath);
  const [standalone] = findCalls(main.file, 'bootstrapApplication');
  if (standalone) {
    return { kind: 'standalone', main, call: standalone };
  }
  const [module] = findCalls(main.file, 'bootstrapModule');
  if (module) {
    return { kind: 'module', main, call: module };
  }
  return { kind: 'unknown', main };
}
