// The app's words in a language, for specs that drive a translated window: the same catalogues
// and ICU rules the app uses, formatting numbers like the browser's locale does (ar-EG writes
// ٢٥), so a name found by role is the one a reader of that language hears.
import { createIntl, createIntlCache } from '@formatjs/intl';
import type { MessageKey } from '../../shared/i18n/catalogues';
import { messagesFor } from '../../shared/i18n/catalogues';
import type { UiLocale } from '../../shared/i18n/locales';

type Values = Record<string, string | number>;

/** Rich-text tags the messages use, read as their plain text (as an accessible name is). */
const PLAIN_TAGS = Object.fromEntries(['b', 'n', 'hidden', 'muted', 'timer', 'strong'].map((tag) => [tag, (chunks: unknown[]) => chunks.join('')]));

export interface Words {
  /** A message as the page shows it: placeholders filled, tags dropped. */
  t(key: MessageKey, values?: Values): string;
  count(n: number): string;
}

const cache = createIntlCache();

export function wordsFor(language: UiLocale, browserLocale: string): Words {
  const intl = createIntl({ locale: browserLocale, defaultLocale: 'en', messages: messagesFor(language) }, cache);
  return {
    t: (key, values = {}) => {
      const out = intl.formatMessage({ id: key }, { ...PLAIN_TAGS, ...values }) as string | string[];
      return Array.isArray(out) ? out.join('') : out;
    },
    count: (n) => intl.formatNumber(n),
  };
}
