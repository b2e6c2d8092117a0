// The web preview: the built renderer served on loopback, with the real core running in Node
// behind a WebSocket that speaks the same contract as Electron's IPC. This is how the UI runs
// in a plain browser (tests, machines without the Electron binary).
//
// Every HTTP request and every socket must carry this run's random token (in the query, or in
// the cookie the first tokened page load sets), and the Host and Origin headers must name this
// server: no other local page or process can drive the organiser's Telegram account through it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core } from '../core/core';
import type { EmbeddedSandboxOptions } from '../core/embeddedSandbox';
import { createKeyFileSecretStore } from '../core/secrets';
import { createDispatcher, createEventSink } from '../ipc/dispatcher';
import { readRendererFile } from '../rendererFiles';
import { parseClientMessage, type ServerMessage } from '../../shared/ipc/socketProtocol';

export const PREVIEW_HOST = '127.0.0.1';
const TOKEN_COOKIE = 'rollcall_preview_token';
/** Large enough that oversized payloads reach the schema and get a typed error. */
const MAX_SOCKET_MESSAGE_BYTES = 32 * 1024 * 1024;


export interface PreviewOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  appVersion: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Fixed token for reproducible runs; random otherwise. */
  token?: string;
  /**
   * Settings, the encrypted session, run journals and the sandbox's world. Default: env
   * ROLLCALL_DATA_DIR, else a fresh temporary folder removed on close.
   */
  dataDir?: string;
  /** The folder of the key that encrypts the session (never inside dataDir). Default: beside dataDir. */
  keyDir?: string;
  /** The embedded sandbox's world size and scenario controls. */
  sandbox?: EmbeddedSandboxOptions;
  logError?: (message: string, error: unknown) => void;
}

export interface PreviewServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  await stat(join(rendererDir, 'index.html')).catch(() => {
    throw new Error(`No built renderer at ${rendererDir}: run "npm run build" first.`);
  });

  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ServerMessage) => socket.send(JSON.stringify(message));
  const emit = createEventSink(
    (event, payload) => {
      for (const socket of sockets) send(socket, { type: 'event', event, payload });
    },
  );
  const env = options.env ?? process.env;
  const configuredDir = options.dataDir ?? env.ROLLCALL_DATA_DIR;
  const dataDir = resolve(configuredDir ?? (await mkdtemp(join(tmpdir(), 'rollcall-preview-data-'))));
  const keyDir = resolve(options.keyDir ?? join(dirname(dataDir), `${basename(dataDir)}-key`));
  const core = createCore({
    runtime: 'web-preview',
    appName: 'Rollcall',
    appVersion: options.appVersion,
    versions: { node: process.versions.node, electron: null, chrome: null },
    env,
    emit,
    dataDir,
    secrets: createKeyFileSecretStore(keyDir),
    sandbox: options.sandbox,
    log: options.logError,
  });
  const dispatch = createDispatcher(core.handlers, { logError: options.logError });

  let origin = '';
  const allowedHosts = new Set<string>();

  /** The token from the query or the cookie, and a Host header naming this server. */
  function authorised(request: IncomingMessage): { ok: boolean; viaQuery: boolean } {
    if (!allowedHosts.has(request.headers.host ?? '')) return { ok: false, viaQuery: false };
    const url = new URL(request.url ?? '/', origin);
    if (tokenMatches(url.searchParams.get('token'), token)) return { ok: true, viaQuery: true };
    return { ok: tokenMatches(cookieToken(request), token), viaQuery: false };
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse, viaQuery: boolean): Promise<void> {
    const file = await readRendererFile(rendererDir, new URL(request.url ?? '/', origin).pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      ...file.headers,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    };
    if (viaQuery) headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    response.writeHead(200, headers).end(file.body);
  }

  const server = createServer((request, response) => {
    const auth = authorised(request);
    if (!auth.ok) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: this preview needs its token.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    serveFile(request, response, auth.viaQuery).catch((error: unknown) => {
      options.logError?.('preview: serving a file failed', error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path !== '/bridge' || !authorised(request).ok || request.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => {
        const message = isBinary ? null : parseClientMessage(data.toString());
        if (!message) {
          ws.close(1003, 'Malformed message');
          return;
        }
        void dispatch(message.channel, message.payload).then((result) => {
          if (ws.readyState === ws.OPEN) send(ws, { type: 'reply', id: message.id, result });
        });
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, PREVIEW_HOST, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${PREVIEW_HOST}:${port}`;
  allowedHosts.add(`${PREVIEW_HOST}:${port}`).add(`localhost:${port}`);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    core,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await core.dispose();
      if (!configuredDir) await Promise.all([rm(dataDir, { recursive: true, force: true }), rm(keyDir, { recursive: true, force: true })]);
    },
  };
}
