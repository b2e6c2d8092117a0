// The app's words in a language, for specs that drive a translated window: the app's own
// translator, formatting numbers like the browser's locale does (ar-EG writes ١٤), with rich-text
// tags read as their plain text, so a name found by role is the one a reader of that language hears.
import type { MessageKey } from '../../shared/i18n/catalogues';
import type { UiLocale } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';

type Values = Record<string, string | number>;

/** Rich-text tags the messages use, read as their plain text (as an accessible name is). */
const PLAIN_TAGS = Object.fromEntries(['b', 'n', 'hidden', 'muted', 'timer', 'strong'].map((tag) => [tag, (chunks: unknown[]) => chunks.join('')]));

export interface Words {
  /** A message as the page shows it: placeholders filled, tags dropped. */
  t(key: MessageKey, values?: Values): string;
}

export function wordsFor(language: UiLocale, browserLocale: string): Words {
  const { intl } = createTranslator(language, browserLocale);
  return {
    t: (key, values = {}) => {
      const out = intl.formatMessage({ id: key }, { ...PLAIN_TAGS, ...values }) as string | string[];
      return Array.isArray(out) ? out.join('') : out;
    },
  };
}
