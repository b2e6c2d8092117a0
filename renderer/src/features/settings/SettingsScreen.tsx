import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain/auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { LanguageSelect } from './LanguageSelect';
import { PhoneRegionSelect } from './PhoneRegionSelect';

const SOURCE_LABEL = {
  environment: 'settings.credentials.source.environment',
  settings: 'settings.credentials.source.settings',
  none: 'settings.credentials.source.none',
} as const satisfies Record<Settings['credentialsSource'], MessageKey>;

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
  const t = useT();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(apiId, apiHash, t)) setApiHash('');
  };
  const fromEnvironment = settings?.credentialsSource === 'environment';

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('settings.heading')}</h2>
      {loadError ? <ErrorNotice error={loadError} /> : null}
      {settings ? <LanguageSelect /> : null}
      <h3>{t('settings.credentials.heading')}</h3>
      <p className="muted">{t('settings.credentials.intro')}</p>
      {settings ? (
        <dl className="facts">
          <dt>{t('settings.credentials.source.label')}</dt>
          <dd>{t(SOURCE_LABEL[settings.credentialsSource])}</dd>
          <dt translate="no">api_id</dt>
          <dd>{settings.apiId !== null ? <bdi dir="ltr">{settings.apiId}</bdi> : t('settings.credentials.notSet')}</dd>
          <dt translate="no">api_hash</dt>
          <dd>{settings.apiHashSet ? t('settings.credentials.apiHash.set') : t('settings.credentials.notSet')}</dd>
        </dl>
      ) : (
        !loadError && (
          <p role="status" className="muted">
            {t('settings.loading')}
          </p>
        )
      )}
      {fromEnvironment ? <p className="notice">{t('settings.credentials.environmentInUse')}</p> : null}
      <form className="form settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-api-id`} translate="no">api_id</label>
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
          <label htmlFor={`${id}-api-hash`} translate="no">api_hash</label>
          <input
            id={`${id}-api-hash`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiHash}
            onChange={(e) => setApiHash(e.target.value)}
            placeholder={settings?.apiHashSet ? t('settings.credentials.apiHash.replacePlaceholder') : t('settings.credentials.apiHash.placeholder')}
            aria-invalid={errors.apiHash ? true : undefined}
            aria-describedby={`${id}-api-hash-help${errors.apiHash ? ` ${id}-api-hash-error` : ''}`}
          />
          <p id={`${id}-api-hash-help`} className="help">
            {t('settings.credentials.apiHash.help')}
          </p>
          {errors.apiHash ? <ErrorNotice id={`${id}-api-hash-error`} error={errors.apiHash} compact /> : null}
        </div>
        {errors.form ? <ErrorNotice error={errors.form} compact /> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={pending !== null}>
            {pending === 'save' ? t('settings.saving') : t('settings.credentials.save')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={pending !== null || settings?.credentialsSource !== 'settings'}
            onClick={() => void clear()}
          >
            {pending === 'clear' ? t('settings.credentials.removing') : t('settings.credentials.remove')}
          </button>
          <span role="status" className="muted">
            {saved === 'saved' ? t('settings.credentials.saved') : saved === 'cleared' ? t('settings.credentials.removed') : ''}
          </span>
        </div>
      </form>
      {settings ? <PacingForm key={`${settings.batchSize}-${settings.inFlight}-${settings.perHourCeiling}`} settings={settings} /> : null}
      <h3>{t('settings.phone.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('settings.phone.region.label')}</label>
        <PhoneRegionSelect id={`${id}-region`} describedBy={`${id}-region-help`} />
        <p id={`${id}-region-help`} className="help">
          {t('settings.phone.region.help')}
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
  const t = useT();
  return (
    <>
      <h3>{t('settings.updates.heading')}</h3>
      <div className="field field--inline">
        <input
          id={`${id}-updates`}
          type="checkbox"
          role="switch"
          checked={settings.checkForUpdates}
          onChange={(e) => void saveUpdateChecks(e.target.checked)}
          aria-describedby={`${id}-updates-help`}
        />
        <label htmlFor={`${id}-updates`}>{t('settings.updates.label')}</label>
      </div>
      <p id={`${id}-updates-help`} className="help">
        {t('settings.updates.help')}
      </p>
      {error ? <ErrorNotice error={error} compact /> : null}
    </>
  );
}

/** Each pacing field with the reason for its default, in the words README's policy uses. */
const PACING_FIELDS = [
  {
    name: 'batchSize',
    label: 'settings.pacing.batchSize.label',
    min: 1,
    max: 10,
    help: 'settings.pacing.batchSize.help',
  },
  {
    name: 'inFlight',
    label: 'settings.pacing.inFlight.label',
    min: 1,
    max: 4,
    help: 'settings.pacing.inFlight.help',
  },
  {
    name: 'perHourCeiling',
    label: 'settings.pacing.perHourCeiling.label',
    min: 10,
    max: 1000,
    help: 'settings.pacing.perHourCeiling.help',
  },
] as const satisfies ReadonlyArray<{ name: keyof Settings; label: MessageKey; min: number; max: number; help: MessageKey }>;

function PacingForm({ settings }: { settings: Settings }) {
  const id = useId();
  const savePacing = useStore((s) => s.savePacing);
  const pending = useStore((s) => s.settingsPending);
  const saved = useStore((s) => s.settingsSaved);
  const error = useStore((s) => s.pacingError);
  const t = useT();
  const [values, setValues] = useState<Record<(typeof PACING_FIELDS)[number]['name'], string>>({
    batchSize: String(settings.batchSize),
    inFlight: String(settings.inFlight),
    perHourCeiling: String(settings.perHourCeiling),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void savePacing({ batchSize: Number(values.batchSize), inFlight: Number(values.inFlight), perHourCeiling: Number(values.perHourCeiling) }, t);
  };
  return (
    <form className="form settings-form" onSubmit={submit} aria-labelledby={`${id}-pacing`} noValidate>
      <h3 id={`${id}-pacing`}>{t('settings.pacing.heading')}</h3>
      <p className="muted">{t('settings.pacing.intro')}</p>
      {PACING_FIELDS.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`${id}-${field.name}`}>{t(field.label)}</label>
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
            {t(field.help)}
          </p>
        </div>
      ))}
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending !== null}>
          {pending === 'pacing' ? t('settings.saving') : t('settings.pacing.save')}
        </button>
        <span role="status" className="muted">
          {saved === 'pacing' ? t('settings.pacing.saved') : ''}
        </span>
      </div>
    </form>
  );
}
