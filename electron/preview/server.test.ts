// The web preview drives a Telegram account: only the page it served, with this run's token,
// may talk to it, and only over loopback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPreviewServer, type PreviewServer } from './server';

let preview: PreviewServer;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'rollcall-preview-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rollcall</title>');
  preview = await startPreviewServer({ port: 0, rendererDir, appVersion: '9.9.9', env: {} });
});
afterAll(() => preview.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: preview.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the bridge socket; resolves with the socket or with the HTTP status that refused it. */
function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${preview.port}/bridge${query}`, { headers: { origin: preview.origin, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, channel: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string }; value?: unknown }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    ws.on('message', function onMessage(data) {
      const message = JSON.parse(data.toString()) as { type: string; id: number; result: never };
      if (message.type === 'reply' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    });
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('web preview server', () => {
  it('listens on loopback only', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) return; // No non-loopback interface here: nothing else could be bound.
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: external.address, port: preview.port });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('refuses HTTP requests without the token, with a wrong one, or for another host', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/index.html')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get(`/?token=${preview.token}x`)).status).toBe(403);
    expect((await get(`/?token=${preview.token}`, { host: `evil.example:${preview.port}` })).status).toBe(403);
  });

  it('serves the page with the token, then its assets with the HttpOnly cookie it set', async () => {
    const page = await get(`/?token=${preview.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await get('/index.html', { cookie })).status).toBe(200);
    expect((await get('/../package.json', { cookie })).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json', { cookie })).status).toBe(404);
  });

  it('refuses a socket without the token, with a wrong one, or from another origin', async () => {
    expect(await openSocket('')).toBe(403);
    expect(await openSocket('?token=nope')).toBe(403);
    expect(await openSocket(`?token=${preview.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket(`?token=${preview.token}`, { origin: 'null' })).toBe(403);
  });

  it('answers contract calls on an authorised socket, validating every payload', async () => {
    const ws = await openSocket(`?token=${preview.token}`);
    if (typeof ws === 'number') throw new Error(`socket refused: ${ws}`);
    const info = await call(ws, 'appInfo', {});
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', runtime: 'web-preview' } });
    expect(await call(ws, 'appInfo', { extra: 'x'.repeat(10 * 1024 * 1024) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await call(ws, 'nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });
});
