import { Router, UrlTree } from '@angular/router';
import { KratosOrigins } from 'ngx-kratos';
import { FlowSection } from './flow-section.component';

/** The key of the form that the methods sharing the identifier (or the traits) share. */
export const SHARED_FORM = 'primary';

/**
 * The sections of a login or registration screen: one form for the `shared` methods Kratos offers (they share the
 * `default` group's identifier or traits; labelled by the page's heading), then one form per other group, `own`'s
 * first, each without the `default` group's visible fields when a form before it shows them.
 */
export function methodSections(
  present: readonly string[],
  shared: readonly string[],
  own: readonly string[],
  titleOf: (group: string) => string,
): FlowSection[] {
  const together = shared.filter((group) => present.includes(group));
  const apart = [
    ...own.filter((group) => present.includes(group)),
    ...present.filter((group) => !own.includes(group) && !together.includes(group)),
  ];
  const sections: FlowSection[] = together.length ? [{ key: SHARED_FORM, groups: together, defaults: 'all' }] : [];
  for (const group of apart) {
    sections.push({ key: group, groups: [group], defaults: sections.length ? 'hidden' : 'all', title: titleOf(group) });
  }
  return sections;
}

/** A link between the app's flow pages. */
export interface FlowLink {
  /** Which page it links to (`registration`, `recovery`, `login`). */
  key: string;
  /** The link's text. */
  text: string;
  /** The page, with the current `return_to`. */
  url: UrlTree;
}

/** The app's page `page` (a router URL from `withFlowPages`) with the current page's `return_to`, if any. */
export function pageLink(router: Router, page: string, returnTo: string | undefined): UrlTree {
  const tree = router.parseUrl(page);
  return returnTo ? new UrlTree(tree.root, { ...tree.queryParams, return_to: returnTo }, tree.fragment) : tree;
}

/**
 * Where the page was asked to return to: its own `return_to` query, else the flow's; only a safe one (an allowed
 * origin, no open-redirect trick), so that a link never carries a hostile `return_to` on to a page that may not check.
 */
export function pageReturnTo(router: Router, origins: KratosOrigins, flow: { return_to?: string }): string | undefined {
  const own = router.parseUrl(router.url).queryParams['return_to'];
  const returnTo = typeof own === 'string' && own !== '' ? own : flow.return_to || undefined;
  return returnTo !== undefined && origins.safeTarget(returnTo) ? returnTo : undefined;
}
