import type { KeyboardEvent } from 'react';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import type { View } from './shellSlice';

const ITEMS = [
  { view: 'calls', label: 'shell.nav.calls' },
  { view: 'people', label: 'shell.nav.people' },
  { view: 'run', label: 'shell.nav.run' },
  { view: 'history', label: 'shell.nav.history' },
  { view: 'settings', label: 'shell.nav.settings' },
] as const satisfies ReadonlyArray<{ view: View; label: MessageKey }>;

/** The workflow's steps plus history and settings; a step is available once it has something to show. */
export function MainNav() {
  const view = useStore((s) => s.view);
  const go = useStore((s) => s.go);
  const hasCall = useStore((s) => s.selectedCall !== null);
  const hasRun = useStore((s) => s.run !== null);
  const t = useT();
  const available = (v: View) => (v === 'people' ? hasCall : v === 'run' ? hasRun : true);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    // Right to left, the arrow that points forward is the left one.
    const rtl = event.currentTarget.closest('[dir]')?.getAttribute('dir') === 'rtl';
    const forward = (event.key === 'ArrowRight') !== rtl;
    const next = buttons[(at + (forward ? 1 : buttons.length - 1)) % buttons.length];
    next.focus();
    event.preventDefault();
  };

  return (
    <nav className="main-nav" aria-label={t('shell.nav.label')} onKeyDown={onKeyDown}>
      {ITEMS.map((item) => (
        <button
          key={item.view}
          type="button"
          className="main-nav__item"
          aria-current={view === item.view ? 'page' : undefined}
          disabled={!available(item.view)}
          onClick={() => go(item.view)}
        >
          {t(item.label)}
        </button>
      ))}
    </nav>
  );
}
