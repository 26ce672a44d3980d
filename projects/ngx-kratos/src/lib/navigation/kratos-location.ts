import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/**
 * The one place where ngx-kratos leaves the app: a full-page navigation to Kratos's login, an OIDC provider,
 * Kratos's logout. Replace it in tests (`{ provide: KratosLocation, useValue: { assign: jasmine.createSpy() } }`)
 * or on platforms where leaving works differently.
 */
@Injectable({ providedIn: 'root' })
export class KratosLocation {
  private readonly document = inject(DOCUMENT, { optional: true });

  /** Leaves the app for `url`, as `location.assign` does; without a document (a server render), does nothing. */
  assign(url: string): void {
    this.document?.location?.assign(url);
  }
}
