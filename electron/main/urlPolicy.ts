// Which URLs may leave the window (system browser) or be saved (downloads). Pure, so tested.

/**
 * The project's own pages. It has none published yet (package.json names no homepage or
 * repository): add that host here when it does, exactly as the address bar shows it.
 */
export const PROJECT_HOSTS: readonly string[] = [];

/** Hosts whose pages the app may open: Telegram's links, its site, and where API credentials are made. */
const EXTERNAL_HOSTS = new Set(['t.me', 'telegram.org', 'my.telegram.org', ...PROJECT_HOSTS]);

/** Links the organiser may open in their browser: https on the default port, an allowlisted host, no credentials. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' &&
      url.port === '' &&
      url.username === '' &&
      url.password === '' &&
      EXTERNAL_HOSTS.has(url.hostname)
    );
  } catch {
    return false;
  }
}

/** Downloads the page may start: only files it made itself (a CSV export as a blob: URL). */
export function isOwnBlobDownload(rawUrl: string, pageOrigin: string): boolean {
  return rawUrl.startsWith(`blob:${pageOrigin}/`);
}
