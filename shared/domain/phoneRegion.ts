// Where a phone number written without its country code is read ("07700 900123" in GB is
// +44 7700 900123): a region code of libphonenumber-js (ISO 3166 alpha-2). The default is the
// region of the organiser's locale; the picker and Settings let them change it.
import { getCountries, getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

export const PhoneRegion = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be two capital letters, e.g. GB')
  .refine((code) => isSupportedCountry(code), 'is not a region with phone numbers')
  .transform((code) => code as CountryCode);
export type PhoneRegion = CountryCode;

/** Every region libphonenumber-js knows, with its calling code, e.g. { region: 'GB', callingCode: '44' }. */
export function phoneRegions(): { region: CountryCode; callingCode: string }[] {
  return getCountries().map((region) => ({ region, callingCode: getCountryCallingCode(region) }));
}

/**
 * The region of a BCP 47 locale ("en-GB" → GB, "de" → DE through its likely region), or null
 * where none can be told or it has no phone numbers.
 */
export function regionFromLocale(locale: string | undefined | null): CountryCode | null {
  if (!locale) return null;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && isSupportedCountry(region) ? region : null;
  } catch {
    return null;
  }
}
