// angular.json: the dev server's proxyConfig and the theme in the build's styles, through the workspace API (which
// keeps the file's layout).
import { Tree } from '@angular-devkit/schematics';
import { App, inProjectRoot } from './project.cjs';
import { writeProxyEntry } from './proxy.cjs';
import { Report } from './report.cjs';
import { Settings } from './schema.cjs';

export const THEME = 'ngx-kratos/ui/theme.css';
const PROXY_FILE = 'proxy.conf.json';

/**
 * Points the serve target at a proxy configuration with `/.ory` in it, and adds `/.ory` to the proxy configuration of
 * each serve configuration that names its own; whether angular.json changed.
 */
export function setUpProxy(tree: Tree, app: App, settings: Settings, report: Report): boolean {
  const serve = app.project.targets.get('serve');
  const configured = serve?.options?.['proxyConfig'];
  const file = typeof configured === 'string' && configured !== '' ? configured : inProjectRoot(app, PROXY_FILE);
  writeProxyEntry(tree, file, settings, report);
  // A serve configuration's own proxyConfig (development's, say) replaces the options' one when it is served: that
  // file needs /.ory as well, or the dev server would not proxy it.
  const written = new Set([file]);
  for (const [name, configuration] of Object.entries(serve?.configurations ?? {})) {
    const own = configuration?.['proxyConfig'];
    if (typeof own !== 'string' || own === '' || written.has(own)) continue;
    written.add(own);
    report.done(`angular.json: ${app.name}'s serve configuration ${name} reads its proxies from ${own}`);
    writeProxyEntry(tree, own, settings, report);
  }
  if (!serve) {
    report.byHand(
      'angular.json',
      `project ${app.name} has no serve target`,
      `"serve": { "builder": "@angular/build:dev-server", "options": { "proxyConfig": "${file}" } }`,
    );
    return false;
  }
  if (configured === file) {
    report.kept(`angular.json: ${app.name}'s serve proxyConfig ${file}`);
    return false;
  }
  if (serve.options) {
    serve.options['proxyConfig'] = file;
  } else {
    serve.options = { proxyConfig: file };
  }
  report.done(`angular.json: ${app.name}'s serve options proxyConfig: ${file}`);
  return true;
}

/** Puts the theme first in the build's styles (so that the app's own styles can override it); whether it changed. */
export function addTheme(app: App, report: Report): boolean {
  const build = app.project.targets.get('build');
  if (!build) {
    return false; // resolveApp has checked there is one
  }
  const styles = build.options?.['styles'] ?? [];
  if (!Array.isArray(styles)) {
    report.byHand('angular.json', `the styles of ${app.name}'s build are not a list`, `"styles": ["${THEME}", ...]`);
    return false;
  }
  const named = styles.some(
    (style) =>
      style === THEME ||
      (typeof style === 'object' && style !== null && !Array.isArray(style) && style['input'] === THEME),
  );
  if (named) {
    report.kept(`angular.json: ${THEME} in ${app.name}'s styles`);
    return false;
  }
  if (build.options) {
    build.options['styles'] = [THEME, ...styles];
  } else {
    build.options = { styles: [THEME] };
  }
  report.done(`angular.json: ${THEME} added to ${app.name}'s build styles`);
  return true;
}
