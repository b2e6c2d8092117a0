import { useId, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';
import { useStore } from '../../store';

const SHOWN_LINE_ERRORS = 200;

/** A pasted list: one username, @name, t.me link or phone number per line; each line's problem said on its line. */
export function PastePanel() {
  const id = useId();
  const text = useStore((s) => s.pasteText);
  const setText = useStore((s) => s.setPasteText);
  const resolve = useStore((s) => s.resolvePasted);
  const pending = useStore((s) => s.pastePending);
  const error = useStore((s) => s.pasteError);
  const lines = useStore((s) => s.pasteLines);
  const failed = lines?.filter((line) => line.error !== null) ?? [];
  const found = lines ? lines.length - failed.length : 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void resolve();
  };

  return (
    <form className="form source-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-list`}>People, one per line</label>
        <textarea
          id={`${id}-list`}
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'@linus_brook\nhttps://t.me/radia_stone\n+44 7700 900123'}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        />
        <p id={`${id}-help`} className="help">
          Usernames, @names, t.me links or phone numbers. The people found are selected for you.
        </p>
        {error ? <ErrorNotice id={`${id}-error`} error={error} compact /> : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending || !text.trim()}>
          {pending ? 'Looking them up…' : 'Find these people'}
        </button>
        {lines ? (
          <p role="status" className="muted">
            {plural(found, 'line', 'lines')} matched a person
            {failed.length > 0 ? `; ${plural(failed.length, 'line needs', 'lines need')} fixing` : ''}.
          </p>
        ) : null}
      </div>
      {failed.length > 0 ? (
        <ol className="line-errors" aria-label="Lines Rollcall couldn’t use">
          {failed.slice(0, SHOWN_LINE_ERRORS).map((line) => (
            <li key={line.lineNumber} className="line-error">
              <p className="line-error__line">
                Line {line.lineNumber}: <code>{line.text}</code>
              </p>
              <ErrorNotice error={line.error!} alert={false} compact />
            </li>
          ))}
          {failed.length > SHOWN_LINE_ERRORS ? (
            <li className="muted">…and {failed.length - SHOWN_LINE_ERRORS} more lines with problems.</li>
          ) : null}
        </ol>
      ) : null}
    </form>
  );
}
