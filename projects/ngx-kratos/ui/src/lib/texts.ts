import { inject, InjectionToken, makeEnvironmentProviders, EnvironmentProviders, Injectable } from '@angular/core';
import { UiText } from 'ngx-kratos';

/**
 * A translation of one Kratos message: a string with `{name}` placeholders filled from the message's `context`
 * (`'Mindestens {min_length} Zeichen'`), or a function of the message.
 */
export type KratosTextTranslation = string | ((text: UiText) => string);

/** The app's translations of Kratos's messages, by message id (`provideKratosTexts`); none by default. */
export const KRATOS_TEXTS = new InjectionToken<Readonly<Record<number, KratosTextTranslation>>>('KRATOS_TEXTS', {
  providedIn: 'root',
  factory: () => ({}),
});

/**
 * The components' own words, which Kratos does not send: screen headings, links between the flow pages, and the
 * label of a new-password field (Kratos labels it just "Password").
 */
export interface KratosLabels {
  /** The login screen's heading. */
  signIn: string;
  /** The registration screen's heading. */
  signUp: string;
  /** The login screen's heading when the flow asks for a second factor (`requested_aal: 'aal2'`). */
  secondFactor: string;
  /** The login screen's heading when the flow re-authenticates the session (`refresh: true`). */
  refresh: string;
  /** A password input for a new password (`autocomplete: new-password`) that Kratos labels "Password" (1070001). */
  newPassword: string;
  /** The login screen's link to the app's registration page. */
  registrationLink: string;
  /** The login screen's link to the app's recovery page. */
  recoveryLink: string;
  /** The registration screen's link to the app's login page. */
  loginLink: string;
  /** The recovery screen's heading. */
  recovery: string;
  /** The verification screen's heading. */
  verification: string;
  /** The error page's heading. */
  errorTitle: string;
  /** The error page's heading when its `?id=` names no error Kratos has (unknown, deleted, or unreadable). */
  errorUnavailable: string;
  /** The error page's heading when it has no error to show (opened by hand, or reloaded). */
  errorNone: string;
  /** The error page's text when it has no error to show. */
  errorNoneText: string;
  /** The error page's label of Kratos's error id (or the kind of error). */
  errorId: string;
  /** The error page's label of the HTTP status. */
  errorStatus: string;
  /** The error page's label of the stored error's id (`?id=`), for support. */
  errorReference: string;
  /** The error page's link home. */
  errorHome: string;
  /** The error page's button back to the previous page. */
  errorBack: string;
  /** The divider between two ways to sign in or sign up (the password's form, a passkey, a provider). */
  or: string;
}

/**
 * The titles of a flow's groups (Kratos names groups, but sends no title for them). Groups without one show their
 * name. A key `flow:group` (`login:oidc`) titles a group in one flow only.
 */
export const KRATOS_GROUP_TITLES = new InjectionToken<Readonly<Record<string, string>>>('KRATOS_GROUP_TITLES', {
  providedIn: 'root',
  factory: () => DEFAULT_GROUP_TITLES,
});

/** The components' own words (see `KratosLabels`). */
export const KRATOS_LABELS = new InjectionToken<Readonly<KratosLabels>>('KRATOS_LABELS', {
  providedIn: 'root',
  factory: () => DEFAULT_LABELS,
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
  code: 'One-time code',
  'login:webauthn': 'Security key',
  'login:passkey': 'Passkey',
  'login:lookup_secret': 'Recovery code',
  'login:oidc': 'Sign in with a provider',
  'login:saml': 'Single sign-on',
  'registration:oidc': 'Sign up with a provider',
  'registration:saml': 'Single sign-on',
  link: 'Email link',
  'recovery:code': 'Recovery code',
  'verification:code': 'Verification code',
};

const DEFAULT_LABELS: Readonly<KratosLabels> = {
  signIn: 'Sign in',
  signUp: 'Create an account',
  secondFactor: 'Second factor',
  refresh: 'Confirm it is you',
  newPassword: 'New password',
  registrationLink: 'Create an account',
  recoveryLink: 'Forgot your password?',
  loginLink: 'Already have an account? Sign in',
  recovery: 'Recover your account',
  verification: 'Verify your email address',
  errorTitle: 'Something went wrong',
  errorUnavailable: 'This error is no longer available',
  errorNone: 'No error to show',
  errorNoneText: 'There is no error to show on this page.',
  errorId: 'Error',
  errorStatus: 'Status',
  errorReference: 'Reference',
  errorHome: 'Go to the home page',
  errorBack: 'Go back',
  or: 'or',
};

/** What `provideKratosTexts` takes besides the translations of Kratos's messages. */
export interface KratosTextsOptions {
  /**
   * Group titles by group (`{ password: 'Passwort' }`), or by `flow:group` for one flow only (`{ 'login:oidc': … }`).
   * A title given for a group is used in every flow unless a `flow:group` title is given too.
   */
  groups?: Readonly<Record<string, string>>;
  /** The components' own words (headings, links, "New password"); those left out keep the English default. */
  labels?: Partial<KratosLabels>;
}

/**
 * Translates Kratos's messages and labels by their stable ids (see Kratos's `text/id.go`); messages without a
 * translation keep Kratos's English text. `groups` titles the groups (`{ password: 'Passwort' }`); groups it leaves
 * out keep the English title. `labels` translates the components' own words (`{ signIn: 'Anmelden' }`).
 *
 * ```ts
 * provideKratosTexts(
 *   { 1050001: 'Gespeichert!', 4000032: 'Mindestens {min_length} Zeichen.' },
 *   { groups: { password: 'Passwort' }, labels: { signIn: 'Anmelden', newPassword: 'Neues Passwort' } },
 * )
 * ```
 */
export function provideKratosTexts(
  translations: Record<number, KratosTextTranslation>,
  options: KratosTextsOptions = {},
): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: KRATOS_TEXTS, useValue: translations },
    { provide: KRATOS_GROUP_TITLES, useValue: groupTitles(options.groups ?? {}) },
    { provide: KRATOS_LABELS, useValue: { ...DEFAULT_LABELS, ...options.labels } },
  ]);
}

/** The default titles under the app's: an app's title for `oidc` also replaces the English `login:oidc`. */
function groupTitles(given: Readonly<Record<string, string>>): Record<string, string> {
  const titles: Record<string, string> = { ...DEFAULT_GROUP_TITLES, ...given };
  for (const key of Object.keys(DEFAULT_GROUP_TITLES)) {
    const group = key.slice(key.indexOf(':') + 1);
    if (key.includes(':') && Object.hasOwn(given, group) && !Object.hasOwn(given, key)) delete titles[key];
  }
  return titles;
}

/** Renders a `UiText` as plain text (never HTML). */
@Injectable({ providedIn: 'root' })
export class KratosTexts {
  private readonly translations = inject(KRATOS_TEXTS);
  private readonly groupTitles = inject(KRATOS_GROUP_TITLES);
  private readonly labels = inject(KRATOS_LABELS);

  /** The title of a group's form: `password` → 'Password'; with `flow`, its `flow:group` title first. */
  groupTitle(group: string, flow?: string): string {
    const own = flow === undefined ? undefined : `${flow}:${group}`;
    if (own !== undefined && Object.hasOwn(this.groupTitles, own)) return this.groupTitles[own];
    return Object.hasOwn(this.groupTitles, group) ? this.groupTitles[group] : group;
  }

  /** One of the components' own words: `label('signIn')` → 'Sign in'. */
  label(key: keyof KratosLabels): string {
    return this.labels[key] ?? DEFAULT_LABELS[key];
  }

  /** `text` as the app's translation has it (see `KRATOS_TEXTS`), else Kratos's English; `''` for no text. */
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
