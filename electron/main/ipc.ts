// Electron's side of the contract: one ipcMain handler per contract channel, each of which
// first checks that the sender is our window's main frame showing our page (VS Code's
// validated ipcMain), then hands the payload to the shared dispatcher, which validates it.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNEL, ipcChannelName } from '../../shared/ipc/channels';
import { fail } from '../../shared/ipc/result';
import type { Dispatch } from '../ipc/dispatcher';

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow, pageUrl: string): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null &&
    event.sender === window.webContents &&
    frame === event.sender.mainFrame &&
    frame.url.split('#')[0] === pageUrl
  );
}

export function serveContractOverIpc(dispatch: Dispatch, getWindow: () => BrowserWindow | null, pageUrl: string): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), async (event, payload: unknown) => {
      const window = getWindow();
      if (!window || !isTrustedSender(event, window, pageUrl)) {
        return fail({ code: 'FORBIDDEN_SENDER', message: 'This request did not come from Rollcall’s window.' });
      }
      return dispatch(channel, payload);
    });
  }
}

export function sendEventToWindow(window: BrowserWindow | null, event: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
}
