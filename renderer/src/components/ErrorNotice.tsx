import { describeError } from '../../../shared/errors/catalogue';
import type { IpcError } from '../../../shared/ipc/result';

/** An error in the catalogue's words, plus what exactly happened this time. */
export function ErrorNotice({ error }: { error: IpcError }) {
  const entry = describeError(error.code);
  return (
    <div role="alert" className="error-notice">
      <p className="error-notice__title">{entry.title}</p>
      <p>{entry.meaning}</p>
      <p>{entry.action}</p>
      <p className="error-notice__detail">Details: {error.message}</p>
    </div>
  );
}
