import { useId } from 'react';
import { useStore } from '../../store';

/** Non-modal: the app stays usable; "Later" keeps the update for the next launch. */
export function UpdateBanner() {
  const id = useId();
  const ready = useStore((s) => s.updateReady);
  const answer = useStore((s) => s.updateAnswer);
  const restart = useStore((s) => s.restartForUpdate);
  const postpone = useStore((s) => s.postponeUpdate);
  if (!ready) {
    return answer === 'refused' ? (
      <div className="update-banner" role="status">
        A run is sending, so Rollcall won’t restart now. It will offer the update again when the run ends.
      </div>
    ) : null;
  }
  return (
    <section className="update-banner" role="region" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        {answer === 'restarting' ? `Restarting into version ${ready.version}…` : `Version ${ready.version} of Rollcall is ready.`}
      </p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={answer === 'restarting'} onClick={() => void restart()}>
          Restart now
        </button>
        <button type="button" className="button" disabled={answer === 'restarting'} onClick={postpone}>
          Later
        </button>
      </div>
    </section>
  );
}
