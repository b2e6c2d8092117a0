// The main process's language: Settings' choice, else the OS's preferred languages (matched to
// the ones Rollcall ships). The menu listens, to be built again when it changes; notifications,
// the tray and dialogs ask for the translator when they speak.
import { matchLocale, type Locale, type UiLocale } from '../../shared/i18n/locales';
import { createTranslator, type Translator } from '../../shared/i18n/translate';

export interface MainLanguage {
  translator(): Translator;
  /** Settings' choice (null follows the OS); listeners hear of it only when the locale changes. */
  choose(language: Locale | null): void;
  onChange(listener: (locale: UiLocale) => void): void;
}

export function createMainLanguage(systemLanguages: () => readonly string[]): MainLanguage {
  let chosen: Locale | null = null;
  const resolve = (): UiLocale => chosen ?? matchLocale(systemLanguages());
  let translator = createTranslator(resolve());
  const listeners: Array<(locale: UiLocale) => void> = [];
  return {
    translator: () => translator,
    choose(language) {
      chosen = language;
      const locale = resolve();
      if (locale === translator.locale) return;
      translator = createTranslator(locale);
      for (const listener of listeners) listener(locale);
    },
    onChange: (listener) => void listeners.push(listener),
  };
}
