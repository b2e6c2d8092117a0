import { useEffect, useId, type FormEvent } from 'react';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

const DEBOUNCE_MS = 300;

/** Telegram's global search, as you type (debounced) or on Enter. */
export function SearchPanel() {
  const t = useT();
  const id = useId();
  const text = useStore((s) => s.searchText);
  const setText = useStore((s) => s.setSearchText);
  const search = useStore((s) => s.search);
  const status = useStore((s) => s.lists.search.status);
  const found = useStore((s) => s.lists.search.people.length);

  useEffect(() => {
    const timer = window.setTimeout(() => void search(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(text);
  };

  return (
    <form className="form form--inline source-form" onSubmit={submit} role="search" aria-label={t('picker.search.form')}>
      <div className="field field--grow">
        <label htmlFor={`${id}-q`}>{t('picker.search.label')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          maxLength={64}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('picker.search.placeholder')}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <button type="submit" className="button">
        {t('picker.search.submit')}
      </button>
      <p role="status" className="muted source-form__status">
        {status === 'loading' ? t('picker.search.searching') : status === 'ready' && text.trim() ? t('picker.search.found', { count: found }) : ''}
      </p>
    </form>
  );
}
