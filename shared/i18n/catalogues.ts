// Every language's messages, flat ICU MessageFormat keyed like "picker.search.label". English is
// the source: its keys are the type every other catalogue is checked against (test/i18n.test.ts).
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './messages/en';
import ru from './messages/ru';
import es from './messages/es';
import ptBR from './messages/pt-BR';
import ar from './messages/ar';
import fa from './messages/fa';
import id from './messages/id';
import { PSEUDO_LOCALE, SOURCE_LOCALE, type Locale, type UiLocale } from './locales';
import { pseudoLocalise } from './pseudo';

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;

export const CATALOGUES: Record<Locale, Catalogue> = { en, ru, es, 'pt-BR': ptBR, ar, fa, id };
export const ENGLISH: Record<MessageKey, string> = en;

let pseudo: Record<MessageKey, MessageFormatElement[]> | null = null;

/**
 * The messages to format with in a locale: its own, over English so that a key a translation
 * lacks still says something (the tests make sure none lacks any). The pseudo-locale is English
 * transformed, built once.
 */
export function messagesFor(locale: UiLocale): Record<MessageKey, string> | Record<MessageKey, MessageFormatElement[]> {
  if (locale === PSEUDO_LOCALE) return (pseudo ??= pseudoLocalise(ENGLISH) as Record<MessageKey, MessageFormatElement[]>);
  return locale === SOURCE_LOCALE ? ENGLISH : { ...ENGLISH, ...CATALOGUES[locale] };
}

// react-intl and @formatjs/intl check every message id against English's keys at compile time.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the libraries' documented hook for typed ids
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
  }
}
