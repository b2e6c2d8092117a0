import { useId } from 'react';
import type { PlannedRun } from '../../../../shared/domain/planned';
import { LONG_RUN_WORDS } from '../../../../shared/errors/catalogue';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatTime, people } from '../../lib/format';
import { useStore } from '../../store';

/** "Friday games started: inviting 12 people." in the page, as the desktop's notification says it. */
export function PlannedStartedNotice() {
  const started = useStore((s) => s.plannedStarted);
  const openRun = useStore((s) => s.openRun);
  const dismiss = useStore((s) => s.dismissPlannedStarted);
  if (!started) return null;
  return (
    <div className="panel planned-started" role="status" aria-label="Scheduled call started">
      <p>{LONG_RUN_WORDS.plannedStarted(started.call, started.count).body}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            dismiss();
            void openRun(started.runId);
          }}
        >
          Open the run
        </button>
        <button type="button" className="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/**
 * Runs planned for scheduled calls. A plan whose call started while Rollcall was closed sends
 * nothing until the organiser says so, as interrupted runs.
 */
export function PlannedRuns() {
  const id = useId();
  const plans = useStore((s) => s.plans);
  const error = useStore((s) => s.plannedError);
  if (plans.length === 0 && !error) return null;
  return (
    <section className="panel planned-runs" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Planned runs</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {plans.length > 0 ? (
        <ul className="planned-runs__list" aria-label="Planned runs">
          {[...plans]
            .sort((a, b) => a.scheduleDate - b.scheduleDate)
            .map((plan) => (
              <PlannedItem key={plan.id} plan={plan} />
            ))}
        </ul>
      ) : null}
    </section>
  );
}

/** " at 19:00" when it was due in the past; an admin may also have started it early (then no time is known). */
const startedAt = (plan: PlannedRun): string => (plan.scheduleDate <= plan.updatedAt ? ` at ${formatTime(plan.scheduleDate)}` : '');

function PlannedItem({ plan }: { plan: PlannedRun }) {
  const id = useId();
  // "Friday games", as the notification names it; the chat's title when the call has none.
  const name = plan.call.title ?? plan.call.chatTitle;
  const where = plan.call.title ? `${plan.call.title} in ${plan.call.chatTitle}` : plan.call.chatTitle;
  const pending = useStore((s) => s.plannedPending === plan.id);
  const cancelPlan = useStore((s) => s.cancelPlan);
  const sendPlanNow = useStore((s) => s.sendPlanNow);
  const editPlan = useStore((s) => s.editPlan);
  const call = useStore((s) => s.calls?.find((c) => c.id === plan.call.id));
  const chooseCall = useStore((s) => s.chooseCall);
  const remove = (personId: string) => void editPlan(plan.id, plan.people.filter((p) => p.id !== personId).map((p) => p.id));
  return (
    <li className="planned-runs__item" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`} className="planned-runs__what">
        {plan.state === 'missed'
          ? `${name} started${startedAt(plan)} while Rollcall was closed: send the invitations now?`
          : plan.state === 'gone'
            ? `${name} ended before it started: nobody was invited.`
            : `${where}: ${people(plan.people.length)} invited when it starts`}
      </p>
      {plan.state === 'waiting' ? <p className="muted">Starts {formatDateTime(plan.scheduleDate)}. Rollcall must be open then to send.</p> : null}
      <ul className="chips" aria-label={`People planned for ${name}`}>
        {plan.people.map((person) => (
          <li key={person.id} className="chip">
            <span className="chip__name">{person.name}</span>
            {plan.state !== 'gone' && plan.people.length > 1 ? (
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove ${person.name} from the planned run`}
                disabled={pending}
                onClick={() => remove(person.id)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {plan.state === 'missed' ? (
          <button type="button" className="button button--primary" disabled={pending} onClick={() => void sendPlanNow(plan.id)}>
            Send the invitations now
          </button>
        ) : null}
        {plan.state === 'waiting' && call ? (
          <button type="button" className="button" aria-label={`Add people to the planned run to ${name}`} onClick={() => chooseCall(call)}>
            Add people
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={pending}
          aria-label={`Cancel the planned run to ${name}`}
          onClick={() => void cancelPlan(plan.id)}
        >
          {pending ? 'Working…' : 'Cancel the planned run'}
        </button>
      </div>
    </li>
  );
}
