// `ng add ngx-kratos`, the schematic as built (dist/ngx-kratos/schematics, by `npm run build`), on app trees that
// @schematics/angular generates: standalone and NgModule, and variants of them in shapes it must leave alone.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(join(root, 'package.json'));
const { SchematicTestRunner } = require('@angular-devkit/schematics/testing');
const ts = require('typescript');

const collection = join(root, 'dist/ngx-kratos/schematics/collection.json');
if (!existsSync(collection)) {
  throw new Error(
    'dist/ngx-kratos/schematics is missing: run `npm run build` (ng build ngx-kratos, then the schematics).',
  );
}

const FLOWS = ['login', 'registration', 'recovery', 'verification', 'settings'];
const APP = 'projects/app/src/app';

/** A workspace with one application `app` (or `name`), as `ng new` + `ng g application` make it. */
async function appTree({ standalone = true, name = 'app', tree } = {}) {
  const runner = new SchematicTestRunner('ngx-kratos', collection);
  let made =
    tree ??
    (await runner.runExternalSchematic('@schematics/angular', 'workspace', {
      name: 'workspace',
      newProjectRoot: 'projects',
      version: '21.2.24',
    }));
  made = await runner.runExternalSchematic(
    '@schematics/angular',
    'application',
    { name, standalone, routing: true, style: 'css', skipTests: true, ssr: false },
    made,
  );
  return made;
}

/** Runs ng-add on `tree`: the new tree and what it logged, by level. */
async function ngAdd(tree, options = {}) {
  const runner = new SchematicTestRunner('ngx-kratos', collection);
  const logs = [];
  runner.logger.subscribe((entry) => logs.push({ level: entry.level, message: entry.message }));
  const result = await runner.runSchematic('ng-add', options, tree);
  return {
    tree: result,
    logs,
    warnings: logs.filter((entry) => entry.level === 'warn').map((entry) => entry.message),
  };
}

/** Every file of a tree with its content. */
function snapshot(tree) {
  return new Map(tree.files.map((file) => [file, tree.read(file).toString('base64')]));
}

function angularJson(tree) {
  return JSON.parse(tree.readText('angular.json'));
}

/**
 * Type-checks the app's TypeScript as its own tsconfig would (strict, `module: preserve`), with `ngx-kratos` resolved
 * to the built package: the code the schematic wrote must use the library's API as it is. The tree's files are
 * served from a folder that is never written, under the workspace, so that node_modules resolves.
 */
function typeCheck(tree, project = 'projects/app') {
  const base = join(root, '.ng-add-typecheck');
  const virtual = new Map(
    tree.files
      .filter((file) => file.startsWith(`/${project}/src/`) || file.startsWith(`${project}/src/`))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => [join(base, file), tree.readText(file)]),
  );
  const options = {
    strict: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitReturns: true,
    skipLibCheck: true,
    isolatedModules: true,
    experimentalDecorators: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    types: [],
    paths: {
      'ngx-kratos': [join(root, 'dist/ngx-kratos')],
      'ngx-kratos/*': [join(root, 'dist/ngx-kratos/*')],
    },
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  const { directoryExists } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.directoryExists = (dir) =>
    [...virtual.keys()].some((file) => file.startsWith(`${dir}/`)) || directoryExists.call(host, dir);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    virtual.has(file)
      ? ts.createSourceFile(file, virtual.get(file), language, true)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('ng add ngx-kratos on a standalone app', () => {
  test('provides Kratos behind /.ory with a page per flow, HttpClient and input binding', async () => {
    const { tree, warnings } = await ngAdd(await appTree());
    assert.deepEqual(warnings, []);
    const config = tree.readText(`${APP}/app.config.ts`);
    assert.match(config, /import \{ provideKratos, withFlowPages \} from 'ngx-kratos';/);
    assert.match(config, /import \{ provideHttpClient, withFetch \} from '@angular\/common\/http';/);
    assert.match(config, /provideRouter\(routes, withComponentInputBinding\(\)\)/);
    assert.match(config, /provideHttpClient\(withFetch\(\)\)/);
    assert.match(config, /provideKratos\(\s*\{ baseUrl: '\/\.ory' \},\s*withFlowPages\(\{/);
    for (const flow of [...FLOWS, 'error']) assert.match(config, new RegExp(`${flow}: '/${flow}',`));
    assert.match(config, /home: '\/',/);
  });

  test('adds a route per flow with its ngx-kratos/ui component, the error page and a page behind requireSession()', async () => {
    const { tree } = await ngAdd(await appTree());
    const routes = tree.readText(`${APP}/app.routes.ts`);
    const components = {
      login: 'KratosLogin',
      registration: 'KratosRegistration',
      recovery: 'KratosRecovery',
      verification: 'KratosVerification',
      settings: 'KratosSettings',
      error: 'KratosFlowError',
    };
    for (const [flow, component] of Object.entries(components)) {
      assert.match(routes, new RegExp(`${flow}FlowRoute\\(\\{\\s*path: '${flow}',\\s*component: ${component},`));
    }
    // Signed-out pages only for the flows of signed-out users.
    assert.match(routes, /loginFlowRoute\(\{[^)]*canActivate: \[guestOnly\(\)\]/);
    assert.doesNotMatch(routes, /settingsFlowRoute\(\{[^)]*guestOnly/);
    assert.match(
      routes,
      /\{ path: 'account', component: Account, title: 'Your account', canMatch: \[requireSession\(\)\] \}/,
    );
    assert.match(routes, /import \{ Account \} from '\.\/account\/account';/);
    assert.match(routes, /from 'ngx-kratos\/ui';/);
    const page = tree.readText(`${APP}/account/account.ts`);
    assert.match(page, /selector: 'app-account'/);
    assert.match(page, /injectKratosSession\(\)/);
    assert.match(page, /routerLink="\/settings"/);
  });

  test('wires the dev-server proxy and the theme into angular.json', async () => {
    const { tree } = await ngAdd(await appTree(), { kratosUrl: 'https://auth.example.com/' });
    const proxy = JSON.parse(tree.readText('projects/app/proxy.conf.json'));
    assert.deepEqual(proxy, {
      '/.ory': { target: 'https://auth.example.com', pathRewrite: { '^/\\.ory': '' }, changeOrigin: true },
    });
    const app = angularJson(tree).projects.app.architect;
    assert.equal(app.serve.options.proxyConfig, 'projects/app/proxy.conf.json');
    assert.deepEqual(app.build.options.styles, ['ngx-kratos/ui/theme.css', 'projects/app/src/styles.css']);
    // The configuration keeps its serve configurations.
    assert.equal(app.serve.configurations.development.buildTarget, 'app:build:development');
  });

  test('a loopback Kratos is proxied as the demo does it (no Host rewrite)', async () => {
    const { tree } = await ngAdd(await appTree());
    const proxy = JSON.parse(tree.readText('projects/app/proxy.conf.json'));
    assert.deepEqual(proxy['/.ory'], {
      target: 'http://127.0.0.1:4433',
      pathRewrite: { '^/\\.ory': '' },
      changeOrigin: false,
    });
  });

  test('the code it writes type-checks against the built library', async () => {
    const { tree } = await ngAdd(await appTree());
    assert.deepEqual(typeCheck(tree), []);
  });

  test('a second run changes nothing, and says it kept what is there', async () => {
    const first = await ngAdd(await appTree());
    const before = snapshot(first.tree);
    const second = await ngAdd(first.tree);
    assert.deepEqual(snapshot(second.tree), before);
    assert.deepEqual(second.warnings, []);
    assert.ok(second.logs.some((entry) => /provideKratos\(\.\.\.\) \(already there/.test(entry.message)));
  });
});

describe('ng add ngx-kratos on an NgModule app', () => {
  test('imports KratosModule.forRoot, provides HttpClient, binds inputs and adds the routes to the routing module', async () => {
    const { tree, warnings } = await ngAdd(await appTree({ standalone: false }));
    assert.deepEqual(warnings, []);
    const module = tree.readText(`${APP}/app-module.ts`);
    assert.match(module, /KratosModule\.forRoot\(\s*\{ baseUrl: '\/\.ory' \},\s*withFlowPages\(\{/);
    assert.match(module, /import \{ KratosModule, withFlowPages \} from 'ngx-kratos';/);
    assert.match(module, /provideHttpClient\(withInterceptorsFromDi\(\)\)/);
    const routing = tree.readText(`${APP}/app-routing-module.ts`);
    assert.match(routing, /RouterModule\.forRoot\(routes, \{ bindToComponentInputs: true \}\)/);
    for (const flow of FLOWS) assert.match(routing, new RegExp(`${flow}FlowRoute\\(`));
    assert.match(routing, /canMatch: \[requireSession\(\)\]/);
    assert.ok(tree.exists(`${APP}/account/account.ts`));
    assert.equal(angularJson(tree).projects.app.architect.serve.options.proxyConfig, 'projects/app/proxy.conf.json');
  });

  test('the code it writes type-checks against the built library', async () => {
    const { tree } = await ngAdd(await appTree({ standalone: false }));
    assert.deepEqual(typeCheck(tree), []);
  });

  test('a second run changes nothing', async () => {
    const first = await ngAdd(await appTree({ standalone: false }));
    const before = snapshot(first.tree);
    const second = await ngAdd(first.tree);
    assert.deepEqual(snapshot(second.tree), before);
    assert.deepEqual(second.warnings, []);
  });

  test('forRoot options it already has get bindToComponentInputs beside them', async () => {
    const tree = await appTree({ standalone: false });
    const file = `${APP}/app-routing-module.ts`;
    tree.overwrite(
      file,
      tree.readText(file).replace('forRoot(routes)', "forRoot(routes, { onSameUrlNavigation: 'reload' })"),
    );
    const { tree: result } = await ngAdd(tree);
    assert.match(
      result.readText(file),
      /forRoot\(routes, \{ onSameUrlNavigation: 'reload', bindToComponentInputs: true \}\)/,
    );
  });
});

/**
 * The NgModule app with its router as `provideRouter(routes)` in the root module's providers, its routes in
 * app.routes.ts, and no routing module.
 */
async function providedRouterTree() {
  const tree = await appTree({ standalone: false });
  const file = `${APP}/app-module.ts`;
  tree.delete(`${APP}/app-routing-module.ts`);
  tree.create(
    `${APP}/app.routes.ts`,
    "import { Routes } from '@angular/router';\n\nexport const routes: Routes = [];\n",
  );
  tree.overwrite(
    file,
    tree
      .readText(file)
      .replace("import { AppRoutingModule } from './app-routing-module';\n", "import { routes } from './app.routes';\n")
      .replace(
        "import { BrowserModule } from '@angular/platform-browser';\n",
        "import { BrowserModule } from '@angular/platform-browser';\nimport { provideRouter } from '@angular/router';\n",
      )
      .replace(/,\s*AppRoutingModule/, '')
      .replace(
        'provideBrowserGlobalErrorListeners(),',
        'provideBrowserGlobalErrorListeners(),\n    provideRouter(routes),',
      ),
  );
  assert.doesNotMatch(tree.readText(file), /AppRoutingModule|RouterModule/);
  return tree;
}

describe('ng add ngx-kratos on an NgModule app that provides its router with provideRouter(...)', () => {
  test('binds inputs on that provideRouter and adds the flow routes to its routes; no RouterModule.forRoot', async () => {
    const { tree, warnings } = await ngAdd(await providedRouterTree());
    assert.deepEqual(warnings, []);
    const module = tree.readText(`${APP}/app-module.ts`);
    assert.match(module, /provideRouter\(routes, withComponentInputBinding\(\)\)/);
    assert.match(module, /import \{ provideRouter, withComponentInputBinding \} from '@angular\/router';/);
    assert.doesNotMatch(module, /RouterModule/);
    assert.match(module, /KratosModule\.forRoot\(/);
    const routes = tree.readText(`${APP}/app.routes.ts`);
    for (const flow of [...FLOWS, 'error']) assert.match(routes, new RegExp(`${flow}FlowRoute\\(`));
    assert.match(routes, /canMatch: \[requireSession\(\)\]/);
    assert.ok(tree.exists(`${APP}/account/account.ts`));
    assert.deepEqual(typeCheck(tree), []);
  });

  test('withComponentInputBinding() it has already is kept; a second run changes nothing', async () => {
    const first = await ngAdd(await providedRouterTree());
    const before = snapshot(first.tree);
    const second = await ngAdd(first.tree);
    assert.deepEqual(snapshot(second.tree), before);
    assert.deepEqual(second.warnings, []);
    assert.ok(second.logs.some((entry) => /withComponentInputBinding\(\) \(already there/.test(entry.message)));
  });
});

describe('KratosModule or provideKratos counts where the root module uses it, not where its file mentions it', () => {
  test('an import of KratosModule that no imports array uses: KratosModule.forRoot still goes in', async () => {
    const tree = await appTree({ standalone: false });
    const file = `${APP}/app-module.ts`;
    tree.overwrite(
      file,
      tree
        .readText(file)
        .replace(
          "import { BrowserModule } from '@angular/platform-browser';\n",
          "import { BrowserModule } from '@angular/platform-browser';\nimport { KratosModule } from 'ngx-kratos';\n",
        ),
    );
    const { tree: result, warnings } = await ngAdd(tree);
    assert.deepEqual(warnings, []);
    const module = result.readText(file);
    assert.match(module, /imports: \[[^\]]*KratosModule\.forRoot\(\s*\{ baseUrl: '\/\.ory' \},\s*withFlowPages\(\{/);
    assert.match(module, /import \{ KratosModule, withFlowPages \} from 'ngx-kratos';/);
    assert.deepEqual(typeCheck(result), []);
  });

  test("provideKratos(...) in the root module's providers: no KratosModule.forRoot beside it", async () => {
    const tree = await appTree({ standalone: false });
    const file = `${APP}/app-module.ts`;
    tree.overwrite(
      file,
      tree
        .readText(file)
        .replace(
          "import { BrowserModule } from '@angular/platform-browser';\n",
          "import { BrowserModule } from '@angular/platform-browser';\nimport { provideKratos } from 'ngx-kratos';\n",
        )
        .replace(
          'provideBrowserGlobalErrorListeners(),',
          "provideBrowserGlobalErrorListeners(),\n    provideKratos({ baseUrl: '/.ory' }),",
        ),
    );
    const { tree: result, warnings, logs } = await ngAdd(tree);
    assert.deepEqual(warnings, []);
    assert.doesNotMatch(result.readText(file), /KratosModule/);
    assert.ok(logs.some((entry) => /app-module\.ts: provideKratos\(\.\.\.\) \(already there/.test(entry.message)));
  });
});

describe('options', () => {
  test("--flows=login,settings (one item from ng g, a string from ng add) and the prompt's array; only those flows get pages", async () => {
    for (const flows of [['login,settings'], ['login', 'settings'], ['settings, login'], 'login,settings']) {
      const { tree } = await ngAdd(await appTree(), { flows });
      const routes = tree.readText(`${APP}/app.routes.ts`);
      assert.match(routes, /loginFlowRoute\(/);
      assert.match(routes, /settingsFlowRoute\(/);
      assert.match(routes, /errorFlowRoute\(/);
      for (const absent of ['registration', 'recovery', 'verification']) {
        assert.doesNotMatch(routes, new RegExp(`${absent}FlowRoute`));
      }
      const config = tree.readText(`${APP}/app.config.ts`);
      assert.match(
        config,
        /withFlowPages\(\{\s*login: '\/login',\s*settings: '\/settings',\s*error: '\/error',\s*home: '\/',\s*\}\)/,
      );
    }
  });

  test('without settings the sample page links nowhere it does not have', async () => {
    const { tree } = await ngAdd(await appTree(), { flows: ['login'] });
    const page = tree.readText(`${APP}/account/account.ts`);
    assert.doesNotMatch(page, /routerLink|RouterLink/);
    assert.deepEqual(typeCheck(tree), []);
  });

  test('an unknown flow or a URL that is not one fails with what it takes', async () => {
    await assert.rejects(
      ngAdd(await appTree(), { flows: ['login,signup'] }),
      /--flows takes login, registration.*'signup' is not one of them/,
    );
    await assert.rejects(
      ngAdd(await appTree(), { kratosUrl: 'auth.example.com' }),
      /--kratos-url must be Kratos's public URL/,
    );
  });

  test('--skip-proxy: no proxy, and the app calls Kratos at its own URL', async () => {
    const { tree } = await ngAdd(await appTree(), { skipProxy: true, kratosUrl: 'https://auth.example.com' });
    assert.ok(!tree.exists('projects/app/proxy.conf.json'));
    assert.equal(angularJson(tree).projects.app.architect.serve.options, undefined);
    const config = tree.readText(`${APP}/app.config.ts`);
    assert.match(config, /\{ baseUrl: 'https:\/\/auth\.example\.com' \}/);
    assert.match(config, /cross-origin/);
  });

  test('--skip-theme: the build styles stay as they were (also as the string a first ng add hands over)', async () => {
    for (const skipTheme of [true, 'true']) {
      const { tree } = await ngAdd(await appTree(), { skipTheme });
      assert.deepEqual(angularJson(tree).projects.app.architect.build.options.styles, ['projects/app/src/styles.css']);
    }
    const { tree } = await ngAdd(await appTree(), { skipTheme: 'false' });
    assert.equal(angularJson(tree).projects.app.architect.build.options.styles[0], 'ngx-kratos/ui/theme.css');
    await assert.rejects(ngAdd(await appTree(), { skipProxy: 'yes' }), /--skip-proxy is true or false; got "yes"/);
  });

  test('--project picks one app of several; without it, several apps are an error that says so', async () => {
    const tree = await appTree({ name: 'second', tree: await appTree() });
    await assert.rejects(ngAdd(tree), /several applications \(app, second\): name one with --project/);
    const { tree: result } = await ngAdd(tree, { project: 'second' });
    assert.match(result.readText('projects/second/src/app/app.config.ts'), /provideKratos\(/);
    assert.doesNotMatch(result.readText(`${APP}/app.config.ts`), /provideKratos/);
    assert.equal(
      angularJson(result).projects.second.architect.serve.options.proxyConfig,
      'projects/second/proxy.conf.json',
    );
  });
});

describe('files in a shape it does not edit are left alone, with what to add by hand', () => {
  test('an application config that is not an object literal', async () => {
    const tree = await appTree();
    const file = `${APP}/app.config.ts`;
    const shaped = `import { ApplicationConfig } from '@angular/core';\nimport { makeConfig } from './make-config';\n\nexport const appConfig: ApplicationConfig = makeConfig();\n`;
    tree.overwrite(file, shaped);
    const { tree: result, warnings } = await ngAdd(tree);
    assert.equal(result.readText(file), shaped);
    const [warning] = warnings;
    assert.match(
      warning,
      /left projects\/app\/src\/main\.ts as it is: bootstrapApplication\(\.\.\.\) has no application config/,
    );
    assert.match(warning, /Add by hand:/);
    assert.match(warning, /import \{ provideKratos, withFlowPages \} from 'ngx-kratos';/);
    assert.match(warning, /provideKratos\(\n\s+\{ baseUrl: '\/\.ory' \}/);
    // The routes cannot be found through it either: that says what to add too; the proxy and theme still go in.
    assert.ok(warnings.some((message) => /no routes were found[\s\S]*loginFlowRoute\(/.test(message)));
    assert.ok(result.exists('projects/app/proxy.conf.json'));
  });

  test('routes made by a function call', async () => {
    const tree = await appTree();
    const file = `${APP}/app.config.ts`;
    tree.overwrite(
      file,
      tree
        .readText(file)
        .replace('provideRouter(routes)', 'provideRouter(appRoutes())')
        .replace("import { routes } from './app.routes';", "import { appRoutes } from './app.routes';"),
    );
    const routesFile = `${APP}/app.routes.ts`;
    const routes =
      "import { Routes } from '@angular/router';\n\nexport function appRoutes(): Routes {\n  return [];\n}\n";
    tree.overwrite(routesFile, routes);
    const { tree: result, warnings } = await ngAdd(tree);
    assert.equal(result.readText(routesFile), routes);
    assert.match(result.readText(file), /provideKratos\(/, 'the provider still goes in');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /its routes \(appRoutes\(\)\) are not an array literal/);
    assert.match(warnings[0], /settingsFlowRoute\(\{ path: 'settings', component: KratosSettings/);
  });

  test('a route of its own on a flow path is kept and named in a warning; new routes go before `**`', async () => {
    const tree = await appTree();
    const file = `${APP}/app.routes.ts`;
    tree.overwrite(
      file,
      "import { Routes } from '@angular/router';\nimport { Login } from './login';\n\nexport const routes: Routes = [\n  { path: 'login', component: Login },\n  { path: '**', redirectTo: '' },\n];\n",
    );
    const { tree: result, warnings } = await ngAdd(tree);
    const text = result.readText(file);
    assert.match(text, /\{ path: 'login', component: Login \}/);
    assert.doesNotMatch(text, /loginFlowRoute\(/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /it has a route 'login' already, not made with loginFlowRoute/);
    assert.ok(text.indexOf('registrationFlowRoute(') < text.indexOf("path: '**'"), 'the flow routes go before **');
    assert.ok(text.indexOf("path: 'account'") < text.indexOf("path: '**'"));
  });

  test('a main.ts that bootstraps neither way', async () => {
    const tree = await appTree();
    tree.overwrite('projects/app/src/main.ts', "import './start';\n");
    const { tree: result, warnings } = await ngAdd(tree);
    assert.match(warnings[0], /calls neither bootstrapApplication\(\.\.\.\) nor bootstrapModule\(\.\.\.\)/);
    assert.doesNotMatch(result.readText(`${APP}/app.config.ts`), /Kratos/);
  });

  test('an existing proxy.conf.json is merged; its own /.ory is kept; a script proxy is named in a warning', async () => {
    let tree = await appTree();
    tree.create('projects/app/proxy.conf.json', '{\n  "/api": { "target": "http://127.0.0.1:8080" }\n}\n');
    let { tree: result } = await ngAdd(tree);
    assert.deepEqual(Object.keys(JSON.parse(result.readText('projects/app/proxy.conf.json'))), ['/api', '/.ory']);

    tree = await appTree();
    tree.create('projects/app/proxy.conf.json', '{ "/.ory": { "target": "http://kratos:4433" } }\n');
    const kept = await ngAdd(tree);
    assert.equal(
      kept.tree.readText('projects/app/proxy.conf.json'),
      '{ "/.ory": { "target": "http://kratos:4433" } }\n',
    );
    assert.match(
      kept.warnings[0],
      /sends \/\.ory to "http:\/\/kratos:4433", not http:\/\/127\.0\.0\.1:4433: left as it is/,
    );

    tree = await appTree();
    const workspace = angularJson(tree);
    workspace.projects.app.architect.serve.options = { proxyConfig: 'proxy.conf.mjs' };
    tree.overwrite('angular.json', JSON.stringify(workspace, null, 2));
    ({ tree: result } = await ngAdd(tree));
    const script = await ngAdd(tree);
    assert.ok(!script.tree.exists('proxy.conf.mjs'));
    assert.match(
      script.warnings[0],
      /left proxy\.conf\.mjs as it is: the dev server reads its proxies from a script[\s\S]*"\/\.ory": \{/,
    );
    assert.equal(angularJson(result).projects.app.architect.serve.options.proxyConfig, 'proxy.conf.mjs');
  });
});

describe('what it writes is safe and complete', () => {
  test('--kratos-url with quotes, backslashes, whitespace or credentials fails with why, before anything is written', async () => {
    const cases = [
      ["https://auth.example.com/');alert(1);('", /quotes, backslashes and whitespace have no place in it/],
      ['https://auth.example.com/\\', /quotes, backslashes and whitespace/],
      ['https://auth.example.com/a"b', /quotes, backslashes and whitespace/],
      ['https://auth.example.com/a`b', /quotes, backslashes and whitespace/],
      ['https://auth example.com', /quotes, backslashes and whitespace/],
      ['https://auth.example.com/\nx', /quotes, backslashes and whitespace/],
      ['https://user:secret@auth.example.com', /credentials \(user:password@\) must not be in it/],
      ['https://user@auth.example.com', /credentials/],
      ['https://auth.example.com/?a=1', /without a query or fragment/],
      ['https://auth.example.com/a%27b', /only letters, digits/],
    ];
    for (const [kratosUrl, why] of cases) {
      const tree = await appTree();
      const before = snapshot(tree);
      await assert.rejects(ngAdd(tree, { kratosUrl, skipProxy: true }), (error) => {
        assert.match(error.message, /--kratos-url must be Kratos's public URL/, kratosUrl);
        assert.match(error.message, why, kratosUrl);
        return true;
      });
      assert.deepEqual(snapshot(tree), before, kratosUrl);
    }
  });

  test('a URL with a path, a port and an IPv6 host is written as a string literal that type-checks', async () => {
    for (const kratosUrl of ['https://auth.example.com:8443/ory/kratos_1-x~', 'http://[::1]:4433']) {
      const { tree } = await ngAdd(await appTree(), { kratosUrl, skipProxy: true });
      const config = tree.readText(`${APP}/app.config.ts`);
      assert.ok(config.includes(`{ baseUrl: '${kratosUrl}' }`), config);
      assert.deepEqual(typeCheck(tree), []);
    }
  });

  test('string literals are escaped: whatever the value, the literal reads back as it', () => {
    const { stringLiteral } = require(join(root, 'dist/ngx-kratos/schematics/ng-add/code.cjs'));
    for (const value of ["it's", 'a\\b', "');alert(1);('", 'line\nbreak\r', '"double"', '\u2028\u2029', '${x}`']) {
      const literal = stringLiteral(value);
      assert.match(literal, /^'.*'$/s);
      const file = ts.createSourceFile('x.ts', `const x = ${literal};`, ts.ScriptTarget.Latest, true);
      const [statement] = file.statements;
      assert.equal(file.statements.length, 1, literal);
      assert.equal(file.parseDiagnostics.length, 0, literal);
      assert.equal(statement.declarationList.declarations[0].initializer.text, value, literal);
    }
  });

  test("a serve configuration's own proxyConfig gets /.ory too (it replaces the options' one when served)", async () => {
    const tree = await appTree();
    const workspace = angularJson(tree);
    workspace.projects.app.architect.serve.configurations.development.proxyConfig = 'projects/app/proxy.dev.json';
    tree.overwrite('angular.json', JSON.stringify(workspace, null, 2));
    tree.create('projects/app/proxy.dev.json', '{\n  "/api": { "target": "http://127.0.0.1:8080" }\n}\n');
    const { tree: result, warnings, logs } = await ngAdd(tree);
    assert.deepEqual(warnings, []);
    const dev = JSON.parse(result.readText('projects/app/proxy.dev.json'));
    assert.deepEqual(Object.keys(dev), ['/api', '/.ory']);
    assert.equal(dev['/.ory'].target, 'http://127.0.0.1:4433');
    assert.equal(JSON.parse(result.readText('projects/app/proxy.conf.json'))['/.ory'].target, 'http://127.0.0.1:4433');
    const serve = angularJson(result).projects.app.architect.serve;
    assert.equal(serve.configurations.development.proxyConfig, 'projects/app/proxy.dev.json');
    assert.ok(logs.some((entry) => /serve configuration development reads its proxies from/.test(entry.message)));
    // A script one is named in a warning with what to add.
    const scripted = await appTree();
    const other = angularJson(scripted);
    other.projects.app.architect.serve.configurations.development.proxyConfig = 'proxy.dev.mjs';
    scripted.overwrite('angular.json', JSON.stringify(other, null, 2));
    const script = await ngAdd(scripted);
    assert.equal(script.warnings.length, 1);
    assert.match(script.warnings[0], /left proxy\.dev\.mjs as it is: the dev server reads its proxies from a script/);
  });

  test('flow routes nested under children are not added again; a warning names their URL for withFlowPages', async () => {
    const tree = await appTree();
    const file = `${APP}/app.routes.ts`;
    const routes =
      "import { Routes } from '@angular/router';\nimport { loginFlowRoute } from 'ngx-kratos';\nimport { KratosLogin } from 'ngx-kratos/ui';\n\n" +
      "export const routes: Routes = [\n  {\n    path: 'auth',\n    children: [loginFlowRoute({ path: 'login', component: KratosLogin })],\n  },\n];\n";
    tree.overwrite(file, routes);
    const { tree: result, warnings } = await ngAdd(tree);
    const text = result.readText(file);
    assert.equal(text.match(/loginFlowRoute\(/g).length, 1, text);
    assert.match(text, /registrationFlowRoute\(/);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /has loginFlowRoute\(\.\.\.\) already, below children \(at \/auth\/login\)/);
    assert.match(warnings[0], /login: '\/auth\/login'/);
    assert.deepEqual(typeCheck(result), []);
  });

  test('an Account of its own in the routes file: the sample route is left out, with what to add by hand', async () => {
    const tree = await appTree();
    const file = `${APP}/app.routes.ts`;
    const routes =
      "import { Routes } from '@angular/router';\nimport { Account } from './pages/account';\n\n" +
      "export const routes: Routes = [{ path: 'me', component: Account }];\n";
    tree.overwrite(file, routes);
    tree.create(
      `${APP}/pages/account.ts`,
      "import { Component } from '@angular/core';\n\n@Component({ template: '' })\nexport class Account {}\n",
    );
    const { tree: result, warnings } = await ngAdd(tree);
    const text = result.readText(file);
    assert.doesNotMatch(text, /from '\.\/account\/account'/);
    assert.doesNotMatch(text, /requireSession/);
    assert.match(text, /loginFlowRoute\(/);
    assert.ok(!result.exists(`${APP}/account/account.ts`));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /has an identifier Account of its own already/);
    assert.match(warnings[0], /Add by hand:[\s\S]*canMatch: \[requireSession\(\)\]/);
    assert.deepEqual(typeCheck(result), []);
  });

  test('provideKratos(...) in a helper of another file: no second one, a warning instead', async () => {
    const tree = await appTree();
    const file = `${APP}/app.config.ts`;
    tree.create(
      `${APP}/auth.ts`,
      "import { provideKratos, withFlowPages } from 'ngx-kratos';\n\n" +
        "export function provideAuth() {\n  return provideKratos({ baseUrl: '/.ory' }, withFlowPages({ login: '/login' }));\n}\n",
    );
    tree.overwrite(
      file,
      tree
        .readText(file)
        .replace('providers: [', 'providers: [\n    provideAuth(),')
        .replace(
          "import { routes } from './app.routes';",
          "import { routes } from './app.routes';\nimport { provideAuth } from './auth';",
        ),
    );
    const { tree: result, warnings } = await ngAdd(tree);
    assert.doesNotMatch(result.readText(file), /provideKratos/);
    assert.match(result.readText(file), /provideHttpClient\(withFetch\(\)\)/, 'the rest still goes in');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0],
      /projects\/app\/src\/app\/auth\.ts, which it imports, calls provideKratos\(\.\.\.\) already/,
    );
    assert.match(warnings[0], /Add by hand:[\s\S]*withFlowPages\(\{/);
  });

  test('KratosModule in a module the root module imports: no second one, a warning instead', async () => {
    const tree = await appTree({ standalone: false });
    const file = `${APP}/app-module.ts`;
    tree.create(
      `${APP}/core-module.ts`,
      "import { NgModule } from '@angular/core';\nimport { KratosModule } from 'ngx-kratos';\n\n" +
        "@NgModule({ imports: [KratosModule.forRoot({ baseUrl: '/.ory' })] })\nexport class CoreModule {}\n",
    );
    tree.overwrite(
      file,
      tree
        .readText(file)
        .replace('imports: [', 'imports: [\n    CoreModule,')
        .replace(
          "import { App } from './app';",
          "import { App } from './app';\nimport { CoreModule } from './core-module';",
        ),
    );
    const { tree: result, warnings } = await ngAdd(tree);
    assert.doesNotMatch(result.readText(file), /KratosModule/);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /core-module\.ts, which it imports, sets up Kratos already/);
  });

  test('the sample page signs out through signOut(): awaited, its failure caught, home after a token logout', async () => {
    const { tree } = await ngAdd(await appTree());
    const page = tree.readText(`${APP}/account/account.ts`);
    assert.match(page, /\(click\)="signOut\(\)"/);
    assert.doesNotMatch(page, /\(click\)="auth\.logout\(\)"/);
    assert.match(page, /protected async signOut\(\): Promise<void> \{/);
    assert.match(page, /try \{\s*(?:\/\/[^\n]*\s*)?await this\.auth\.logout\(\);\s*\} catch \{/);
    assert.match(page, /if \(this\.sessionToken\) \{[\s\S]*navigateByUrl\('\/'\)/);
    assert.match(page, /inject\(KRATOS_SESSION_TOKEN, \{ optional: true \}\)/);
    assert.match(page, /@if \(failed\(\)\)/);
    assert.deepEqual(typeCheck(tree), []);
  });
});
