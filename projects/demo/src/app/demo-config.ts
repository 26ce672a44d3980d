/**
 * Where the demo finds Kratos. By default through the dev server's proxy on its own origin (`/.ory`); with
 * `npm start -- --cross-origin` (and in the cross-origin end-to-end test) `/demo-config.json` names Kratos's own
 * origin, and the browser talks to it with CORS and credentials.
 */
export interface DemoConfig {
  kratosUrl: string;
  /** Another local service the session-token page calls (the end-to-end tests record its headers). */
  recorderUrl?: string;
  /**
   * Origins beyond the app's and Kratos's that Kratos may send the browser to: its OIDC providers, for linking an
   * account in settings (`withAllowedRedirects`).
   */
  allowedRedirects?: string[];
}

export async function loadDemoConfig(): Promise<DemoConfig> {
  try {
    const answer = await fetch('/demo-config.json', { headers: { Accept: 'application/json' } });
    if (answer.ok && (answer.headers.get('content-type') ?? '').includes('json')) {
      const config = (await answer.json()) as Partial<DemoConfig>;
      return {
        kratosUrl: typeof config.kratosUrl === 'string' ? config.kratosUrl : '/.ory',
        recorderUrl: typeof config.recorderUrl === 'string' ? config.recorderUrl : undefined,
        allowedRedirects: Array.isArray(config.allowedRedirects)
          ? config.allowedRedirects.filter((origin): origin is string => typeof origin === 'string')
          : [],
      };
    }
  } catch {
    // No config: the same-origin default.
  }
  return { kratosUrl: '/.ory' };
}
