// Window and session hardening (Electron's security checklist). Everything a page could use to
// escape the renderer is closed: navigation, new windows, webviews, permission prompts.
import { app, session, shell, type WebContents } from 'electron';

/** Links the organiser may open in their browser: https only, with a real host. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Downloads the page may start: only files it made itself (a CSV export as a blob: URL). */
export function isOwnBlobDownload(rawUrl: string, pageOrigin: string): boolean {
  return rawUrl.startsWith(`blob:${pageOrigin}/`);
}

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
