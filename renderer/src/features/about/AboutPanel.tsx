import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../../shared/i18n/catalogues';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

type Backend = AppInfo['backend'];

const TARGET_KEY = {
  sandbox: 'about.target.sandbox',
  telegram: 'about.target.telegram',
} as const satisfies Record<Backend['target'], MessageKey>;
const STATE_KEY = {
  starting: 'about.status.starting',
  ready: 'about.status.ready',
  failed: 'about.status.failed',
} as const satisfies Record<Backend['state'], MessageKey>;
const CREDENTIALS_KEY = {
  environment: 'about.credentials.environment',
  settings: 'about.credentials.settings',
  none: 'about.credentials.none',
} as const satisfies Record<Backend['credentials'], MessageKey>;

/** Version and backend status, fetched through one real contract call. */
export function AboutPanel() {
  const appInfo = useStore((s) => s.appInfo);
  const error = useStore((s) => s.appInfoError);
  const loadAppInfo = useStore((s) => s.loadAppInfo);
  const t = useT();

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  if (error) return <ErrorNotice error={error} />;
  if (!appInfo) return <p role="status">{t('about.connecting')}</p>;

  const { backend } = appInfo;
  return (
    <section aria-labelledby="about-heading" className="panel">
      <h2 id="about-heading">{t('about.heading')}</h2>
      <dl className="facts">
        <dt>{t('about.facts.version')}</dt>
        <dd>{appInfo.version}</dd>
        <dt>{t('about.facts.runningIn')}</dt>
        <dd>
          {appInfo.runtime === 'electron'
            ? t('about.runtime.electron', { version: appInfo.versions.electron ?? '' })
            : t('about.runtime.web')}
        </dd>
        <dt>{t('about.facts.backend')}</dt>
        <dd>
          <span role="status" aria-label={t('about.status.label')}>
            {t(STATE_KEY[backend.state])}
          </span>
        </dd>
        <dt>{t('about.facts.connectsTo')}</dt>
        <dd>{t(TARGET_KEY[backend.target])}</dd>
        <dt>{t('about.facts.credentials')}</dt>
        <dd>
          {/* The variables' names, as typed in a shell. */}
          <FormattedMessage
            id={CREDENTIALS_KEY[backend.credentials]}
            values={{ variables: <bdi dir="ltr">TELEGRAM_API_ID / TELEGRAM_API_HASH</bdi> }}
          />
        </dd>
      </dl>
    </section>
  );
}
