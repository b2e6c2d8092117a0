// Closing the desktop window while runs send: what should happen to them. The main process
// prevents the close and asks (closeRequested); the answer goes back as shellCloseAnswer.
import { useEffect, useId, useRef } from 'react';
import type { CloseChoice } from '../../../../shared/ipc/contract';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

const CHOICES = [
  {
    choice: 'background',
    label: 'shell.close.background.label',
    explains: 'shell.close.background.explains',
    busy: 'shell.close.background.busy',
  },
  {
    choice: 'stop',
    label: 'shell.close.stop.label',
    explains: 'shell.close.stop.explains',
    busy: 'shell.close.stop.busy',
  },
  {
    choice: 'quit',
    label: 'shell.close.quit.label',
    explains: 'shell.close.quit.explains',
    busy: 'shell.close.quit.busy',
  },
] as const satisfies ReadonlyArray<{ choice: CloseChoice; label: MessageKey; explains: MessageKey; busy: MessageKey }>;

const DONE = {
  background: 'shell.close.background.done',
  stop: 'shell.close.stop.done',
  quit: 'shell.close.quit.done',
} as const satisfies Record<CloseChoice, MessageKey>;

export function CloseQuestion() {
  const question = useStore((s) => s.closeQuestion);
  const done = useStore((s) => s.closeDone);
  const t = useT();
  return (
    <>
      {question ? <CloseDialog sending={question.sending} /> : null}
      <p role="status" className="close-status">
        {done ? t(DONE[done]) : ''}
      </p>
    </>
  );
}

function CloseDialog({ sending }: { sending: number }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const pending = useStore((s) => s.closePending);
  const error = useStore((s) => s.closeError);
  const answer = useStore((s) => s.answerClose);
  const dismiss = useStore((s) => s.dismissClose);
  const t = useT();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const busy = CHOICES.find((c) => c.choice === pending)?.busy;
  return (
    <dialog
      ref={ref}
      className="panel close-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onCancel={(event) => {
        event.preventDefault();
        dismiss();
      }}
    >
      <h2 id={`${id}-title`}>{t('shell.close.title', { count: sending })}</h2>
      <p id={`${id}-what`}>{t('shell.close.question', { count: sending })}</p>
      <ul className="close-dialog__choices">
        {CHOICES.map(({ choice, label, explains }) => (
          <li key={choice}>
            <button
              type="button"
              className={`button${choice === 'background' ? ' button--primary' : ''}`}
              disabled={pending !== null}
              aria-describedby={`${id}-${choice}`}
              onClick={() => void answer(choice)}
            >
              {t(label)}
            </button>
            <p id={`${id}-${choice}`} className="muted">
              {t(explains)}
            </p>
          </li>
        ))}
      </ul>
      {busy ? (
        <p role="status" className="close-dialog__busy">
          {t(busy)}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button--quiet" disabled={pending !== null} onClick={dismiss}>
          {t('shell.close.cancel')}
        </button>
      </div>
    </dialog>
  );
}
