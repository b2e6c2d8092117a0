// Which URLs may leave the window (system browser) or be saved (downloads). Pure, so tested.

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
