import { useId, type FormEvent } from 'react';
import type { ResolveProgress } from '../../../../shared/ipc/contract';
import { FormattedMessage } from 'react-intl';
import { ErrorNotice, useErrorText } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useCountdown } from '../../lib/useCountdown';
import { useStore } from '../../store';
import { PhoneRegionSelect } from '../settings/PhoneRegionSelect';

const SHOWN_LINE_ERRORS = 200;

/** Telegram asked for a pause while the list was being looked up: counted down; the lookup resumes by itself. */
function ResolveWait({ progress }: { progress: ResolveProgress }) {
  const t = useT();
  const format = useFormat();
  const left = useCountdown(progress.waitUntil);
  const { title } = useErrorText('FLOOD_WAIT');
  return (
    <div className="flood-wait" role="status">
      <p className="flood-wait__title">
        <FormattedMessage
          id="picker.paste.waitTitle"
          values={{ title, duration: <span className="flood-wait__count">{format.duration(left)}</span> }}
        />
      </p>
      <p className="muted">{t('picker.paste.waitBody', { done: progress.done, total: progress.total })}</p>
    </div>
  );
}

/** A pasted list: one username, @name, t.me link or phone number per line; each line's problem said on its line. */
export function PastePanel() {
  const t = useT();
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
        <label htmlFor={`${id}-list`}>{t('picker.paste.label')}</label>
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
          {t('picker.paste.help')}
        </p>
        {error ? <ErrorNotice id={`${id}-error`} error={error} compact /> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('picker.paste.region')}</label>
        <PhoneRegionSelect id={`${id}-region`} describedBy={`${id}-region-help`} />
        <p id={`${id}-region-help`} className="help">
          {t('picker.paste.regionHelp')}
        </p>
      </div>
      {pending && progress?.waitUntil ? <ResolveWait progress={progress} /> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending || !text.trim()}>
          {t(pending ? 'picker.paste.pending' : 'picker.paste.submit')}
        </button>
        {lines ? (
          <p role="status" className="muted">
            {failed.length > 0
              ? t('picker.paste.matchedSomeFailed', { found, failed: failed.length })
              : t('picker.paste.matched', { found })}
          </p>
        ) : null}
      </div>
      {failed.length > 0 ? (
        <ol className="line-errors" aria-label={t('picker.paste.failedLines')}>
          {failed.slice(0, SHOWN_LINE_ERRORS).map((line) => (
            <li key={line.lineNumber} className="line-error">
              <p className="line-error__line">
                <FormattedMessage
                  id="picker.paste.line"
                  values={{
                    line: line.lineNumber,
                    text: (
                      <bdi dir="ltr">
                        <code>{line.text}</code>
                      </bdi>
                    ),
                  }}
                />
              </p>
              <ErrorNotice error={line.error!} alert={false} compact />
            </li>
          ))}
          {failed.length > SHOWN_LINE_ERRORS ? (
            <li className="muted">{t('picker.paste.moreFailed', { count: failed.length - SHOWN_LINE_ERRORS })}</li>
          ) : null}
        </ol>
      ) : null}
    </form>
  );
}
