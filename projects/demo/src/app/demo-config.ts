/**
 * Where the demo finds Kratos. By default through the dev server's proxy on its own origin (`/.ory`); with
 * `npm start -- --cross-origin` (and in the cross-origin end-to-end test) `/demo-config.json` names Kratos's own
 * origin, and the browser talks to it with CORS and credentials.
 */
export interface DemoConfig {
  kratosUrl: string;
}

export async function loadDemoConfig(): Promise<DemoConfig> {
  try {
    const answer = await fetch('/demo-config.json', { headers: { Accept: 'application/json' } });
    if (answer.ok && (answer.headers.get('content-type') ?? '').includes('json')) {
      const config = (await answer.json()) as Partial<DemoConfig>;
      if (typeof config.kratosUrl === 'string') return { kratosUrl: config.kratosUrl };
    }
  } catch {
    // No config: the same-origin default.
  }
  return { kratosUrl: '/.ory' };
}
