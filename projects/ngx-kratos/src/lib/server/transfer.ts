import { inject, makeStateKey, StateKey, TransferState } from '@angular/core';
import { Router } from '@angular/router';
import { FlowTransfer, injectServerRender } from './server-hooks';
import { KRATOS_SERVER_RENDERING } from './server-render';

/** What a server render hands a flow page's first browser navigation: the flow it loaded, and its id. */
interface TransferredFlow<F> {
  id: string;
  flow: F;
}

function flowKey<F>(kind: string, path: string): StateKey<TransferredFlow<F>> {
  return makeStateKey<TransferredFlow<F>>(`ngx-kratos:flow:${kind}:${path}`);
}

/** The path of a router URL, without its query and fragment: what a transferred flow is kept for. */
export function routePath(url: string): string {
  return url.split(/[?#]/)[0];
}

export function injectFlowTransfer(): FlowTransfer {
  const server = injectServerRender();
  const enabled = inject(KRATOS_SERVER_RENDERING, { optional: true }) !== null;
  const state = enabled ? inject(TransferState) : undefined;
  const router = inject(Router);
  return {
    put(kind, url, flow) {
      if (server) state?.set(flowKey(kind, routePath(url)), { id: flow.id, flow });
    },
    take<F>(kind: string, url: string, id: string | null): F | undefined {
      if (server || !state || router.navigated) return undefined;
      const key = flowKey<F>(kind, routePath(url));
      const entry = state.get(key, null);
      if (!entry) return undefined;
      state.remove(key);
      return id === null || id === entry.id ? entry.flow : undefined;
    },
  };
}

const SESSION_KEY = makeStateKey<unknown>('ngx-kratos:session');

/**
 * With `withServerRendering({ transferSession: true })`, during a server render: a function that puts the render's
 * session into the page (must be called in an injection context; the function it returns may run later).
 */
export function injectSessionTransfer(): ((session: unknown) => void) | undefined {
  if (!injectServerRender() || !inject(KRATOS_SERVER_RENDERING).transferSession) return undefined;
  const state = inject(TransferState);
  return (session) => state.set(SESSION_KEY, session);
}

/** In a browser: the session the server rendered the page with (`transferSession`), once. */
export function takeTransferredSession<S>(): S | undefined {
  if (injectServerRender() || !inject(KRATOS_SERVER_RENDERING, { optional: true })?.transferSession) return undefined;
  const state = inject(TransferState);
  const session = state.get(SESSION_KEY, null);
  state.remove(SESSION_KEY);
  return (session ?? undefined) as S | undefined;
}
