// The dev server's proxy: `/.ory` → Kratos, in the JSON file the serve target's proxyConfig names (or a new
// proxy.conf.json in the project's root), so that the app reaches Kratos on its own origin, cookies and all.
import { Tree } from '@angular-devkit/schematics';
import { JSONFile } from '@schematics/angular/utility/json-file';
import { Report } from './report.cjs';
import { PROXY_PATH, Settings } from './schema.cjs';

/** One proxy entry, as the dev server (http-proxy-middleware) reads it. */
export interface ProxyEntry {
  target: string;
  /** Strips `/.ory`: Kratos serves at its root. */
  pathRewrite: Record<string, string>;
  /** A remote Kratos (Ory Network, a virtual host) needs its own Host header; a local one does not care. */
  changeOrigin: boolean;
}

export function proxyEntry(settings: Settings): ProxyEntry {
  const host = /^https?:\/\/([^/:]+|\[[^\]]+\])/.exec(settings.kratosUrl)?.[1] ?? '';
  const loopback = host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  return {
    target: settings.kratosUrl,
    pathRewrite: { [`^${PROXY_PATH.replace('.', '\\.')}`]: '' },
    changeOrigin: !loopback,
  };
}

/** Adds the `/.ory` entry to the proxy configuration `file` (created if absent); an entry there already is kept. */
export function writeProxyEntry(tree: Tree, file: string, settings: Settings, report: Report): void {
  const entry = proxyEntry(settings);
  const entryCode = `"${PROXY_PATH}": ${JSON.stringify(entry, null, 2)}`;
  if (!file.endsWith('.json')) {
    report.byHand(
      file,
      'the dev server reads its proxies from a script, which this schematic does not edit',
      entryCode,
    );
    return;
  }
  if (!tree.exists(file)) {
    tree.create(file, `${JSON.stringify({ [PROXY_PATH]: entry }, null, 2)}\n`);
    report.done(`${file}: ${PROXY_PATH} → ${settings.kratosUrl}`);
    return;
  }
  let json: JSONFile;
  let root: unknown;
  try {
    json = new JSONFile(tree, file);
    root = json.get([]);
  } catch {
    report.byHand(file, 'it is not valid JSON', entryCode);
    return;
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    report.byHand(
      file,
      'its proxies are not an object keyed by path',
      JSON.stringify({ context: [PROXY_PATH], ...entry }, null, 2),
    );
    return;
  }
  const existing = json.get([PROXY_PATH]);
  if (existing !== undefined) {
    const target =
      typeof existing === 'object' && existing !== null ? (existing as { target?: unknown }).target : undefined;
    if (target === settings.kratosUrl) {
      report.kept(`${file}: ${PROXY_PATH}`);
    } else {
      report.warn(
        `${file} sends ${PROXY_PATH} to ${JSON.stringify(target)}, not ${settings.kratosUrl}: left as it is (change its ` +
          `target by hand if Kratos moved).`,
      );
    }
    return;
  }
  json.modify([PROXY_PATH], { ...entry }, false);
  report.done(`${file}: ${PROXY_PATH} → ${settings.kratosUrl} added`);
}
