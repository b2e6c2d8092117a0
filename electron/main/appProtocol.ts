// The renderer is served from a custom, privileged `app://rollcall/` scheme rather than file://
// (Electron's security guide): the page gets a real origin for CSP and sender checks, file://
// needs no extra privileges (the GrantFileProtocolExtraPrivileges fuse is off), and nothing
// outside the built renderer folder can be read.
import { protocol } from 'electron';
import { readRendererFile } from '../rendererFiles';

const SCHEME = 'app';
const HOST = 'rollcall';
export const APP_ORIGIN = `${SCHEME}://${HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;


/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves files of `rendererDir` on app://rollcall/, each with the CSP header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === HOST ? await readRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: file.headers });
  });
}
