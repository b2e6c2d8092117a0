import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { describeError } from '../../../../shared/errors/catalogue';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, people } from '../../lib/format';
import { useStore } from '../../store';
import { AudienceNotices } from './AudienceNotices';
import { toAudiencePerson } from './audiencesSlice';

/** The picker's Audiences source: choose a saved audience, see who of it can't be invited here, manage it. */
export function AudiencePanel() {
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
        <label htmlFor={`${id}-choose`}>Audience</label>
        <select id={`${id}-choose`} value={shown?.id ?? ''} onChange={(e) => void show(e.target.value || null)} disabled={!audiences?.length}>
          <option value="">{audiences?.length === 0 ? 'No audiences saved yet' : 'Choose an audience…'}</option>
          {audiences?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({formatCount(a.count)})
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
  const missing = useStore((s) => s.audienceMissing);
  const editAudience = useStore((s) => s.editAudience);
  const pending = useStore((s) => s.audiencePending);
  if (missing.length === 0) return null;
  return (
    <section className="notice" aria-label="Can’t be invited here">
      <p>{people(missing.length)} of this audience can’t be invited here:</p>
      <ul className="stack">
        {missing.map(({ person, error }) => (
          <li key={person.id}>
            <strong>{person.name}</strong>
            {person.username ? ` @${person.username}` : ''}: {describeError(error.code).title}. {describeError(error.code).meaning}{' '}
            <button type="button" className="button button--small" disabled={pending} onClick={() => void editAudience(audienceId, [person.id], [])}>
              Remove {person.name} from the audience
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Manage({ audienceId, name }: { audienceId: string; name: string }) {
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
      <form className="button-row" aria-label={`Rename ${name}`} onSubmit={(e) => void rename(e)}>
        <label htmlFor={`${id}-name`} className="visually-hidden">
          New name
        </label>
        <input id={`${id}-name`} value={newName} maxLength={120} onChange={(e) => setNewName(e.target.value)} autoFocus />
        <button type="submit" className="button button--primary" disabled={pending || !newName.trim()}>
          Save name
        </button>
        <button type="button" className="button" onClick={() => setMode('idle')}>
          Cancel
        </button>
      </form>
    );
  }
  if (mode === 'delete') {
    return (
      <div role="group" aria-label={`Delete ${name}?`} className="notice">
        <p>Delete the audience “{name}”? Runs keep their own records; only this saved list goes.</p>
        <div className="button-row">
          <button type="button" className="button button--danger" disabled={pending} onClick={() => void deleteAudience(audienceId).then((done) => done && setMode('idle'))}>
            Delete “{name}”
          </button>
          <button type="button" className="button" onClick={() => setMode('idle')}>
            Keep it
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="button-row" role="group" aria-label={`Manage ${name}`}>
      <button
        type="button"
        className="button"
        onClick={() => {
          setNewName(name);
          setMode('rename');
        }}
      >
        Rename
      </button>
      <button type="button" className="button" disabled={pending || selectedCount === 0} onClick={addSelection}>
        Add the selection ({formatCount(selectedCount)})
      </button>
      <button type="button" className="button" disabled={pending || selectedHere === 0} onClick={removeSelected}>
        Remove the selected ({formatCount(selectedHere)})
      </button>
      <button type="button" className="button" onClick={() => void exportAudience(audienceId)}>
        Export CSV
      </button>
      <button type="button" className="button button--danger" onClick={() => setMode('delete')}>
        Delete…
      </button>
    </div>
  );
}

/** A new audience from a pasted list or a CSV file. */
function NewFromList() {
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
        <form className="stack" aria-label="New audience" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`${id}-name`}>Audience name</label>
            <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-list`}>Usernames, t.me links or phone numbers, one per line</label>
            <textarea id={`${id}-list`} rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-csv`}>Or a CSV file (with a username, phone or id column)</label>
            <input id={`${id}-csv`} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={pending || !name.trim() || (!text.trim() && !csv)}>
              {pending ? 'Saving…' : 'Save audience'}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className="button" onClick={() => setOpen(true)}>
            New audience from a list or CSV…
          </button>
        </div>
      )}
      <AudienceNotices origin="new" />
    </div>
  );
}
