import { useMemo } from 'react';
import { PhoneRegion, phoneRegions } from '../../../../shared/domain/phoneRegion';
import { useIntl } from 'react-intl';
import { useT, type T } from '../../i18n/useT';
import { useStore } from '../../store';

/** Country names in the window's language, with their calling codes, sorted by name in it. */
function useRegionOptions(t: T): { region: string; label: string }[] {
  const { locale } = useIntl();
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      names = null;
    }
    const collator = new Intl.Collator(locale);
    return phoneRegions()
      .map(({ region, callingCode }) => ({ region, label: t('settings.phone.region.option', { country: names?.of(region) ?? region, code: callingCode }) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [locale, t]);
}

/**
 * Where phone numbers without a country code are read: one choice, shared by the paste panel and
 * Settings. `describedBy` points at the text that explains it.
 */
export function PhoneRegionSelect({ id, describedBy }: { id: string; describedBy?: string }) {
  const region = useStore((s) => s.phoneRegion);
  const fromLocale = useStore((s) => s.localeRegion);
  const setRegion = useStore((s) => s.setPhoneRegion);
  const t = useT();
  const options = useRegionOptions(t);
  return (
    <select
      id={id}
      value={region ?? ''}
      aria-describedby={describedBy}
      onChange={(e) => {
        const parsed = PhoneRegion.safeParse(e.target.value);
        setRegion(parsed.success ? parsed.data : null);
      }}
    >
      <option value="">{t('settings.phone.region.none')}</option>
      {options.map((option) => (
        <option key={option.region} value={option.region}>
          {option.region === fromLocale ? t('settings.phone.region.yours', { option: option.label }) : option.label}
        </option>
      ))}
    </select>
  );
}
