// The language chosen in Settings, kept on this computer too: the settings come from the main
// process a moment after the first paint, which should already be in the chosen language. Not
// secret, so localStorage is enough (best effort: a private window may refuse it).
import { isLocale, type Locale } from '../../../shared/i18n/locales';

const STORAGE_KEY = 'rollcall.language';

/** The last choice seen on this computer; null (follow the system) when there is none. */
export function rememberedLanguage(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Locale | null): void {
  try {
    if (language) globalThis.localStorage?.setItem(STORAGE_KEY, language);
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused: the choice still applies, from the settings, once they arrive.
  }
}
