// The window in the language chosen in Settings (or remembered here until the settings arrive):
// a change re-renders everything under it at once, no reload.
import type { ReactNode } from 'react';
import { useStore } from '../store';
import { I18nProvider } from './I18nProvider';

export function ChosenLanguage({ children }: { children: ReactNode }) {
  const chosen = useStore((s) => s.chosenLanguage);
  return <I18nProvider chosen={chosen}>{children}</I18nProvider>;
}
