// Messages outside React: the main process's menu, notifications and dialogs, and the core's
// exports. The renderer uses react-intl's provider over the same catalogues (renderer/src/i18n).
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { messagesFor, type MessageKey } from './catalogues';
import type { UiLocale } from './locales';

export type MessageValues = Record<string, string | number | Date>;
export interface Translator {
  locale: UiLocale;
  t(key: MessageKey, values?: MessageValues): string;
  intl: IntlShape<string>;
}

const cache = createIntlCache();

/** `formatLocale`: where numbers and dates follow a regional variant (ar-EG writes ١٤), as the window's do. */
export function createTranslator(locale: UiLocale, formatLocale: string = locale): Translator {
  const intl = createIntl({ locale: formatLocale, defaultLocale: 'en', messages: messagesFor(locale) }, cache);
  return { locale, intl, t: (key, values) => intl.formatMessage({ id: key }, values) };
}
