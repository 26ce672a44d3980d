// Part 1, bundle cost: the bytes an Angular app pays for the settings flow with ngx-kratos and with Ory's SDKs.
// Each entry in bench/entries/ is bundled with esbuild the way an app's production build treats a library:
// minified ES2022 for browsers, Angular's linker over the partial-compiled .mjs, the CLI's production constants, and
// what every Angular app already ships (@angular/*, rxjs, tslib) left external. axios is not external: an Angular app
// does not otherwise have it, so it is part of what @ory/client costs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  APP_BUILD,
  ensureBuilt,
  linkerPlugin,
  ngxKratosResolver,
  num,
  progress,
  root,
  table,
  versionOf,
} from './lib.mjs';

const ALREADY_IN_THE_APP = ['@angular/*', 'rxjs', 'rxjs/*', 'tslib'];

/** What is measured, one row each. `calls`, `core` and `fetch` are the rows the targets compare. */
const ENTRIES = [
  { name: 'ngx-kratos: the 3 calls only', file: 'ngx-kratos-calls.mjs', calls: true },
  { name: 'ngx-kratos core', file: 'ngx-kratos-core.mjs', core: true },
  { name: 'ngx-kratos core + all features', file: 'ngx-kratos-core-all.mjs' },
  { name: "five flows' services + guards", file: 'ngx-kratos-flows.mjs' },
  { name: 'ngx-kratos/ui on top of core', file: 'ngx-kratos-ui.mjs', external: ['ngx-kratos'] },
  { name: 'ngx-kratos/ui + core', file: 'ngx-kratos-ui.mjs' },
  { name: '@ory/client-fetch', file: 'ory-client-fetch.mjs', fetch: true },
  { name: '@ory/client (+ axios)', file: 'ory-client.mjs' },
];

/**
 * What each optional part costs on top of the core entry: the core entry's source with one feature added to
 * provideKratos, or one more service used. Generated here so that each figure differs from the core's by that part only.
 */
const PARTS = [
  ['withRetry()', { feature: 'withRetry()' }],
  ['withRequestSharing()', { feature: 'withRequestSharing()' }],
  ['withSessionToken()', { feature: 'withSessionToken({ token: () => null })' }],
  ['withLogin()', { feature: "withLogin({ route: '/login' })" }],
  ['withAllowedRedirects()', { feature: "withAllowedRedirects(['https://accounts.example.com'])" }],
  ['withErrorRoute()', { feature: "withErrorRoute('/error')" }],
  ['withServerRendering()', { feature: "withServerRendering({ kratosUrl: 'http://kratos:4433' })" }],
  [
    'KratosSessionService (whoami, logout)',
    {
      service: 'KratosSessionService',
      use: 'export const session = () => { const s = inject(KratosSessionService); return [s.whoami(), s.logout()]; };',
    },
  ],
  [
    'LoginFlowService + loginFlowRoute',
    {
      service: 'LoginFlowService,\n  loginFlowRoute',
      use: 'export const login = () => { const l = inject(LoginFlowService); return [l.createBrowserFlow(), l.getFlow("x"), l.updateFlow("x", {}), loginFlowRoute({ path: "login" })]; };',
    },
  ],
  [
    'RegistrationFlowService + registrationFlowRoute',
    {
      service: 'RegistrationFlowService,\n  registrationFlowRoute',
      use: 'export const register = () => { const r = inject(RegistrationFlowService); return [r.createBrowserFlow(), r.getFlow("x"), r.updateFlow("x", {}), registrationFlowRoute({ path: "registration" })]; };',
    },
  ],
  [
    'RecoveryFlowService + recoveryFlowRoute',
    {
      service: 'RecoveryFlowService,\n  recoveryFlowRoute',
      use: 'export const recover = () => { const r = inject(RecoveryFlowService); return [r.createBrowserFlow(), r.getFlow("x"), r.updateFlow("x", { method: "code", email: "x" }), recoveryFlowRoute({ path: "recovery" })]; };',
    },
  ],
  [
    'VerificationFlowService + verificationFlowRoute',
    {
      service: 'VerificationFlowService,\n  verificationFlowRoute',
      use: 'export const verify = () => { const v = inject(VerificationFlowService); return [v.createBrowserFlow(), v.getFlow("x"), v.updateFlow("x", { method: "code", email: "x" }), verificationFlowRoute({ path: "verification" })]; };',
    },
  ],
  [
    'KratosErrorFlowService + errorFlowRoute',
    {
      service: 'KratosErrorFlowService,\n  errorFlowRoute',
      use: 'export const failure = () => [inject(KratosErrorFlowService).getError("x"), errorFlowRoute({ path: "error" })];',
    },
  ],
  [
    'injectKratosSession() (signals)',
    {
      service: 'injectKratosSession',
      use: 'export const sessionSignals = () => { const s = injectKratosSession(); return [s.session(), s.isSignedIn()]; };',
    },
  ],
  [
    'injectKratosFlow(SettingsFlowService) (signals)',
    {
      service: 'injectKratosFlow',
      use: 'export const flowSignals = () => { const f = injectKratosFlow(SettingsFlowService); return [f.flow(), f.status(), f.submit({ method: "profile", traits: {} })]; };',
    },
  ],
  [
    'requireSession() + guestOnly()',
    {
      service: 'requireSession,\n  guestOnly',
      use: 'export const guards = [requireSession({ aal: "aal2" }), guestOnly()];',
    },
  ],
  [
    'KratosNavigator (handle, follow)',
    {
      service: 'KratosNavigator',
      use: 'export const navigate = () => { const n = inject(KratosNavigator); return [n.handle(0), n.follow("/")]; };',
    },
  ],
];

function coreWith({ feature, service, use }) {
  const core = readFileSync(join(root, 'bench/entries/ngx-kratos-core.mjs'), 'utf8');
  let source = feature
    ? core
        .replace(
          "provideKratos({ baseUrl: 'https://auth.example.com' })",
          `provideKratos({ baseUrl: 'https://auth.example.com' }, ${feature})`,
        )
        .replace('  provideKratos,', `  provideKratos,\n  ${feature.slice(0, feature.indexOf('('))},`)
    : core.replace('  provideKratos,', `  provideKratos,\n  ${service},`);
  if (use) source += `\n${use}\n`;
  return source;
}

/** Bundles one entry and returns its minified, gzip (level 9) and brotli (quality 11) sizes in bytes. */
async function measure(entry) {
  const plugins = [ngxKratosResolver({ external: entry.external }), (await linkerPlugin()).plugin];
  const result = await build({
    ...APP_BUILD,
    ...(entry.source === undefined
      ? { entryPoints: [join(root, 'bench/entries', entry.file)] }
      : { stdin: { contents: entry.source, resolveDir: join(root, 'bench/entries'), sourcefile: 'part.mjs' } }),
    external: ALREADY_IN_THE_APP,
    write: false,
    plugins,
  });
  const code = Buffer.from(withoutUnusedImports(result.outputFiles[0].text));
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length,
  };
}

/**
 * The output without the import bindings it never uses. With @angular/*, rxjs and tslib external, esbuild keeps every
 * name a package imports from them, used or not (an unresolved import must still fail at load); an app's own build
 * bundles those packages and drops unused bindings, so they are not part of what the app pays. Conservative: a name
 * that appears anywhere else in the code (even in a string) is kept.
 */
export function withoutUnusedImports(code) {
  const declarations = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?/g)];
  const rest = declarations.reduce((text, [whole]) => text.replace(whole, ''), code);
  const used = (name) => new RegExp(`(?<![\\w$])${name.replaceAll('$', '\\$')}(?![\\w$])`).test(rest);
  return declarations.reduce((text, [whole, names, from]) => {
    const kept = names
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && used(name.split(/\s+as\s+/).pop()));
    return text.replace(whole, kept.length ? `import{${kept.join(',')}}from"${from}";` : '');
  }, code);
}

const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

/** Runs part 1 and returns its text. */
export async function bundleCost({ skipBuild = false } = {}) {
  ensureBuilt(['lib'], { skipBuild });
  progress('bundle cost: bundling the entries…');
  const sizes = [];
  for (const entry of ENTRIES) sizes.push({ ...entry, ...(await measure(entry)) });
  const core = sizes.find((s) => s.core);
  const fetchSdk = sizes.find((s) => s.fetch);
  const rows = sizes.map((s) => [
    s.name,
    num(s.min),
    num(s.gzip),
    num(s.brotli),
    ratio(s.min, core.min),
    ratio(s.gzip, core.gzip),
    ratio(s.brotli, core.brotli),
  ]);
  const versions = [
    `ngx-kratos ${versionOf('dist/ngx-kratos/package.json')} (dist/ngx-kratos)`,
    `@ory/client-fetch ${versionOf('node_modules/@ory/client-fetch/package.json')}`,
    `@ory/client ${versionOf('node_modules/@ory/client/package.json')}`,
    `axios ${versionOf('node_modules/axios/package.json')}`,
    `@angular/compiler-cli ${versionOf('node_modules/@angular/compiler-cli/package.json')} (linker)`,
    `esbuild ${versionOf('node_modules/esbuild/package.json')}`,
  ];
  const calls = sizes.find((s) => s.calls);
  const parts = [];
  for (const [name, part] of PARTS) {
    const size = await measure({ source: coreWith(part) });
    parts.push([
      name,
      `+${num(size.min - core.min)}`,
      `+${num(size.gzip - core.gzip)}`,
      `+${num(size.brotli - core.brotli)}`,
    ]);
  }
  const target = (label, entry, share, fraction) => {
    const limit = Math.floor(fetchSdk.gzip * fraction);
    return (
      `target: ${label} ≤ ${share} of @ory/client-fetch (gzip): ${entry.gzip <= limit ? 'met' : 'not met'} ` +
      `(${num(entry.gzip)} B vs ${num(fetchSdk.gzip)} × ${share} = ${num(limit)} B; ${ratio(entry.gzip, fetchSdk.gzip)})`
    );
  };
  return [
    '1. Bundle cost (bytes an Angular app pays; @angular/*, rxjs, tslib external; esbuild minify, ES2022; linker + ng build transforms)',
    '',
    table(['entry', 'min B', 'gzip B', 'brotli B', '÷core min', '÷core gzip', '÷core br'], rows),
    '',
    ...sizes.filter((s) => !s.core).map((s) => `${s.name} / ngx-kratos core = ${ratio(s.gzip, core.gzip)} (gzip)`),
    target('the 3 calls only', calls, '1/3', 1 / 3),
    target('core', core, '1/2', 1 / 2),
    '',
    'What each optional part adds to the core entry (bytes; the part alone, with what it brings in):',
    '',
    table(['part', 'min B', 'gzip B', 'brotli B'], parts),
    '',
    `versions: ${versions.join(', ')}`,
  ].join('\n');
}
