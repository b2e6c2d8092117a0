// Window and session hardening (Electron's security checklist). Everything a page could use to
// escape the renderer is closed: navigation, new windows, webviews, permission prompts.
import { app, session, shell, type WebContents } from 'electron';
import { isOwnBlobDownload, isSafeExternalUrl } from './urlPolicy';

export function hardenSession(pageOrigin: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Electron asks where to save (a native dialog) for the downloads we let through.
  ses.on('will-download', (event, item) => {
    if (!isOwnBlobDownload(item.getURL(), pageOrigin)) event.preventDefault();
  });
}

export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
