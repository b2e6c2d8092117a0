import { useId, useState, type FormEvent } from 'react';
import type { AudienceSource, RunGroup } from '../../../../shared/domain/audiences';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { AudienceNotices } from './AudienceNotices';

/** Which people of a run: by outcome, or by attendance (as the run's "Joined" and "Not yet" filters). */
const RUN_GROUP_KEY = {
  everyone: 'audiences.saveAs.everyone',
  invited: 'audiences.saveAs.invited',
  notInvited: 'audiences.saveAs.notInvited',
  joined: 'audiences.saveAs.joined',
  notJoined: 'audiences.saveAs.notJoined',
} as const satisfies Record<RunGroup, MessageKey>;

interface Props {
  origin: 'selection' | 'run';
  /** The sources to save from, given the run group chosen (ignored without `runGroups`). */
  sources: (group: RunGroup) => AudienceSource[] | null;
  runGroups?: boolean;
  disabled?: boolean;
}

/** "Save as audience": a name (and for a run, which of its people), then save. */
export function SaveAsAudience({ origin, sources, runGroups = false, disabled = false }: Props) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [group, setGroup] = useState<RunGroup>('everyone');
  const pending = useStore((s) => s.audiencePending);
  const saveAudience = useStore((s) => s.saveAudience);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = sources(group);
    if (!chosen || !name.trim()) return;
    if (await saveAudience(name.trim(), chosen, origin)) {
      setOpen(false);
      setName('');
    }
  };

  return (
    <div className="save-audience">
      {open ? (
        <form className="stack" aria-label={t('audiences.saveAs.form')} onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('audiences.form.name')}</label>
            <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder={t('audiences.saveAs.placeholder')} autoFocus />
          </div>
          {runGroups ? (
            <fieldset className="field">
              <legend>{t('audiences.saveAs.who')}</legend>
              {(Object.keys(RUN_GROUP_KEY) as RunGroup[]).map((g) => (
                <label key={g} className="radio">
                  <input type="radio" name={`${id}-group`} value={g} checked={group === g} onChange={() => setGroup(g)} /> {t(RUN_GROUP_KEY[g])}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={pending || !name.trim()}>
              {t(pending ? 'audiences.form.saving' : 'audiences.form.save')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('audiences.form.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" disabled={disabled} onClick={() => setOpen(true)}>
          {t('audiences.saveAs.open')}
        </button>
      )}
      <AudienceNotices origin={origin} />
    </div>
  );
}
