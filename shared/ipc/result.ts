// Replies cross the process boundary as data, never as thrown exceptions (Signal Desktop's
// habit): an exception thrown in the main process reaches the renderer as an opaque string.
import type { ErrorCode } from '../errors/codes';

export interface IpcError {
  /** A code from the error catalogue (shared/errors): the renderer looks its text up there. */
  code: ErrorCode;
  /** What exactly went wrong this time, for the organiser; specific, never a stack trace. */
  message: string;
  /** Seconds to wait, for rate limits. */
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: IpcError): Result<T> => ({ ok: false, error });

/** Thrown inside the core to end a request with a catalogued error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toIpcError(): IpcError {
    return this.retryAfterSeconds === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterSeconds: this.retryAfterSeconds };
  }
}
