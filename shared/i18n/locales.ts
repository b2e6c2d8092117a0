// The languages Rollcall speaks, and how one is chosen: the organiser's choice in Settings, else
// the first of the OS's (or browser's) preferred languages Rollcall has, else English.

/** BCP 47 tags of the shipped languages, English (the source) first. */
export const LOCALES = ['en', 'ru', 'es', 'pt-BR', 'ar', 'fa', 'id'] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: Locale = 'en';

/**
 * The pseudo-locale (the tag Android and Chromium use for it): English, accented and 40% longer,
 * so text that would clip or overlap in a longer language shows up in a test. Never offered in
 * Settings; a browser or OS set to en-XA gets it.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type UiLocale = Locale | typeof PSEUDO_LOCALE;

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar', 'fa']);

export const directionOf = (locale: UiLocale): 'ltr' | 'rtl' => (RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr');

export const isLocale = (tag: unknown): tag is Locale => (LOCALES as readonly unknown[]).includes(tag);

/**
 * The first preferred language Rollcall has: an exact tag, then the same language ("ru-RU" → ru,
 * "pt-PT" → pt-BR, the only Portuguese there is). English when none matches.
 */
export function matchLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    if (tag.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
    const exact = LOCALES.find((locale) => locale.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split(/[-_]/)[0]!.toLowerCase();
    const sameLanguage = LOCALES.find((locale) => locale.split('-')[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return SOURCE_LOCALE;
}

/**
 * The locale to write numbers, dates and times in: the organiser's own regional variant of the
 * window's language when they prefer one ("en-GB" writes 14:05 where "en" writes 2:05 PM),
 * else the language itself. Words still come from the language's catalogue.
 */
export function formatLocaleFor(locale: UiLocale, preferred: readonly string[]): string {
  if (locale === PSEUDO_LOCALE) return locale;
  const language = locale.split('-')[0]!;
  for (const tag of preferred) {
    if (tag.split(/[-_]/)[0]!.toLowerCase() !== language) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? locale;
    } catch {
      return locale;
    }
  }
  return locale;
}
