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
 * The titles of a flow's groups (Kratos names groups, but sends no title for them). Groups without one show their
 * name.
 */
export const KRATOS_GROUP_TITLES = new InjectionToken<Readonly<Record<string, string>>>('KRATOS_GROUP_TITLES', {
  providedIn: 'root',
  factory: () => DEFAULT_GROUP_TITLES,
});

const DEFAULT_GROUP_TITLES: Readonly<Record<string, string>> = {
  profile: 'Profile',
  password: 'Password',
  totp: 'Authenticator app',
  lookup_secret: 'Recovery codes',
  webauthn: 'Security keys',
  passkey: 'Passkeys',
  oidc: 'Linked accounts',
  saml: 'Linked accounts (SAML)',
};

/**
 * Translates Kratos's messages and labels by their stable ids (see Kratos's `text/id.go`); messages without a
 * translation keep Kratos's English text. `groups` titles the groups (`{ password: 'Passwort' }`); groups it leaves
 * out keep the English title.
 *
 * ```ts
 * provideKratosTexts({ 1050001: 'Gespeichert!', 4000032: 'Mindestens {min_length} Zeichen.' }, { groups: { password: 'Passwort' } })
 * ```
 */
export function provideKratosTexts(
  translations: Record<number, KratosTextTranslation>,
  options: { groups?: Readonly<Record<string, string>> } = {},
): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: KRATOS_TEXTS, useValue: translations },
    { provide: KRATOS_GROUP_TITLES, useValue: { ...DEFAULT_GROUP_TITLES, ...options.groups } },
  ]);
}

/** Renders a `UiText` as plain text (never HTML). */
@Injectable({ providedIn: 'root' })
export class KratosTexts {
  private readonly translations = inject(KRATOS_TEXTS);
  private readonly groupTitles = inject(KRATOS_GROUP_TITLES);

  /** The title of a group's form: `password` → 'Password'. */
  groupTitle(group: string): string {
    return Object.hasOwn(this.groupTitles, group) ? this.groupTitles[group] : group;
  }

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
