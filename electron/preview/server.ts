// The web preview: the built renderer served on loopback, with the real core running in Node
// behind a WebSocket that speaks the same contract as Electron's IPC. This is how the UI runs
// in a plain browser (tests, machines without the Electron binary).
//
// The token never travels in a cookie: browsers share cookies across every port of 127.0.0.1,
// so any other local server the browser visits would receive it. The printed address carries it
// in the fragment (never sent over HTTP); the page keeps it in sessionStorage (per origin, port
// included) and sends it only as the socket's first message, the hello. The static files hold
// no secret and are served without it. Every request must name this server in its Host
// (127.0.0.1:PORT or localhost:PORT, against DNS rebinding) and the socket's Origin must be that
// same host, so no other page can open the socket; until a correct hello the socket gets
// nothing, so no other process can drive the organiser's Telegram account through it. No
// request, however malformed, may throw out of a handler: that would end the process and any
// run in flight.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core } from '../core/core';
import type { EmbeddedSandboxOptions } from '../core/embeddedSandbox';
import { createLogger, fileSink } from '../core/log';
import { createKeyFileSecretStore } from '../core/secrets';
import { createDispatcher, createEventSink } from '../ipc/dispatcher';
import { createRunActivity } from '../core/runActivity';
import type { InviteProgress } from '../../shared/ipc/contract';
import { readRendererFile } from '../rendererFiles';
import { HELLO_REFUSED_CLOSE_CODE, parseClientMessage, parseHello, type ServerMessage } from '../../shared/ipc/socketProtocol';

export const PREVIEW_HOST = '127.0.0.1';
/** Large enough that oversized payloads reach the schema and get a typed error. */
const MAX_SOCKET_MESSAGE_BYTES = 32 * 1024 * 1024;
const HELLO_TIMEOUT_MS = 10_000;

export interface PreviewOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  appVersion: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Fixed token for reproducible runs; random otherwise. */
  token?: string;
  /** How long a socket may stay open without its hello (tests shorten it). */
  helloTimeoutMs?: number;
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
  /** The address the listening socket is bound to, as the OS reports it (127.0.0.1). */
  boundAddress: string;
  token: string;
  core: Core;
  /**
   * Tests only: what the desktop window's close button does (electron/main/longRuns.ts). A page
   * has no window to close, so this stands in for it: while a run sends, the page is asked
   * (closeRequested) and its answer reaches the core as in the app. Returns whether it asked.
   */
  requestClose(): boolean;
  close(): Promise<void>;
}

function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The path of an origin-form request target ("/path?query"); null for anything else (absolute
 * or authority form, "*", "//host", or what a URL parser would read as another host).
 */
function targetPath(target: string | undefined): string | null {
  if (!target || target[0] !== '/' || target[1] === '/' || target[1] === '\\') return null;
  return target.replace(/[?#].*$/s, '');
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404 | 500): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  await stat(join(rendererDir, 'index.html')).catch(() => {
    throw new Error(`No built renderer at ${rendererDir}: run "npm run build" first.`);
  });

  /** The sockets that said a correct hello: the only ones events go to. */
  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ServerMessage) => socket.send(JSON.stringify(message));
  const activity = createRunActivity();
  const emit = createEventSink(
    (event, payload) => {
      if (event === 'inviteProgress') activity.observe({ type: 'progress', run: (payload as InviteProgress).run });
      for (const socket of sockets) send(socket, { type: 'event', event, payload });
    },
  );
  const env = options.env ?? process.env;
  const configuredDir = options.dataDir ?? env.ROLLCALL_DATA_DIR;
  const dataDir = resolve(configuredDir ?? (await mkdtemp(join(tmpdir(), 'rollcall-preview-data-'))));
  const keyDir = resolve(options.keyDir ?? join(dirname(dataDir), `${basename(dataDir)}-key`));
  // The same redacted log as the desktop app's, in the data folder (the preview has no OS log folder).
  const logger = createLogger({ sinks: [fileSink(join(dataDir, 'logs'))] });
  const logError = (message: string, error: unknown) => {
    logger.error(message, error);
    options.logError?.(message, error);
  };
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
    logger,
    log: logError,
  });
  const dispatch = createDispatcher(core.handlers, { logError });

  const allowedHosts = new Set<string>();
  const helloTimeoutMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const failed = (what: string, error: unknown) => logError(`preview: ${what} failed`, error);

  async function serveFile(response: ServerResponse, path: string): Promise<void> {
    const file = await readRendererFile(rendererDir, path);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response
      .writeHead(200, { ...file.headers, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin' })
      .end(file.body);
  }

  function handleRequest(request: IncomingMessage, response: ServerResponse): void {
    const path = targetPath(request.url);
    if (path === null) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request target');
      return;
    }
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: open the address the preview printed.');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    serveFile(response, path).catch((error: unknown) => {
      failed('serving a file', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  }

  const server = createServer((request, response) => {
    try {
      handleRequest(request, response);
    } catch (error) {
      failed('a request', error);
      if (!response.headersSent) response.writeHead(400).end();
      else response.destroy();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });

  function handleSocket(ws: WebSocket): void {
    let helloed = false;
    const refuse = () => ws.close(HELLO_REFUSED_CLOSE_CODE, 'Open the address the preview printed');
    const deadline = setTimeout(refuse, helloTimeoutMs);
    // An invalid frame is this socket's error alone; ws closes it.
    ws.on('error', (error) => failed('a socket', error));
    ws.on('close', () => {
      clearTimeout(deadline);
      sockets.delete(ws);
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      if (!helloed) {
        // Nothing else may come first, and a socket gets one try: no guessing on it.
        clearTimeout(deadline);
        helloed = ws.readyState === ws.OPEN && tokenMatches(text === null ? null : parseHello(text), token);
        if (helloed) sockets.add(ws);
        else refuse();
        return;
      }
      const message = text === null ? null : parseClientMessage(text);
      if (!message) {
        ws.close(1003, 'Malformed message');
        return;
      }
      void dispatch(message.channel, message.payload).then((result) => {
        if (ws.readyState === ws.OPEN) send(ws, { type: 'reply', id: message.id, result });
      });
    });
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = targetPath(request.url);
    if (path === null) return refuseUpgrade(socket, 400);
    const host = request.headers.host ?? '';
    // The Origin must be the very host the request came in on: localhost and 127.0.0.1 alike.
    if (!allowedHosts.has(host) || request.headers.origin !== `http://${host}`) return refuseUpgrade(socket, 403);
    if (path !== '/bridge') return refuseUpgrade(socket, 404);
    wss.handleUpgrade(request, socket, head, handleSocket);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error listener from an upgrading socket: without this a reset kills the process.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      failed('an upgrade', error);
      if (socket.writable) refuseUpgrade(socket, 400);
      else socket.destroy();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, PREVIEW_HOST, () => resolveListen());
  });
  const { port, address: boundAddress } = server.address() as AddressInfo;
  const origin = `http://${PREVIEW_HOST}:${port}`;
  allowedHosts.add(`${PREVIEW_HOST}:${port}`).add(`localhost:${port}`);

  return {
    // The fragment never leaves the browser: not to this server, not in a Referer.
    url: `${origin}/#token=${token}`,
    origin,
    port,
    boundAddress,
    token,
    core,
    requestClose: () => {
      if (!activity.isSending()) return false;
      emit('closeRequested', { sending: activity.sending() });
      return true;
    },
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await core.dispose();
      if (!configuredDir) await Promise.all([rm(dataDir, { recursive: true, force: true }), rm(keyDir, { recursive: true, force: true })]);
    },
  };
}
