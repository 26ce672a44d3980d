import { SchematicsException } from '@angular-devkit/schematics';

/** The five self-service flows, in the order their routes and pages are written. */
export const FLOWS = ['login', 'registration', 'recovery', 'verification', 'settings'] as const;
export type FlowName = (typeof FLOWS)[number];

/** The options of schema.json, as the CLI (or a test) hands them over. */
export interface NgAddOptions {
  project?: string;
  kratosUrl?: string;
  /** An array (`--flows a --flows b`, the prompt), each item possibly comma-separated (`--flows=a,b`). */
  flows?: string[] | string;
  /** Booleans, or `'true'`/`'false'` from a first `ng add`, which hands its options over unparsed. */
  skipProxy?: boolean | string;
  skipTheme?: boolean | string;
}

/** The options checked and settled. */
export interface Settings {
  project: string | undefined;
  /** Kratos's public URL, without trailing slashes. */
  kratosUrl: string;
  /** The chosen flows, once each, in `FLOWS` order. */
  flows: FlowName[];
  skipProxy: boolean;
  skipTheme: boolean;
  /** What the app calls Kratos at: the proxy's `/.ory`, or with `skipProxy` Kratos's own URL. */
  baseUrl: string;
}

export const DEFAULT_KRATOS_URL = 'http://127.0.0.1:4433';
/** The dev server's path for Kratos (as in the demo's proxy.conf.json). */
export const PROXY_PATH = '/.ory';

export function settle(options: NgAddOptions): Settings {
  const kratosUrl = checkKratosUrl(options.kratosUrl);
  const skipProxy = flag('--skip-proxy', options.skipProxy);
  return {
    project: options.project,
    kratosUrl,
    flows: settleFlows(options.flows),
    skipProxy,
    skipTheme: flag('--skip-theme', options.skipTheme),
    baseUrl: skipProxy ? kratosUrl : PROXY_PATH,
  };
}

/**
 * Kratos's public URL, without trailing slashes: `http(s)://host[:port][/path]`, nothing else. It is written into the
 * app's TypeScript and proxy configuration, so quotes, backslashes, whitespace and other characters a URL does not
 * need are refused, and so are credentials (`user:pass@`), which would end up in the app's sources.
 */
function checkKratosUrl(option: string | undefined): string {
  const kratosUrl = (option ?? DEFAULT_KRATOS_URL).trim().replace(/\/+$/, '');
  const fail = (why: string): never => {
    throw new SchematicsException(
      `ngx-kratos: --kratos-url must be Kratos's public URL, such as https://auth.example.com or ` +
        `${DEFAULT_KRATOS_URL}; got ${JSON.stringify(option)}: ${why}.`,
    );
  };
  if (/[\s'"`\\]/.test(kratosUrl)) {
    fail('quotes, backslashes and whitespace have no place in it');
  }
  if (!/^https?:\/\/[^/?#]+(?:\/[^?#]*)?$/.test(kratosUrl)) {
    fail('it takes http(s)://host[:port][/path], without a query or fragment');
  }
  if (/^https?:\/\/[^/]*@/.test(kratosUrl)) {
    fail('credentials (user:password@) must not be in it: they would be written into the app');
  }
  // Only the characters of a URL's host, port and path (no %-escapes or others that would need quoting).
  if (!/^https?:\/\/[A-Za-z0-9.[\]:-]+(?:\/[A-Za-z0-9._~\-/]*)?$/.test(kratosUrl)) {
    fail('only letters, digits and . - _ ~ : / [ ] are taken');
  }
  return kratosUrl;
}

function settleFlows(flows: string[] | string | undefined): FlowName[] {
  if (flows === undefined) {
    return [...FLOWS];
  }
  const named = (Array.isArray(flows) ? flows : [flows])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  const unknown = named.filter((item) => !isFlow(item));
  if (unknown.length > 0) {
    throw new SchematicsException(
      `ngx-kratos: --flows takes ${FLOWS.join(', ')} (comma-separated); ${unknown.map((item) => `'${item}'`).join(', ')} ` +
        `${unknown.length === 1 ? 'is' : 'are'} not one of them.`,
    );
  }
  return FLOWS.filter((flow) => named.includes(flow));
}

function flag(option: string, value: boolean | string | undefined): boolean {
  if (typeof value === 'boolean' || value === undefined) {
    return value === true;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw new SchematicsException(`ngx-kratos: ${option} is true or false; got ${JSON.stringify(value)}.`);
}

function isFlow(name: string): name is FlowName {
  return (FLOWS as readonly string[]).includes(name);
}
