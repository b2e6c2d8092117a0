import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELLO_REFUSED_CLOSE_CODE } from '../../../shared/ipc/socketProtocol';
import { FakeSocket } from '../testSupport/fakeWebSocket';
import { createSocketBridge } from './socketBridge';

const ADDRESS = 'ws://127.0.0.1:5173/bridge';
/** Drains the microtasks the bridge awaits (the socket's open before each send): deterministic, no timing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('the web preview’s socket bridge', () => {
  it('item 8: without a token it opens no socket and every request says how to open the page', async () => {
    const bridge = createSocketBridge(ADDRESS, null);
    expect(FakeSocket.opened).toEqual([]);
    const result = await bridge.appInfo({});
    expect(result).toMatchObject({ ok: false, error: { code: 'PREVIEW_TOKEN_NEEDED' } });
  });

  it('item 8: says hello with the token first, then sends requests made before the socket opened', async () => {
    const bridge = createSocketBridge(ADDRESS, 'secret-token');
    const [socket] = FakeSocket.opened;
    expect(socket.url).toBe(ADDRESS);
    const reply = bridge.runGet({ runId: 'run-1' });
    await settle();
    expect(socket.sent).toEqual([]);
    socket.serverOpens();
    await settle();
    expect(socket.sent).toEqual([
      { type: 'hello', token: 'secret-token' },
      { id: 1, channel: 'runGet', payload: { runId: 'run-1' } },
    ]);
    socket.serverSays({ type: 'reply', id: 1, result: { ok: true, value: 'the run' } });
    expect(await reply).toEqual({ ok: true, value: 'the run' });
  });

  it('item 8: each reply goes to the request with its id, whatever the order', async () => {
    const bridge = createSocketBridge(ADDRESS, 't');
    const [socket] = FakeSocket.opened;
    socket.serverOpens();
    const first = bridge.callsList({});
    const second = bridge.runsList({});
    await settle();
    expect(socket.sent.slice(1)).toEqual([
      { id: 1, channel: 'callsList', payload: {} },
      { id: 2, channel: 'runsList', payload: {} },
    ]);
    socket.serverSays({ type: 'reply', id: 2, result: { ok: true, value: 'runs' } });
    socket.serverSays({ type: 'reply', id: 1, result: { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'x' } } });
    expect(await second).toEqual({ ok: true, value: 'runs' });
    expect(await first).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', message: 'x' } });
  });

  it('item 8: events reach the listeners of that event until they unsubscribe', () => {
    const bridge = createSocketBridge(ADDRESS, 't');
    const [socket] = FakeSocket.opened;
    socket.serverOpens();
    const menu: unknown[] = [];
    const updates: unknown[] = [];
    const stop = bridge.subscribe('menuCommand', (command) => menu.push(command));
    bridge.subscribe('updateReady', (ready) => updates.push(ready));
    socket.serverSays({ type: 'event', event: 'menuCommand', payload: 'history' });
    stop();
    socket.serverSays({ type: 'event', event: 'menuCommand', payload: 'settings' });
    expect(menu).toEqual(['history']);
    expect(updates).toEqual([]);
    expect(() => bridge.subscribe('noSuchEvent' as never, () => {})).toThrow(/Unknown event/);
  });

  it('item 8: a token the server refuses settles waiting and later requests with PREVIEW_TOKEN_NEEDED', async () => {
    const bridge = createSocketBridge(ADDRESS, 'stale');
    const [socket] = FakeSocket.opened;
    socket.serverOpens();
    const waiting = bridge.authState({});
    await settle();
    socket.serverCloses(HELLO_REFUSED_CLOSE_CODE);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'PREVIEW_TOKEN_NEEDED' } });
    expect(await bridge.authState({})).toMatchObject({ ok: false, error: { code: 'PREVIEW_TOKEN_NEEDED' } });
  });

  it('item 8: any other close, before or after opening, is BACKEND_UNREACHABLE', async () => {
    const bridge = createSocketBridge(ADDRESS, 't');
    const [socket] = FakeSocket.opened;
    socket.serverOpens();
    const waiting = bridge.authState({});
    await settle();
    socket.serverCloses(1006);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'BACKEND_UNREACHABLE' } });

    const never = createSocketBridge(ADDRESS, 't');
    const pending = never.authState({});
    FakeSocket.opened[1].serverCloses(1006);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'BACKEND_UNREACHABLE' } });
    expect(FakeSocket.opened[1].sent).toEqual([]);
  });
});
