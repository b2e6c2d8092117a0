// The web preview's token, on the page's side. The printed address carries it in the fragment,
// which no request sends; the page keeps it in sessionStorage, which is per origin (port
// included) and per tab, so a reload keeps working and no other local server or preview sees
// it. It leaves the address bar at once, so it is not in a screenshot or a copied link.

const STORAGE_KEY = 'rollcall.previewToken';

export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  /** null where the browser refuses storage. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The token in an address fragment such as "#token=abc", or null. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}

/** The token from the address (then kept and removed from it), else the one kept for this tab. */
export function takePreviewToken({ location, history, storage }: TokenPlace): string | null {
  const fromAddress = tokenFromHash(location.hash);
  if (fromAddress) {
    try {
      storage?.setItem(STORAGE_KEY, fromAddress);
    } catch {
      // Storage full or refused: this load still works, a reload will ask for the address.
    }
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromAddress;
  }
  try {
    return storage?.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}
