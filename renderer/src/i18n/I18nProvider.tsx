// The window's language: the organiser's choice (Settings) or, until there is one, the browser's
// (Electron's is the OS's). Sets <html lang dir> so the whole page flips for Arabic and Persian.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { messagesFor } from '../../../shared/i18n/catalogues';
import { directionOf, formatLocaleFor, matchLocale, SOURCE_LOCALE, type UiLocale } from '../../../shared/i18n/locales';

const preferredTags = (): readonly string[] => (typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));

export function preferredLocale(): UiLocale {
  return matchLocale(preferredTags());
}

const UiLocaleContext = createContext<UiLocale>(SOURCE_LOCALE);

/** The window's language (react-intl's own locale is the regional one that formats, e.g. en-GB). */
export const useUiLocale = (): UiLocale => useContext(UiLocaleContext);

export function I18nProvider({ chosen, children }: { chosen?: UiLocale | null; children: ReactNode }) {
  const locale = chosen ?? preferredLocale();
  const messages = useMemo(() => messagesFor(locale), [locale]);
  const formatLocale = useMemo(() => formatLocaleFor(locale, preferredTags()), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  return (
    <UiLocaleContext.Provider value={locale}>
      <IntlProvider locale={formatLocale} defaultLocale={SOURCE_LOCALE} messages={messages}>
        {children}
      </IntlProvider>
    </UiLocaleContext.Provider>
  );
}
