import type { KeyboardEvent } from 'react';
import { useStore } from '../../store';
import type { View } from './shellSlice';

interface Item {
  view: View;
  label: string;
}

const ITEMS: Item[] = [
  { view: 'calls', label: 'Calls' },
  { view: 'people', label: 'People' },
  { view: 'run', label: 'Run' },
  { view: 'history', label: 'History' },
  { view: 'settings', label: 'Settings' },
];

/** The workflow's steps plus history and settings; a step is available once it has something to show. */
export function MainNav() {
  const view = useStore((s) => s.view);
  const go = useStore((s) => s.go);
  const hasCall = useStore((s) => s.selectedCall !== null);
  const hasRun = useStore((s) => s.run !== null);
  const available = (v: View) => (v === 'people' ? hasCall : v === 'run' ? hasRun : true);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const next = buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    next.focus();
    event.preventDefault();
  };

  return (
    <nav className="main-nav" aria-label="Main" onKeyDown={onKeyDown}>
      {ITEMS.map((item) => (
        <button
          key={item.view}
          type="button"
          className="main-nav__item"
          aria-current={view === item.view ? 'page' : undefined}
          disabled={!available(item.view)}
          onClick={() => go(item.view)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
