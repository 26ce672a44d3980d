/*
 * The three predicates Kratos uses to choose between a browser answer (redirect) and a JSON answer
 * (docs/kratos-protocol.md §1.1). They differ on purpose; each endpoint uses the one Kratos uses.
 */
import { IncomingMessage } from 'node:http';

interface AcceptSpec {
  value: string;
  q: number;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z/]+/;

/**
 * gddo's `expectQuality`, exactly: "0" or "1", then optionally "." and any run of digits, added as a fraction (so
 * "1.2" is 1.2, above 1, and "1.2.3" is 1.2 followed by ".3"); -1 for anything else.
 */
function expectQuality(text: string): [number, string] {
  if (text[0] !== '0' && text[0] !== '1') return [-1, ''];
  const q = text[0] === '1' ? 1 : 0;
  if (text[1] !== '.') return [q, text.slice(1)];
  const digits = /^\d*/.exec(text.slice(2))![0];
  return [q + (digits ? Number(digits) / 10 ** digits.length : 0), text.slice(2 + digits.length)];
}

/**
 * gddo's `ParseAccept`, exactly: media ranges are case-sensitive tokens; a parameter other than `q`, or an invalid
 * q, ends the parsing of the header (the spec it belongs to is dropped).
 */
function parseAccept(header: string | undefined): AcceptSpec[] {
  const specs: AcceptSpec[] = [];
  let s = header ?? '';
  for (;;) {
    const token = TOKEN.exec(s)?.[0] ?? '';
    if (token === '') return specs;
    s = s.slice(token.length).trimStart();
    let q = 1;
    if (s.startsWith(';')) {
      s = s.slice(1).trimStart();
      if (!s.startsWith('q=')) return specs;
      [q, s] = expectQuality(s.slice(2));
      if (q < 0) return specs;
    }
    specs.push({ value: token, q });
    s = s.trimStart();
    if (!s.startsWith(',')) return specs;
    s = s.slice(1).trimStart();
  }
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
