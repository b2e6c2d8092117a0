// English words for tests and generated docs (the README's error table): what an organiser reading
// English sees for a message or an error code.
import type { ErrorCode } from '../errors/codes';
import { errorTextKeys } from '../errors/catalogue';
import type { MessageKey } from './catalogues';
import { createTranslator, type MessageValues } from './translate';

const translator = createTranslator('en');

export const english = (key: MessageKey, values?: MessageValues): string => translator.t(key, values);

export function englishError(code: ErrorCode): { title: string; meaning: string; action: string } {
  const keys = errorTextKeys(code);
  return { title: english(keys.title), meaning: english(keys.meaning), action: english(keys.action) };
}
