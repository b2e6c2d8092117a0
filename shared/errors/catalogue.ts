import type { ErrorCode } from './codes';

export interface CatalogueEntry {
  /** A short headline, e.g. for a toast or a status chip. */
  title: string;
  /** What it means for this person or this call, in plain words. */
  meaning: string;
  /** What the organiser can do about it. */
  action: string;
  /** Whether trying the same thing again later can succeed. */
  retryable: boolean;
}

/** The one place error text is written. The renderer shows these; nothing else invents them. */
export const ERROR_CATALOGUE: Record<ErrorCode, CatalogueEntry> = {
  INVALID_REQUEST: {
    title: 'Rollcall sent a malformed request',
    meaning: 'The window asked the background process for something in a shape it does not accept, so nothing was done.',
    action: 'Nothing you entered was lost. Try again; if it keeps happening, restart Rollcall and report it.',
    retryable: false,
  },
  UNKNOWN_CHANNEL: {
    title: 'Unknown request',
    meaning: 'The window asked for something the background process does not offer, so nothing was done.',
    action: 'Restart Rollcall; if it keeps happening, report it.',
    retryable: false,
  },
  FORBIDDEN_SENDER: {
    title: 'Request refused',
    meaning: 'The request did not come from Rollcall’s own window, so it was refused.',
    action: 'Nothing to do: this protects your Telegram account from other pages and programs.',
    retryable: false,
  },
  INTERNAL: {
    title: 'Something went wrong inside Rollcall',
    meaning: 'An unexpected failure stopped this step. Nothing was sent to anyone because of it.',
    action: 'Try again. If it keeps happening, restart Rollcall and report what you were doing.',
    retryable: true,
  },
  BACKEND_UNREACHABLE: {
    title: 'Rollcall’s background process is not answering',
    meaning: 'The window lost its connection to the part of Rollcall that talks to Telegram, so this step did not run.',
    action: 'Reload the window. In the web preview, check that “npm run preview:web” is still running.',
    retryable: true,
  },
};

export const describeError = (code: ErrorCode): CatalogueEntry => ERROR_CATALOGUE[code];
