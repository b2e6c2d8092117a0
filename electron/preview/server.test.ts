// The web preview drives a Telegram account: only the page it served, holding this run's token,
// may talk to it, and only over loopback. No request, however malformed, may take it down.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPreviewServer, type PreviewServer } from './server';

let preview: PreviewServer;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'rollcall-preview-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rollcall</title>');
  preview = await startPreviewServer({ port: 0, rendererDir, appVersion: '9.9.9', env: {} });
});
afterAll(() => preview.close());

const hostOf = (server: PreviewServer) => `127.0.0.1:${server.port}`;
const localhostOf = (server: PreviewServer) => `localhost:${server.port}`;

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

/** Sends raw bytes on a fresh connection; resolves with everything the server wrote before closing. */
function raw(text: string, server = preview): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port: server.port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text, 'latin1');
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

interface Client {
  ws: WebSocket;
  /** Every message the server sent, from the start. */
  messages: unknown[];
  closed: Promise<number>;
  /** The first message, or the close: whichever comes (the test checks which). */
  firstMessageOrClose: Promise<void>;
}

/** Opens the bridge socket; resolves with a client or with the HTTP status that refused it. */
function openSocket(options: { server?: PreviewServer; headers?: Record<string, string>; path?: string } = {}): Promise<Client | number> {
  const server = options.server ?? preview;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${options.path ?? '/bridge'}`, {
      headers: { origin: server.origin, ...options.headers },
    });
    const messages: unknown[] = [];
    let first: () => void = () => {};
    const firstMessageOrClose = new Promise<void>((done) => (first = done));
    ws.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      first();
    });
    const closed = new Promise<number>((done) =>
      ws.once('close', (code) => {
        first();
        done(code);
      }),
    );
    ws.once('open', () => resolve({ ws, messages, closed, firstMessageOrClose }));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

async function authorisedSocket(options: Parameters<typeof openSocket>[0] = {}): Promise<Client> {
  const client = await openSocket(options);
  if (typeof client === 'number') throw new Error(`socket refused: ${client}`);
  client.ws.send(JSON.stringify({ type: 'hello', token: (options.server ?? preview).token }));
  return client;
}

let nextId = 1;
function call(ws: WebSocket, channel: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string }; value?: unknown }> {
  const id = nextId++;
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
  it('item 9: listens on loopback only (the bound address itself), and prints an address that carries the token in its fragment', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    // The socket itself, on every machine: bound to 127.0.0.1, not to every interface (0.0.0.0, ::).
    expect(preview.boundAddress).toBe('127.0.0.1');
    // And from outside where the machine has another address: nothing answers there.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal);
    for (const other of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: other!.address, port: preview.port });
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused, other!.address).toBe(true);
    }
  });

  it('item 1: serves its files without a token, only to its own Host names, and never sets a cookie', async () => {
    for (const host of [hostOf(preview), localhostOf(preview)]) {
      const page = await get('/', { host });
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['set-cookie']).toBeUndefined();
      expect((await get('/index.html', { host })).status).toBe(200);
    }
    const printed = new URL(preview.url);
    expect((await get(printed.pathname + printed.search)).headers['set-cookie']).toBeUndefined();
    expect((await get(`/?token=${preview.token}`)).headers['set-cookie']).toBeUndefined();
    // DNS rebinding: a page on another name that resolves here is refused.
    for (const host of [`evil.example:${preview.port}`, '127.0.0.1', 'localhost', `127.0.0.1:${preview.port + 1}`, `[::1]:${preview.port}`]) {
      expect((await get('/', { host })).status, host).toBe(403);
    }
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('item 1: a client holding only the cookie value and a forged Origin gets nothing', async () => {
    // What another server on 127.0.0.1 can learn from the browser: the cookies the preview set
    // when the printed address was opened (the fragment is never sent).
    const printed = new URL(preview.url);
    const setCookie = [(await get(printed.pathname + printed.search)).headers['set-cookie'] ?? []].flat().map(String);
    const cookie = setCookie.map((line) => line.split(';')[0]).join('; ');
    const cookieValue = cookie.split('=').slice(1).join('=');
    const headers = { origin: preview.origin, ...(cookie ? { cookie } : {}) };

    // It forges the Origin and calls straight away, or first says hello with what it holds.
    for (const opening of [[], [{ type: 'hello', token: cookieValue }]]) {
      const client = await openSocket({ headers });
      if (typeof client === 'number') continue; // Refused outright: nothing.
      for (const message of opening) client.ws.send(JSON.stringify(message));
      client.ws.send(JSON.stringify({ id: 1, channel: 'appInfo', payload: {} }));
      await client.firstMessageOrClose;
      expect(client.messages).toEqual([]);
      expect(await client.closed).toBe(1008);
    }
  });

  it('item 1: a socket that says no hello gets no reply and no events, and is closed', async () => {
    const strict = await startPreviewServer({ port: 0, rendererDir, appVersion: '9.9.9', env: {}, helloTimeoutMs: 50 });
    try {
      const silent = await openSocket({ server: strict });
      if (typeof silent === 'number') throw new Error(`socket refused: ${silent}`);
      expect(await silent.closed).toBe(1008);
      expect(silent.messages).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('item 1: a wrong or missing hello gets no reply and no events, and closes the socket', async () => {
    const openings: unknown[][] = [
      [{ id: 1, channel: 'appInfo', payload: {} }],
      [{ type: 'hello', token: 'nope' }, { id: 1, channel: 'appInfo', payload: {} }],
      [{ type: 'hello', token: `${preview.token}x` }],
      [{ type: 'hello', token: preview.token.slice(0, -1) }],
      [{ type: 'hello', token: preview.token, extra: 1 }],
      [{ type: 'hello' }],
      [{ type: 'hello', token: [preview.token] }],
      ['not json'],
    ];
    const watcher = await openSocket();
    if (typeof watcher === 'number') throw new Error(`socket refused: ${watcher}`);
    const owner = await authorisedSocket();
    for (const opening of openings) {
      const client = await openSocket();
      if (typeof client === 'number') throw new Error(`socket refused: ${client}`);
      for (const message of opening) client.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      expect(await client.closed, JSON.stringify(opening)).toBe(1008);
      expect(client.messages, JSON.stringify(opening)).toEqual([]);
    }
    // An event while a socket has not said hello: the owner sees it, the other socket never does.
    const changed = new Promise<void>((resolve) =>
      owner.ws.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'event') resolve();
      }),
    );
    await call(owner.ws, 'authSelectTarget', { target: 'telegram' });
    await changed;
    await call(owner.ws, 'authSelectTarget', { target: 'sandbox' });
    watcher.ws.send('{}'); // Anything but a hello: the server closes it after whatever it sent before.
    expect(await watcher.closed).toBe(1008);
    expect(watcher.messages).toEqual([]);
    owner.ws.close();
  });

  it('answers contract calls after the hello, validating every payload', async () => {
    const { ws } = await authorisedSocket();
    const info = await call(ws, 'appInfo', {});
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', runtime: 'web-preview' } });
    expect(await call(ws, 'appInfo', { extra: 'x'.repeat(10 * 1024 * 1024) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await call(ws, 'nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });

  it('item 1: Host localhost:PORT with Origin http://localhost:PORT works for the socket; mismatched Host and Origin are refused', async () => {
    const local = await authorisedSocket({ headers: { host: localhostOf(preview), origin: `http://${localhostOf(preview)}` } });
    expect(await call(local.ws, 'appInfo', {})).toMatchObject({ ok: true });
    local.ws.close();

    const refused: Record<string, string>[] = [
      { host: hostOf(preview), origin: `http://${localhostOf(preview)}` },
      { host: localhostOf(preview), origin: `http://${hostOf(preview)}` },
      { host: `evil.example:${preview.port}`, origin: `http://evil.example:${preview.port}` },
      { host: hostOf(preview), origin: 'http://evil.example' },
      { host: hostOf(preview), origin: 'null' },
      { host: hostOf(preview), origin: `https://${hostOf(preview)}` },
      { host: hostOf(preview), origin: `http://${hostOf(preview)}/` },
    ];
    for (const headers of refused) expect(await openSocket({ headers }), JSON.stringify(headers)).toBe(403);
    expect(await openSocket({ path: '/elsewhere' })).toBe(404);
  });

  it('item 2: malformed request lines and upgrades answer 400 and the server keeps answering', async () => {
    const host = hostOf(preview);
    const targets = ['//[', 'http://[', '%zz', '*', '//evil.example/', '/\\evil.example/', `http://${host}/`, `http://${host}/bridge`, 'http://evil.example/', `ws://${host}/bridge`, '?token=x', ''];
    const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${preview.origin}\r\n`;
    for (const target of targets) {
      for (const extra of ['', upgrade]) {
        const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: ${extra ? 'Upgrade' : 'close'}\r\n\r\n`);
        expect(statusOf(answer), `${target}${extra ? ' (upgrade)' : ''}: ${answer.split('\r\n')[0]}`).toBe(400);
      }
    }
    for (const line of ['GET //[ HTTP/1.1\r\nHost: [\r\n', 'GET / HTTP/9.9\r\n', 'GET\r\n', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n', `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\n`]) {
      const answer = await raw(`${line}Connection: close\r\n\r\n`);
      expect(statusOf(answer), JSON.stringify(line)).toBeGreaterThanOrEqual(400);
    }
    // Still up, still answering.
    expect(statusOf(await raw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`))).toBe(200);
    const { ws } = await authorisedSocket();
    expect(await call(ws, 'appInfo', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('item 2: an invalid WebSocket frame closes only that socket and the server keeps answering', async () => {
    for (const authorised of [false, true]) {
      const client = authorised ? await authorisedSocket() : await openSocket();
      if (typeof client === 'number') throw new Error(`socket refused: ${client}`);
      if (authorised) await call(client.ws, 'appInfo', {});
      // A masked frame with reserved opcode 0x3: the server must treat it as this socket's error.
      (client.ws as unknown as { _socket: Socket })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
      expect(await client.closed).not.toBe(1000);
    }
    const { ws } = await authorisedSocket();
    expect(await call(ws, 'appInfo', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('writes the same redacted log as the desktop app, in its data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-preview-log-'));
    const server = await startPreviewServer({ port: 0, rendererDir, appVersion: '9.9.9', env: {}, dataDir: join(dataDir, 'data') });
    try {
      const { ws } = await authorisedSocket({ server });
      const apiHash = 'abcdef0123456789abcdef0123456789';
      expect(await call(ws, 'settingsSetCredentials', { apiId: 12345, apiHash })).toMatchObject({ ok: true });
      expect(await call(ws, 'runGet', { runId: 'no-such-run' })).toMatchObject({ ok: false });
      ws.close();
    } finally {
      await server.close();
    }
    const log = join(dataDir, 'data', 'logs', 'main.log');
    expect(statSync(log).mode & 0o777).toBe(0o600);
    const text = readFileSync(log, 'utf8');
    expect(text).toMatch(/runGet/);
    expect(text).not.toContain('abcdef0123456789abcdef0123456789');
  });
});
