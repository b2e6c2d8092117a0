// The renderer's only way to the main process. In Electron the preload provides
// `window.rollcall`; in the web preview we open the preview server's socket and say hello with
// the run's token.
import type { RollcallApi } from '../../../shared/ipc/bridge';
import { takePreviewToken, tokenFromHash } from './previewToken';
import { createSocketBridge } from './socketBridge';

declare global {
  interface Window {
    rollcall?: RollcallApi;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function connectToPreview(): RollcallApi {
  const token = takePreviewToken({ location: window.location, history: window.history, storage: sessionStorageOrNull() });
  // Pasting a fresh address into this tab changes only the fragment, which loads nothing: reload.
  window.addEventListener('hashchange', () => {
    if (tokenFromHash(window.location.hash)) window.location.reload();
  });
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createSocketBridge(`${scheme}://${window.location.host}/bridge`, token);
}

export const bridge: RollcallApi = window.rollcall ?? connectToPreview();
