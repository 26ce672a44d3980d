/*
 * The three predicates Kratos uses to choose between a browser answer (redirect) and a JSON answer
 * (protocol §1.1). They differ on purpose; each endpoint uses the one Kratos uses.
 */
import { IncomingMessage } from 'node:http';

interface AcceptSpec {
  value: string;
  q: number;
}

/** gddo's `ParseAccept`: media ranges with their q values (invalid q counts as 0, so it is ignored). */
function parseAccept(header: string | undefined): AcceptSpec[] {
  if (!header) return [];
  return header.split(',').flatMap((part) => {
    const [range, ...params] = part.split(';');
    const value = range.trim().toLowerCase();
    if (!/^[^/\s]+\/[^/\s]+$/.test(value)) return [];
    let q = 1;
    for (const param of params) {
      const [key, raw] = param.split('=').map((x) => x.trim());
      if (key === 'q') q = /^[0-9.]+$/.test(raw ?? '') ? Number(raw) : 0;
    }
    return [{ value, q }];
  });
}

/**
 * golang/gddo `httputil.NegotiateContentType`, the version Kratos pins: the highest q wins; on equal q an exact
 * match beats `type/*`, which beats `*\/*`; then the earlier offer. No usable Accept entry: the default.
 */
export function negotiate(accept: string | undefined, offers: string[], defaultOffer: string): string {
  let bestOffer = defaultOffer;
  let bestQ = -1;
  let bestWild = 3;
  const specs = parseAccept(accept);
  for (const offer of offers) {
    for (const spec of specs) {
      if (spec.q === 0 || spec.q < bestQ) continue;
      if (spec.value === '*/*') {
        if (spec.q > bestQ || bestWild > 2) [bestQ, bestWild, bestOffer] = [spec.q, 2, offer];
      } else if (spec.value.endsWith('/*')) {
        if (offer.startsWith(spec.value.slice(0, -1)) && (spec.q > bestQ || bestWild > 1))
          [bestQ, bestWild, bestOffer] = [spec.q, 1, offer];
      } else if (spec.value === offer && (spec.q > bestQ || bestWild > 0)) {
        [bestQ, bestWild, bestOffer] = [spec.q, 0, offer];
      }
    }
  }
  return bestOffer;
}

/** `x/isjsonrequest.go IsJSONRequest`: negotiation over four offers, or a Content-Type of exactly application/json. */
export function isJsonRequest(req: IncomingMessage): boolean {
  if (req.headers['content-type'] === 'application/json') return true;
  return (
    negotiate(req.headers.accept, ['text/html', 'text/*', '*/*', 'application/json'], 'text/html') ===
    'application/json'
  );
}

/** `x/http.go AcceptsJSON` (and `ContentNegotiationRedirection`): text/html vs application/json; Content-Type ignored. */
export function acceptsJson(req: IncomingMessage): boolean {
  return negotiate(req.headers.accept, ['text/html', 'application/json'], 'text/html') === 'application/json';
}
