import { inject, InjectionToken } from '@angular/core';

/*
 * What the rest of the library asks of `withServerRendering()`, as tokens only: without the feature nothing of the
 * server-rendering code is referenced, so an app that does not render on the server does not pay for it.
 */

const dev = typeof ngDevMode === 'undefined' || ngDevMode;

/** What the guards and the navigator ask of a server render (`KratosServerRender` in server-render.ts). */
export interface ServerRender {
  /** Whether this render has become an HTTP redirect: later guards of it ask Kratos nothing. */
  readonly redirected: boolean;
  /** Makes the response an HTTP redirect to `location` (a URL off the app, such as Kratos's own login). */
  redirect(location: string, status: 302 | 303): void;
  /** The response's status, for an error page rendered in place of the one asked for. */
  fail(status: number): void;
}

/** A flow page's side of the transfer (must run in an injection context; what it returns may run later). */
export interface FlowTransfer {
  /** During a server render: the flow this page shows goes into the page's `TransferState`. */
  put(kind: string, url: string, flow: { id: string }): void;
  /**
   * In a browser, with `withServerRendering()`: the flow the server rendered this page with, once (it is removed at
   * the first look), only in the app's first navigation, and only for the same page and, when the URL names one,
   * the same flow id.
   */
  take<F>(kind: string, url: string, id: string | null): F | undefined;
}

/** The server render of this request (provided by `withServerRendering()`; `null` in a browser or a prerender). */
export const KRATOS_SERVER_RENDER = new InjectionToken<ServerRender | null>(dev ? 'KRATOS_SERVER_RENDER' : '');

/** `withServerRendering()`'s hand-over of flows and (with `transferSession`) the session to the browser. */
export interface KratosTransferHooks {
  /** A flow page's side of the transfer (call in an injection context). */
  flow(): FlowTransfer;
  /** During a server render with `transferSession`: a function that puts the render's session into the page. */
  putSession(): ((session: unknown) => void) | undefined;
  /** In a browser: the session the server rendered the page with, once. */
  takeSession<S>(): S | undefined;
}

export const KRATOS_TRANSFER_HOOKS = new InjectionToken<KratosTransferHooks>(dev ? 'KRATOS_TRANSFER_HOOKS' : '');

/** The server render of this request (`withServerRendering()`), or `null` (a browser, a prerender, no feature). */
export function injectServerRender(): ServerRender | null {
  return inject(KRATOS_SERVER_RENDER, { optional: true }) ?? null;
}

/** The transfer hooks of `withServerRendering()`, or `undefined` without the feature. */
export function injectTransferHooks(): KratosTransferHooks | undefined {
  return inject(KRATOS_TRANSFER_HOOKS, { optional: true }) ?? undefined;
}
