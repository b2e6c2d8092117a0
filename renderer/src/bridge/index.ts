// The renderer's only way to the main process. In Electron the preload provides
// `window.rollcall`; in the web preview we open the preview server's socket with the run's token.
import type { RollcallApi } from '../../../shared/ipc/bridge';
import { createSocketBridge } from './socketBridge';

declare global {
  interface Window {
    rollcall?: RollcallApi;
  }
}

function connectToPreview(): RollcallApi {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/bridge${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  // The token now lives in an HttpOnly cookie too; keep it out of the address bar and history.
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return createSocketBridge(url);
}

export const bridge: RollcallApi = window.rollcall ?? connectToPreview();
