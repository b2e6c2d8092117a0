// Settings › Language: follow the system, or one of the shipped languages, each by its own name in
// its own language (a Russian speaker looking for "Русский" finds it whatever the window says).
import { useId } from 'react';
import { LOCALES, isLocale, type Locale, type UiLocale } from '../../../../shared/i18n/locales';
import { ErrorNotice } from '../../components/ErrorNotice';
import { preferredLocale } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

/** A language's name as its speakers write it, capitalised as a list entry ("Русский", "Español"). */
export function ownName(locale: UiLocale): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
  } catch {
    name = undefined;
  }
  if (!name) return locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

export function LanguageSelect() {
  const id = useId();
  const t = useT();
  const chosen = useStore((s) => s.settings?.language ?? null);
  const save = useStore((s) => s.saveLanguage);
  const error = useStore((s) => s.languageError);
  const system = preferredLocale();
  return (
    <>
      <h3>{t('settings.language.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('settings.language.label')}</label>
        <select
          id={`${id}-language`}
          value={chosen ?? ''}
          aria-describedby={`${id}-language-help`}
          onChange={(e) => {
            const value: Locale | null = isLocale(e.target.value) ? e.target.value : null;
            void save(value);
          }}
        >
          <option value="">{t('settings.language.system', { language: ownName(system) })}</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {ownName(locale)}
            </option>
          ))}
        </select>
        <p id={`${id}-language-help`} className="help">
          {t('settings.language.help')}
        </p>
      </div>
      {error ? <ErrorNotice error={error} compact /> : null}
    </>
  );
}
