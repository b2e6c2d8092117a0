import { useMemo } from 'react';
import { PhoneRegion, phoneRegions } from '../../../../shared/domain/phoneRegion';
import { useStore } from '../../store';

/** Country names in the browser's language, with their calling codes, sorted by name. */
function useRegionOptions(): { region: string; label: string }[] {
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      names = null;
    }
    return phoneRegions()
      .map(({ region, callingCode }) => ({ region, label: `${names?.of(region) ?? region} (+${callingCode})` }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, []);
}

/**
 * Where phone numbers without a country code are read: one choice, shared by the paste panel and
 * Settings. `describedBy` points at the text that explains it.
 */
export function PhoneRegionSelect({ id, describedBy }: { id: string; describedBy?: string }) {
  const region = useStore((s) => s.phoneRegion);
  const fromLocale = useStore((s) => s.localeRegion);
  const setRegion = useStore((s) => s.setPhoneRegion);
  const options = useRegionOptions();
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
      <option value="">None: every number has its country code</option>
      {options.map((option) => (
        <option key={option.region} value={option.region}>
          {option.label}
          {option.region === fromLocale ? ' — your language’s region' : ''}
        </option>
      ))}
    </select>
  );
}
