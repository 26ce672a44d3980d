// `ng add ngx-kratos`: Kratos's provider, a page per flow, a sample route behind a session, the dev server's proxy and
// the theme. Every edit goes through the file's syntax tree or the workspace API; what is there already is kept, so
// a second run changes nothing; a file in a shape it does not know is left as it is, with what to add by hand.
import { Rule, SchematicContext, Tree } from '@angular-devkit/schematics';
import { readWorkspace, writeWorkspace } from '@schematics/angular/utility';
import { Edits } from './edits.cjs';
import { setUpNgModule } from './ng-module.cjs';
import { findBootstrap, resolveApp } from './project.cjs';
import { Report } from './report.cjs';
import { addRoutes, RoutesRef } from './routes.cjs';
import { NgAddOptions, settle } from './schema.cjs';
import { setUpStandalone } from './standalone.cjs';
import { addTheme, setUpProxy } from './workspace.cjs';

export function ngAdd(options: NgAddOptions): Rule {
  return async (tree: Tree, context: SchematicContext) => {
    const settings = settle(options);
    const report = new Report(context.logger);
    const workspace = await readWorkspace(tree);
    const app = resolveApp(tree, workspace, settings.project);

    const edits = new Edits();
    const bootstrap = findBootstrap(tree, app.mainPath);
    let routes: RoutesRef | null = null;
    if (bootstrap.kind === 'standalone') {
      routes = setUpStandalone(tree, edits, settings, bootstrap.main, bootstrap.call, report);
    } else if (bootstrap.kind === 'module') {
      routes = setUpNgModule(tree, edits, settings, bootstrap.main, bootstrap.call, report);
    } else {
      report.warn(
        `${app.mainPath} calls neither bootstrapApplication(...) nor bootstrapModule(...): nothing was added to the ` +
          `app's providers or routes. See the README's quick start for provideKratos(...) and the flow routes.`,
      );
    }
    if (bootstrap.kind !== 'unknown') {
      addRoutes(tree, edits, app, settings, routes, report);
    }
    edits.apply(tree);

    const proxyChanged = settings.skipProxy ? false : setUpProxy(tree, app, settings, report);
    const themeChanged = settings.skipTheme ? false : addTheme(app, report);
    if (proxyChanged || themeChanged) {
      await writeWorkspace(tree, workspace);
    }
    nextSteps(settings.kratosUrl, settings.skipProxy, report);
  };
}

function nextSteps(kratosUrl: string, skipProxy: boolean, report: Report): void {
  const publicUrl = skipProxy ? kratosUrl : 'http://localhost:4200/.ory';
  report.done(
    `next: in Kratos's configuration, serve.public.base_url: ${publicUrl} and selfservice.flows.<flow>.ui_url: ` +
      `the app's pages (http://localhost:4200/login, …)` +
      (skipProxy
        ? `; allow the app's origin in serve.public.cors, with credentials. Then ng serve.`
        : `. Then ng serve: the dev server sends /.ory to ${kratosUrl}.`),
  );
}
