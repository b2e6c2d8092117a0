import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStore } from '../../store';

const TARGET_LABEL = { sandbox: 'Sandbox (local test server)', telegram: 'Telegram' } as const;
const STATE_LABEL = { starting: 'Starting', ready: 'Ready', failed: 'Failed' } as const;
const CREDENTIALS_LABEL = {
  environment: 'From TELEGRAM_API_ID / TELEGRAM_API_HASH',
  settings: 'From settings',
  none: 'Not set (the sandbox needs none)',
} as const;

/** Version and backend status, fetched through one real contract call. */
export function AboutPanel() {
  const appInfo = useStore((s) => s.appInfo);
  const error = useStore((s) => s.appInfoError);
  const loadAppInfo = useStore((s) => s.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  if (error) return <ErrorNotice error={error} />;
  if (!appInfo) return <p role="status">Connecting to Rollcall’s background process…</p>;

  const { backend } = appInfo;
  return (
    <section aria-labelledby="about-heading" className="panel">
      <h2 id="about-heading">About this copy</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{appInfo.version}</dd>
        <dt>Running in</dt>
        <dd>{appInfo.runtime === 'electron' ? `Electron ${appInfo.versions.electron ?? ''}` : 'Web preview'}</dd>
        <dt>Backend</dt>
        <dd>
          <span role="status" aria-label="Backend status">
            {STATE_LABEL[backend.state]}
          </span>
        </dd>
        <dt>Connects to</dt>
        <dd>{TARGET_LABEL[backend.target]}</dd>
        <dt>Telegram API credentials</dt>
        <dd>{CREDENTIALS_LABEL[backend.credentials]}</dd>
      </dl>
    </section>
  );
}
