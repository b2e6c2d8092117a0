import { FormattedMessage } from 'react-intl';
import { useId } from 'react';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

/** Non-modal: the app stays usable; "Later" keeps the update for the next launch. */
export function UpdateBanner() {
  const id = useId();
  const t = useT();
  const ready = useStore((s) => s.updateReady);
  const answer = useStore((s) => s.updateAnswer);
  const restart = useStore((s) => s.restartForUpdate);
  const postpone = useStore((s) => s.postponeUpdate);
  if (!ready) {
    return answer === 'refused' ? (
      <div className="update-banner" role="status">
        {t('updates.refused')}
      </div>
    ) : null;
  }
  return (
    <section className="update-banner" role="region" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <FormattedMessage
          id={answer === 'restarting' ? 'updates.restarting' : 'updates.ready'}
          values={{ version: <bdi dir="ltr">{ready.version}</bdi> }}
        />
      </p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={answer === 'restarting'} onClick={() => void restart()}>
          {t('updates.restart')}
        </button>
        <button type="button" className="button" disabled={answer === 'restarting'} onClick={postpone}>
          {t('updates.later')}
        </button>
      </div>
    </section>
  );
}
