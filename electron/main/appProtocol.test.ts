// The app:// scheme: privileged as standard and secure; serves only the renderer folder's files,
// each with the CSP header.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { record, resetElectronStandIn } from './test/electronStandIn';
import { APP_PAGE_URL, registerAppScheme, serveRenderer } from './appProtocol';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

let get: (url: string) => Promise<Response>;

beforeEach(() => {
  resetElectronStandIn();
  const root = mkdtempSync(join(tmpdir(), 'rollcall-app-scheme-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rollcall</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  writeFileSync(join(root, 'renderer-evil.txt'), 'a sibling with a similar name');
  serveRenderer(rendererDir);
  const handler = record.protocolHandlers.get('app')!;
  get = async (url) => handler({ url } as Request);
});

describe('the app:// scheme', () => {
  it('item 9: is registered standard and secure', () => {
    registerAppScheme();
    expect(record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('item 9: serves the page and its files with the CSP header', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Rollcall</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await get('app://rollcall/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://rollcall/')).status).toBe(200);
  });

  it.each([
    'app://rollcall/../secret.txt',
    'app://rollcall/%2e%2e/secret.txt',
    'app://rollcall/..%2fsecret.txt',
    'app://rollcall/assets/..%2f..%2fsecret.txt',
    'app://rollcall/..%2frenderer-evil.txt',
    'app://rollcall/%2fetc%2fpasswd',
    'app://rollcall/..%5csecret.txt',
    'app://rollcall/%E0%A4%A',
    'app://rollcall/missing.js',
    'app://evil/index.html',
  ])('item 9: refuses %s (404)', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the page');
  });
});
