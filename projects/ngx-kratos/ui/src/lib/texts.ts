import { inject, InjectionToken, makeEnvironmentProviders, EnvironmentProviders, Injectable } from '@angular/core';
import { UiText } from 'ngx-kratos';

/**
 * A translation of one Kratos message: a string with `{name}` placeholders filled from the message's `context`
 * (`'Mindestens {min_length} Zeichen'`), or a function of the message.
 */
export type KratosTextTranslation = string | ((text: UiText) => string);

export const KRATOS_TEXTS = new InjectionToken<Readonly<Record<number, KratosTextTranslation>>>('KRATOS_TEXTS', {
  providedIn: 'root',
  factory: () => ({}),
});

/**
 * Translates Kratos's messages and labels by their stable ids (see Kratos's `text/id.go`); messages without a
 * translation keep Kratos's English text.
 *
 * ```ts
 * provideKratosTexts({ 1050001: 'Gespeichert!', 4000032: 'Mindestens {min_length} Zeichen.' })
 * ```
 */
export function provideKratosTexts(translations: Record<number, KratosTextTranslation>): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: KRATOS_TEXTS, useValue: translations }]);
}

/** Renders a `UiText` as plain text (never HTML). */
@Injectable({ providedIn: 'root' })
export class KratosTexts {
  private readonly translations = inject(KRATOS_TEXTS);

  text(text: UiText | undefined): string {
    if (!text) return '';
    const translation = this.translations[text.id];
    if (translation === undefined) return text.text;
    if (typeof translation === 'function') return translation(text);
    return translation.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = text.context?.[key];
      return value === undefined || value === null ? whole : String(value);
    });
  }
}
