import { useEffect, useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { AudienceMissing } from './audiencesSlice';
import { ErrorNotice, useErrorText } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { AudienceNotices } from './AudienceNotices';
import { toAudiencePerson } from './audiencesSlice';

/** The picker's Audiences source: choose a saved audience, see who of it can't be invited here, manage it. */
export function AudiencePanel() {
  const t = useT();
  const id = useId();
  const audiences = useStore((s) => s.audiences);
  const audiencesError = useStore((s) => s.audiencesError);
  const shownId = useStore((s) => s.shownAudienceId);
  const loadAudiences = useStore((s) => s.loadAudiences);
  const show = useStore((s) => s.showAudienceInPicker);

  useEffect(() => {
    void loadAudiences();
  }, [loadAudiences]);

  const shown = audiences?.find((a) => a.id === shownId) ?? null;
  return (
    <div className="stack audience-panel">
      {audiencesError ? <ErrorNotice error={audiencesError} compact /> : null}
      <div className="field">
        <label htmlFor={`${id}-choose`}>{t('audiences.choose.label')}</label>
        <select id={`${id}-choose`} value={shown?.id ?? ''} onChange={(e) => void show(e.target.value || null)} disabled={!audiences?.length}>
          <option value="">{t(audiences?.length === 0 ? 'audiences.choose.none' : 'audiences.choose.prompt')}</option>
          {audiences?.map((a) => (
            <option key={a.id} value={a.id}>
              {t('audiences.choose.option', { name: a.name, count: a.count })}
            </option>
          ))}
        </select>
      </div>
      {shown ? <Missing audienceId={shown.id} /> : null}
      {shown ? <Manage audienceId={shown.id} name={shown.name} /> : null}
      <AudienceNotices origin="manage" />
      <NewFromList />
    </div>
  );
}

/** Who of the audience this account can't find, and why, each removable from it. */
function Missing({ audienceId }: { audienceId: string }) {
  const t = useT();
  const missing = useStore((s) => s.audienceMissing);
  if (missing.length === 0) return null;
  return (
    <section className="notice" aria-label={t('audiences.missing.region')}>
      <p>{t('audiences.missing.intro', { count: missing.length })}</p>
      <ul className="stack">
        {missing.map((entry) => (
          <MissingPerson key={entry.person.id} audienceId={audienceId} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

/** One of them: the name (and username) as values, the catalogue's words for why, and a way out. */
function MissingPerson({ audienceId, entry: { person, error } }: { audienceId: string; entry: AudienceMissing[number] }) {
  const t = useT();
  const { title, meaning } = useErrorText(error.code);
  const editAudience = useStore((s) => s.editAudience);
  const pending = useStore((s) => s.audiencePending);
  const values = { b: (chunks: ReactNode[]) => <strong>{chunks}</strong>, name: <bdi>{person.name}</bdi>, title, meaning };
  return (
    <li>
      {person.username ? (
        <FormattedMessage id="audiences.missing.personWithUsername" values={{ ...values, username: <bdi dir="ltr">@{person.username}</bdi> }} />
      ) : (
        <FormattedMessage id="audiences.missing.person" values={values} />
      )}{' '}
      <button type="button" className="button button--small" disabled={pending} onClick={() => void editAudience(audienceId, [person.id], [])}>
        {t('audiences.missing.remove', { name: person.name })}
      </button>
    </li>
  );
}

function Manage({ audienceId, name }: { audienceId: string; name: string }) {
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [newName, setNewName] = useState(name);
  const pending = useStore((s) => s.audiencePending);
  const selectedCount = useStore((s) => s.selectedCount);
  // Re-run on every store change, selectionChanged's included: the selection itself changes in place.
  const selectedHere = useStore((s) => s.lists.audience.people.filter((p) => s.isSelected(p.id)).length);
  const renameAudience = useStore((s) => s.renameAudience);
  const editAudience = useStore((s) => s.editAudience);
  const deleteAudience = useStore((s) => s.deleteAudience);
  const exportAudience = useStore((s) => s.exportAudience);

  const addSelection = () => {
    const { selectedIds, personById } = useStore.getState();
    const add = selectedIds().map(personById).filter((p) => p !== undefined).map(toAudiencePerson);
    void editAudience(audienceId, [], add);
  };
  const removeSelected = () => {
    const { isSelected, lists } = useStore.getState();
    void editAudience(audienceId, lists.audience.people.filter((p) => isSelected(p.id)).map((p) => p.id), []);
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (newName.trim() && (await renameAudience(audienceId, newName.trim()))) setMode('idle');
  };

  if (mode === 'rename') {
    return (
      <form className="button-row" aria-label={t('audiences.rename.form', { name })} onSubmit={(e) => void rename(e)}>
        <label htmlFor={`${id}-name`} className="visually-hidden">
          {t('audiences.rename.label')}
        </label>
        <input id={`${id}-name`} value={newName} maxLength={120} onChange={(e) => setNewName(e.target.value)} autoFocus />
        <button type="submit" className="button button--primary" disabled={pending || !newName.trim()}>
          {t('audiences.rename.save')}
        </button>
        <button type="button" className="button" onClick={() => setMode('idle')}>
          {t('audiences.form.cancel')}
        </button>
      </form>
    );
  }
  if (mode === 'delete') {
    return (
      <div role="group" aria-label={t('audiences.delete.group', { name })} className="notice">
        <p>
          <FormattedMessage id="audiences.delete.question" values={{ name: <bdi>{name}</bdi> }} />
        </p>
        <div className="button-row">
          <button type="button" className="button button--danger" disabled={pending} onClick={() => void deleteAudience(audienceId).then((done) => done && setMode('idle'))}>
            <FormattedMessage id="audiences.delete.confirm" values={{ name: <bdi>{name}</bdi> }} />
          </button>
          <button type="button" className="button" onClick={() => setMode('idle')}>
            {t('audiences.delete.keep')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="button-row" role="group" aria-label={t('audiences.manage.group', { name })}>
      <button
        type="button"
        className="button"
        onClick={() => {
          setNewName(name);
          setMode('rename');
        }}
      >
        {t('audiences.manage.rename')}
      </button>
      <button type="button" className="button" disabled={pending || selectedCount === 0} onClick={addSelection}>
        {t('audiences.manage.addSelection', { count: selectedCount })}
      </button>
      <button type="button" className="button" disabled={pending || selectedHere === 0} onClick={removeSelected}>
        {t('audiences.manage.removeSelected', { count: selectedHere })}
      </button>
      <button type="button" className="button" onClick={() => void exportAudience(audienceId)}>
        {t('audiences.manage.export')}
      </button>
      <button type="button" className="button button--danger" onClick={() => setMode('delete')}>
        {t('audiences.manage.delete')}
      </button>
    </div>
  );
}

/** A new audience from a pasted list or a CSV file. */
function NewFromList() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [csv, setCsv] = useState<{ fileName: string; text: string } | null>(null);
  const pending = useStore((s) => s.audiencePending);
  const saveAudience = useStore((s) => s.saveAudience);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setCsv(file ? { fileName: file.name, text: await file.text() } : null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sources = [
      ...(text.trim() ? [{ kind: 'pasted' as const, text }] : []),
      ...(csv?.text.trim() ? [{ kind: 'csv' as const, text: csv.text }] : []),
    ];
    if (!name.trim() || sources.length === 0) return;
    if (await saveAudience(name.trim(), sources, 'new')) {
      setOpen(false);
      setName('');
      setText('');
      setCsv(null);
    }
  };

  return (
    <div className="stack">
      {open ? (
        <form className="stack" aria-label={t('audiences.new.form')} onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('audiences.form.name')}</label>
            <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-list`}>{t('audiences.new.list')}</label>
            <textarea id={`${id}-list`} rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-csv`}>{t('audiences.new.csv')}</label>
            <input id={`${id}-csv`} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={pending || !name.trim() || (!text.trim() && !csv)}>
              {t(pending ? 'audiences.form.saving' : 'audiences.form.save')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('audiences.form.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('audiences.new.open')}
          </button>
        </div>
      )}
      <AudienceNotices origin="new" />
    </div>
  );
}
