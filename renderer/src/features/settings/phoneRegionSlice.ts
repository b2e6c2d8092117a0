// Where phone numbers without a country code are read, for pasted lists: the region of the
// browser's or system's language by default, changed in Settings or beside the paste box and
// remembered on this computer. It is not secret, so localStorage is enough (best effort: a
// preview on another port starts from the locale again).
import type { StateCreator } from 'zustand';
import { PhoneRegion, regionFromLocale } from '../../../../shared/domain/phoneRegion';
import type { Store } from '../../store';

const STORAGE_KEY = 'rollcall.phoneRegion';

export interface PhoneRegionSlice {
  /** null: no region (every number must carry its country code). */
  phoneRegion: PhoneRegion | null;
  /** The region the locale suggests, shown as the default. */
  localeRegion: PhoneRegion | null;
  setPhoneRegion(region: PhoneRegion | null): void;
}

function stored(): PhoneRegion | null | undefined {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (value === null || value === undefined) return undefined;
    if (value === '') return null;
    const parsed = PhoneRegion.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The first of the browser's languages that names a region with phone numbers. */
export function localeRegion(languages: readonly string[] = globalThis.navigator?.languages ?? []): PhoneRegion | null {
  for (const language of languages) {
    const region = regionFromLocale(language);
    if (region) return region;
  }
  return regionFromLocale(Intl.DateTimeFormat().resolvedOptions().locale);
}

export const createPhoneRegionSlice: StateCreator<Store, [], [], PhoneRegionSlice> = (set) => {
  const fromLocale = localeRegion();
  const saved = stored();
  return {
    phoneRegion: saved === undefined ? fromLocale : saved,
    localeRegion: fromLocale,
    setPhoneRegion: (region) => {
      set({ phoneRegion: region });
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, region ?? '');
      } catch {
        // Private windows may refuse storage: the choice lasts for this session.
      }
    },
  };
};
