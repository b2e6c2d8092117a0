// The renderer is served from a custom, privileged `app://rollcall/` scheme rather than file://
// (Electron's security guide): the page gets a real origin for CSP and sender checks, file://
// needs no extra privileges (the GrantFileProtocolExtraPrivileges fuse is off), and nothing
// outside the built renderer folder can be read.
import { readFile } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const SCHEME = 'app';
const HOST = 'rollcall';
export const APP_ORIGIN = `${SCHEME}://${HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves files of `rendererDir` on app://rollcall/, each with the CSP header. */
export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = resolve(root, normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, ''));
    if (url.host !== HOST || !file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        headers: {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
