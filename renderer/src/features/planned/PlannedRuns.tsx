import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PlannedRun } from '../../../../shared/domain/planned';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useFormat } from '../../lib/format';
import { useStore } from '../../store';

/** "Friday games started: inviting 12 people." in the page, as the desktop's notification says it. */
export function PlannedStartedNotice() {
  const started = useStore((s) => s.plannedStarted);
  const openRun = useStore((s) => s.openRun);
  const dismiss = useStore((s) => s.dismissPlannedStarted);
  const t = useT();
  if (!started) return null;
  return (
    <div className="panel planned-started" role="status" aria-label={t('planned.started.label')}>
      <p>
        <FormattedMessage id="planned.started.body" values={{ call: <bdi>{started.call}</bdi>, count: started.count }} />
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            dismiss();
            void openRun(started.runId);
          }}
        >
          {t('planned.started.open')}
        </button>
        <button type="button" className="button" onClick={dismiss}>
          {t('planned.started.dismiss')}
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
  const t = useT();
  if (plans.length === 0 && !error) return null;
  return (
    <section className="panel planned-runs" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('planned.heading')}</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {plans.length > 0 ? (
        <ul className="planned-runs__list" aria-label={t('planned.heading')}>
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

/** What the plan is waiting for, or what became of it, in one sentence. */
function PlanSentence({ plan, name }: { plan: PlannedRun; name: string }) {
  const format = useFormat();
  const isolated = <bdi>{name}</bdi>;
  if (plan.state === 'missed') {
    // The time when it was due in the past; an admin may also have started it early (then no time is known).
    return plan.scheduleDate <= plan.updatedAt ? (
      <FormattedMessage id="planned.item.missed" values={{ name: isolated, time: format.time(plan.scheduleDate) }} />
    ) : (
      <FormattedMessage id="planned.item.missedNoTime" values={{ name: isolated }} />
    );
  }
  if (plan.state === 'gone') return <FormattedMessage id="planned.item.gone" values={{ name: isolated }} />;
  const count = plan.people.length;
  return plan.call.title ? (
    <FormattedMessage id="planned.item.waiting" values={{ title: isolated, chat: <bdi>{plan.call.chatTitle}</bdi>, count }} />
  ) : (
    <FormattedMessage id="planned.item.waitingNoTitle" values={{ chat: isolated, count }} />
  );
}

function PlannedItem({ plan }: { plan: PlannedRun }) {
  const id = useId();
  const t = useT();
  const format = useFormat();
  // "Friday games", as the notification names it; the chat's title when the call has none.
  const name = plan.call.title ?? plan.call.chatTitle;
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
        <PlanSentence plan={plan} name={name} />
      </p>
      {plan.state === 'waiting' ? (
        <p className="muted">{t('planned.item.starts', { date: format.dateTime(plan.scheduleDate) })}</p>
      ) : null}
      <ul className="chips" aria-label={t('planned.item.people', { name })}>
        {plan.people.map((person) => (
          <li key={person.id} className="chip">
            <span className="chip__name">
              <bdi>{person.name}</bdi>
            </span>
            {plan.state !== 'gone' && plan.people.length > 1 ? (
              <button
                type="button"
                className="chip__remove"
                aria-label={t('planned.item.remove', { name: person.name })}
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
            {t('planned.item.sendNow')}
          </button>
        ) : null}
        {plan.state === 'waiting' && call ? (
          <button type="button" className="button" aria-label={t('planned.item.addPeopleLabel', { name })} onClick={() => chooseCall(call)}>
            {t('planned.item.addPeople')}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={pending}
          aria-label={t('planned.item.cancelLabel', { name })}
          onClick={() => void cancelPlan(plan.id)}
        >
          {pending ? t('planned.item.working') : t('planned.item.cancel')}
        </button>
      </div>
    </li>
  );
}
