// The window's language: the organiser's choice (Settings) or, until there is one, the browser's
// (Electron's is the OS's). Sets <html lang dir> so the whole page flips for Arabic and Persian.
import { useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { messagesFor } from '../../../shared/i18n/catalogues';
import { directionOf, matchLocale, SOURCE_LOCALE, type UiLocale } from '../../../shared/i18n/locales';

export function preferredLocale(): UiLocale {
  return matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

export function I18nProvider({ chosen, children }: { chosen?: UiLocale | null; children: ReactNode }) {
  const locale = chosen ?? preferredLocale();
  const messages = useMemo(() => messagesFor(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  return (
    <IntlProvider locale={locale} defaultLocale={SOURCE_LOCALE} messages={messages}>
      {children}
    </IntlProvider>
  );
}
