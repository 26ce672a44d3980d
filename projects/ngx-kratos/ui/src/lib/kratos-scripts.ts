import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { CSP_NONCE, inject, Injectable, PLATFORM_ID } from '@angular/core';
import { KratosOrigins, UiScriptNode } from 'ngx-kratos';

/**
 * Loads the script nodes of a flow (Kratos's WebAuthn/passkey script, `GET /.well-known/ory/webauthn.js`), once per
 * source, only from Kratos's own origin, with the node's `integrity`, `crossorigin` and `referrerpolicy`, and the app's
 * CSP nonce (`CSP_NONCE`). Only in a browser: a server render's page works without them (its forms post natively), and
 * the browser loads them once it has hydrated.
 */
@Injectable({ providedIn: 'root' })
export class KratosScripts {
  private readonly document = inject(DOCUMENT);
  private readonly origins = inject(KratosOrigins);
  private readonly nonce = inject(CSP_NONCE, { optional: true });
  private readonly loaded = new Set<string>();
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));

  /** Whether the script was added (false: already there, or refused because it is not Kratos's). */
  load(node: UiScriptNode): boolean {
    if (!this.inBrowser) return false;
    const { src, integrity, crossorigin, referrerpolicy, type, async } = node.attributes;
    const present = [...this.document.scripts].some((script) => script.src === src);
    if (!this.origins.isKratosUrl(src) || this.loaded.has(src) || present) {
      return false;
    }
    const script = this.document.createElement('script');
    script.src = src;
    if (integrity) script.integrity = integrity;
    script.crossOrigin = crossorigin || 'anonymous';
    script.referrerPolicy = referrerpolicy || 'no-referrer';
    script.type = type || 'text/javascript';
    script.async = async !== false;
    if (this.nonce) script.nonce = this.nonce;
    this.document.head.appendChild(script);
    this.loaded.add(src);
    return true;
  }
}
