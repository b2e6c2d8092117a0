import { useId, useMemo, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AudienceSource } from '../../../../shared/domain/audiences';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { SaveAsAudience } from '../audiences/SaveAsAudience';
import { toAudiencePerson } from '../audiences/audiencesSlice';
import { InviteLinks } from '../runs/InviteLinks';

/** What the chip box shows before it scrolls: a select-all of 100,000 lays out no more chips than that. */
const SHOWN_CHIPS = 12;

/** The selection as the picker shows it, for "Save as audience". */
function selectionSource(): AudienceSource[] | null {
  const { selectedIds, personById } = useStore.getState();
  const people = selectedIds().map(personById).filter((p) => p !== undefined).map(toAudiencePerson);
  return people.length ? [{ kind: 'people', people }] : null;
}

/** The selection as removable chips, and the button that starts the run. */
export function SelectionPanel() {
  const t = useT();
  const id = useId();
  const count = useStore((s) => s.selectedCount);
  const personById = useStore((s) => s.personById);
  // The first few in selection order: a short walk, however many are selected, taken again only
  // when the selection changed (its version), not on every change of the store, and without
  // comparing the lists (what useShallow did, through two Maps, on every change).
  const version = useStore((s) => s.selectionVersion);
  const selectedIds = useStore((s) => s.selectedIds);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the selection changes in place: its version says when
  const ids = useMemo(() => selectedIds(SHOWN_CHIPS), [selectedIds, version]);
  const deselect = useStore((s) => s.deselect);
  const clearSelection = useStore((s) => s.clearSelection);
  const call = useStore((s) => s.selectedCall);
  const batchSize = useStore((s) => s.settings?.batchSize ?? 10);
  const invite = useStore((s) => s.invite);
  const pending = useStore((s) => s.runPending);
  const runError = useStore((s) => s.runError);
  const blocked = useStore((s) => s.inviteBlocked);
  const callProblem = useStore((s) => s.callProblem);
  const scheduled = call?.state === 'scheduled';
  // A scheduled call can't take invites yet (CALL_NOT_STARTED): that is what planning is for.
  const problem = scheduled ? null : (blocked ?? callProblem);
  const preflight = useStore(useShallow((s) => s.preflight.filter((finding) => !finding.blocks)));
  const offerLink = preflight.length > 0 || problem?.code === 'PREFLIGHT_BROADCAST';
  const replan = useStore((s) => s.replan);
  const loadCalls = useStore((s) => s.loadCalls);
  const checkAgain = () => {
    useStore.setState({ inviteBlocked: null });
    replan();
    void loadCalls();
  };

  const onChipClick = (event: MouseEvent<HTMLUListElement>) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-id]');
    if (button?.dataset.id) deselect(button.dataset.id);
  };

  const start = () => {
    if (!call) return;
    void invite(call.id, useStore.getState().selectedIds());
  };

  const batches = Math.ceil(count / batchSize);
  const busy = pending === 'plan' || pending === 'start';

  return (
    <aside className="panel selection" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="selection__heading">
        {t('picker.selection.heading')}
      </h2>
      <p className="selection__count" role="status">
        {count === 0 ? t('picker.selection.none') : t('picker.selection.count', { count })}
      </p>
      {count === 0 ? (
        <p className="muted">{t('picker.selection.hint')}</p>
      ) : (
        <>
          <ul className="chips" aria-label={t('picker.selection.chips')} onClick={onChipClick}>
            {ids.map((personId) => {
              const name = personById(personId)?.name ?? personId;
              return (
                <li key={personId} className="chip">
                  <span className="chip__name">
                    <bdi>{name}</bdi>
                  </span>
                  <button type="button" className="chip__remove" data-id={personId} aria-label={t('picker.selection.remove', { name })}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          {count > ids.length ? <p className="muted">{t('picker.selection.more', { count: count - ids.length })}</p> : null}
          <button type="button" className="button button--quiet" onClick={clearSelection}>
            {t('picker.selection.clear')}
          </button>
          <SaveAsAudience origin="selection" sources={selectionSource} />
        </>
      )}
      <div className="selection__go">
        {problem ? (
          <>
            <ErrorNotice error={problem} alert={blocked !== null} compact />
            <button type="button" className="button" onClick={checkAgain}>
              {t('picker.selection.checkAgain')}
            </button>
          </>
        ) : null}
        {!problem && preflight.length > 0 ? (
          <div className="call-warnings" role="group" aria-label={t('picker.selection.preflight')}>
            {preflight.map((finding) => (
              <ErrorNotice key={finding.code} className="error-notice--mild" error={finding} alert={false} compact />
            ))}
          </div>
        ) : null}
        {runError ? <ErrorNotice error={runError} compact /> : null}
        {scheduled && call ? (
          <PlanButton callId={call.id} count={count} />
        ) : (
          <button
            type="button"
            className="button button--primary button--big"
            disabled={count === 0 || busy || problem !== null}
            onClick={start}
          >
            {busy ? t('picker.selection.starting') : t('picker.selection.invite', { count })}
          </button>
        )}
        {count > 0 && !problem && !scheduled ? (
          <p className="muted">{t('picker.selection.batches', { batches, batchSize })}</p>
        ) : null}
      </div>
      {call && !scheduled ? (
        <InviteLinks heading={t(offerLink ? 'picker.selection.listenerLink' : 'picker.selection.callLink')} callId={call.id} />
      ) : null}
    </aside>
  );
}

/** For a scheduled call: plan the run ("Invite when it starts"), or add the selection to the plan. */
function PlanButton({ callId, count }: { callId: string; count: number }) {
  const t = useT();
  const plan = useStore((s) => s.plans.find((p) => p.call.id === callId && p.state === 'waiting'));
  const pending = useStore((s) => s.plannedPending);
  const error = useStore((s) => s.plannedError);
  const planRun = useStore((s) => s.planRun);
  const editPlan = useStore((s) => s.editPlan);
  const go = () => {
    const ids = useStore.getState().selectedIds();
    if (plan) void editPlan(plan.id, [...new Set([...plan.people.map((p) => p.id), ...ids])]);
    else void planRun(callId, ids);
  };
  const busy = pending !== null;
  return (
    <>
      {error ? <ErrorNotice error={error} compact /> : null}
      <button type="button" className="button button--primary button--big" disabled={count === 0 || busy} onClick={go}>
        {busy ? t('picker.plan.planning') : t(plan ? 'picker.plan.add' : 'picker.plan.start', { count })}
      </button>
      <p className="muted">
        {plan ? t('picker.plan.soFar', { count: plan.people.length }) : t('picker.plan.notStarted')}
      </p>
    </>
  );
}
