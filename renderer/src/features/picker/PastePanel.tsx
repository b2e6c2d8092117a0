import { useId, type FormEvent } from 'react';
import type { ResolveProgress } from '../../../../shared/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describeError } from '../../../../shared/errors/catalogue';
import { formatDuration, plural } from '../../lib/format';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { PhoneRegionSelect } from '../settings/PhoneRegionSelect';

const SHOWN_LINE_ERRORS = 200;

/** Telegram asked for a pause while the list was being looked up: counted down; the lookup resumes by itself. */
function ResolveWait({ progress }: { progress: ResolveProgress }) {
  const left = useCountdown(progress.waitUntil);
  const entry = describeError('FLOOD_WAIT');
  return (
    <div className="flood-wait" role="status">
      <p className="flood-wait__title">
        {entry.title}: looking up the rest in <span className="flood-wait__count">{formatDuration(left)}</span>
      </p>
      <p className="muted">
        {plural(progress.done, 'line', 'lines')} of {progress.total} looked up so far. Nothing is asked of Telegram until the pause
        is over; no line fails because of it.
      </p>
    </div>
  );
}

/** A pasted list: one username, @name, t.me link or phone number per line; each line's problem said on its line. */
export function PastePanel() {
  const id = useId();
  const text = useStore((s) => s.pasteText);
  const setText = useStore((s) => s.setPasteText);
  const resolve = useStore((s) => s.resolvePasted);
  const pending = useStore((s) => s.pastePending);
  const error = useStore((s) => s.pasteError);
  const lines = useStore((s) => s.pasteLines);
  const progress = useStore((s) => s.pasteProgress);
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
      <div className="field">
        <label htmlFor={`${id}-region`}>Numbers without a country code are from</label>
        <PhoneRegionSelect id={`${id}-region`} describedBy={`${id}-region-help`} />
        <p id={`${id}-region-help`} className="help">
          Also in Settings. Numbers that start with + or 00 carry their own country code.
        </p>
      </div>
      {pending && progress?.waitUntil ? <ResolveWait progress={progress} /> : null}
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
