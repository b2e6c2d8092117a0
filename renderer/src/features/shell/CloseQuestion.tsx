// Closing the desktop window while runs send: what should happen to them. The main process
// prevents the close and asks (closeRequested); the answer goes back as shellCloseAnswer.
import { useEffect, useId, useRef } from 'react';
import type { CloseChoice } from '../../../../shared/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

const CHOICES: Array<{ choice: CloseChoice; label: string; explains: string; busy: string }> = [
  {
    choice: 'background',
    label: 'Keep running in the background',
    explains: 'The window closes and the run goes on; Rollcall stays in the tray (the dock on a Mac) and tells you when it is done.',
    busy: 'Moving to the background…',
  },
  {
    choice: 'stop',
    label: 'Stop after the requests in flight',
    explains: 'Nothing new is sent; answers to requests already sent are waited for and recorded, then Rollcall quits. The rest are “not sent” and can be invited again later.',
    busy: 'Stopping after the requests in flight…',
  },
  {
    choice: 'quit',
    label: 'Quit now and resume later',
    explains: 'Rollcall quits at once. Next time it offers to resume the run where it stopped, and nobody is invited twice.',
    busy: 'Quitting…',
  },
];

const DONE: Record<CloseChoice, string> = {
  background: 'The run goes on in the background.',
  stop: 'The runs stopped after the requests in flight. Rollcall is quitting.',
  quit: 'Rollcall is quitting. Start it again to resume the run where it stopped.',
};

export function CloseQuestion() {
  const question = useStore((s) => s.closeQuestion);
  const done = useStore((s) => s.closeDone);
  return (
    <>
      {question ? <CloseDialog sending={question.sending} /> : null}
      <p role="status" className="close-status">
        {done ? DONE[done] : ''}
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
      <h2 id={`${id}-title`}>{sending === 1 ? 'A run is still sending invites' : `${sending} runs are still sending invites`}</h2>
      <p id={`${id}-what`}>Closing the window now would stop {sending === 1 ? 'it' : 'them'}. What should happen?</p>
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
              {label}
            </button>
            <p id={`${id}-${choice}`} className="muted">
              {explains}
            </p>
          </li>
        ))}
      </ul>
      {busy ? (
        <p role="status" className="close-dialog__busy">
          {busy}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button--quiet" disabled={pending !== null} onClick={dismiss}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
