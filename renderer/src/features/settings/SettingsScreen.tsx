import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';
import { PhoneRegionSelect } from './PhoneRegionSelect';

const SOURCE_LABEL = {
  environment: 'From the environment (TELEGRAM_API_ID and TELEGRAM_API_HASH)',
  settings: 'Saved in Rollcall’s settings',
  none: 'Not set — needed for Telegram, not for the sandbox',
} as const;

export function SettingsScreen() {
  const settings = useStore((s) => s.settings);
  const loadError = useStore((s) => s.settingsLoadError);
  const errors = useStore((s) => s.credentialErrors);
  const pending = useStore((s) => s.settingsPending);
  const saved = useStore((s) => s.settingsSaved);
  const save = useStore((s) => s.saveCredentials);
  const clear = useStore((s) => s.clearCredentials);
  const [apiId, setApiId] = useState('');
  const [apiHash, setApiHash] = useState('');
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(apiId, apiHash)) setApiHash('');
  };
  const fromEnvironment = settings?.credentialsSource === 'environment';

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Settings</h2>
      {loadError ? <ErrorNotice error={loadError} /> : null}
      <h3>Telegram API credentials</h3>
      <p className="muted">
        Signing in to Telegram needs an api_id and api_hash of your own: get them at my.telegram.org, under “API
        development tools”. The sandbox needs none.
      </p>
      {settings ? (
        <dl className="facts">
          <dt>Credentials</dt>
          <dd>{SOURCE_LABEL[settings.credentialsSource]}</dd>
          <dt>api_id</dt>
          <dd>{settings.apiId ?? 'Not set'}</dd>
          <dt>api_hash</dt>
          <dd>{settings.apiHashSet ? 'Set (hidden: Rollcall never shows it again)' : 'Not set'}</dd>
        </dl>
      ) : (
        !loadError && (
          <p role="status" className="muted">
            Loading settings…
          </p>
        )
      )}
      {fromEnvironment ? (
        <p className="notice">The environment’s credentials are in use; values saved here apply when they are not set.</p>
      ) : null}
      <form className="form settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-api-id`}>api_id</label>
          <input
            id={`${id}-api-id`}
            inputMode="numeric"
            autoComplete="off"
            value={apiId}
            onChange={(e) => setApiId(e.target.value)}
            placeholder={settings?.apiId ? String(settings.apiId) : '1234567'}
            aria-invalid={errors.apiId ? true : undefined}
            aria-describedby={errors.apiId ? `${id}-api-id-error` : undefined}
          />
          {errors.apiId ? <ErrorNotice id={`${id}-api-id-error`} error={errors.apiId} compact /> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-api-hash`}>api_hash</label>
          <input
            id={`${id}-api-hash`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiHash}
            onChange={(e) => setApiHash(e.target.value)}
            placeholder={settings?.apiHashSet ? 'Saved — type a new one to replace it' : '32 characters, 0–9 and a–f'}
            aria-invalid={errors.apiHash ? true : undefined}
            aria-describedby={`${id}-api-hash-help${errors.apiHash ? ` ${id}-api-hash-error` : ''}`}
          />
          <p id={`${id}-api-hash-help`} className="help">
            Write-only: once saved, it stays in Rollcall’s background process and is never shown.
          </p>
          {errors.apiHash ? <ErrorNotice id={`${id}-api-hash-error`} error={errors.apiHash} compact /> : null}
        </div>
        {errors.form ? <ErrorNotice error={errors.form} compact /> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={pending !== null}>
            {pending === 'save' ? 'Saving…' : 'Save credentials'}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={pending !== null || settings?.credentialsSource !== 'settings'}
            onClick={() => void clear()}
          >
            {pending === 'clear' ? 'Removing…' : 'Remove saved credentials'}
          </button>
          <span role="status" className="muted">
            {saved === 'saved' ? 'Saved.' : saved === 'cleared' ? 'Removed.' : ''}
          </span>
        </div>
      </form>
      {settings ? <PacingForm key={`${settings.batchSize}-${settings.inFlight}-${settings.perHourCeiling}`} settings={settings} /> : null}
      <h3>Phone numbers</h3>
      <div className="field">
        <label htmlFor={`${id}-region`}>Country of numbers without a country code</label>
        <PhoneRegionSelect id={`${id}-region`} describedBy={`${id}-region-help`} />
        <p id={`${id}-region-help`} className="help">
          In a pasted list, a number such as 07700 900123 is read as a number of this country. Numbers that start with + or
          00 carry their own country code. The default is the region of your language.
        </p>
      </div>
      {settings ? <UpdatesSwitch settings={settings} /> : null}
    </section>
  );
}

function UpdatesSwitch({ settings }: { settings: Settings }) {
  const id = useId();
  const saveUpdateChecks = useStore((s) => s.saveUpdateChecks);
  const error = useStore((s) => s.updateChecksError);
  return (
    <>
      <h3>Updates</h3>
      <div className="field field--inline">
        <input
          id={`${id}-updates`}
          type="checkbox"
          role="switch"
          checked={settings.checkForUpdates}
          onChange={(e) => void saveUpdateChecks(e.target.checked)}
          aria-describedby={`${id}-updates-help`}
        />
        <label htmlFor={`${id}-updates`}>Check for updates</label>
      </div>
      <p id={`${id}-updates-help`} className="help">
        The installed app looks for a new version when it starts and once a day, and downloads it in the background. It
        asks before restarting, and never while a run is sending. Development builds and the web preview never update.
      </p>
      {error ? <ErrorNotice error={error} compact /> : null}
    </>
  );
}

/** Each pacing field with the reason for its default, in the words README's policy uses. */
const PACING_FIELDS = [
  {
    name: 'batchSize',
    label: 'People per request',
    min: 1,
    max: 10,
    help: 'Default 10, the most Telegram’s own apps send in one invite request; Telegram refuses or cuts short larger ones without saying how.',
  },
  {
    name: 'inFlight',
    label: 'Requests at once',
    min: 1,
    max: 4,
    help: 'Default 2. Every request still on its way when Telegram slows your account down comes back refused too, so fewer at once means fewer requests thrown at an account that is being limited.',
  },
  {
    name: 'perHourCeiling',
    label: 'Invitations per hour, at most',
    min: 10,
    max: 1000,
    help: 'Default 200. Telegram publishes no limit; accounts that invite or add a few hundred people quickly get limited (PEER_FLOOD), for days. Past this ceiling a run waits, shown as Rollcall’s own pacing.',
  },
] as const;

function PacingForm({ settings }: { settings: Settings }) {
  const id = useId();
  const savePacing = useStore((s) => s.savePacing);
  const pending = useStore((s) => s.settingsPending);
  const saved = useStore((s) => s.settingsSaved);
  const error = useStore((s) => s.pacingError);
  const [values, setValues] = useState<Record<(typeof PACING_FIELDS)[number]['name'], string>>({
    batchSize: String(settings.batchSize),
    inFlight: String(settings.inFlight),
    perHourCeiling: String(settings.perHourCeiling),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void savePacing({ batchSize: Number(values.batchSize), inFlight: Number(values.inFlight), perHourCeiling: Number(values.perHourCeiling) });
  };
  return (
    <form className="form settings-form" onSubmit={submit} aria-labelledby={`${id}-pacing`} noValidate>
      <h3 id={`${id}-pacing`}>Pacing</h3>
      <p className="muted">
        How fast Rollcall invites. The defaults stay well under what gets Telegram accounts limited; a limited account can’t
        invite or message strangers for days. Changes apply to the next run.
      </p>
      {PACING_FIELDS.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`${id}-${field.name}`}>{field.label}</label>
          <input
            id={`${id}-${field.name}`}
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            value={values[field.name]}
            onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
            aria-describedby={`${id}-${field.name}-help`}
          />
          <p id={`${id}-${field.name}-help`} className="help">
            {field.help}
          </p>
        </div>
      ))}
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending !== null}>
          {pending === 'pacing' ? 'Saving…' : 'Save pacing'}
        </button>
        <span role="status" className="muted">
          {saved === 'pacing' ? 'Pacing saved.' : ''}
        </span>
      </div>
    </form>
  );
}
