// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBridge } from '../testSupport/fakeBridge';
import { FakeSocket } from '../testSupport/fakeWebSocket';

beforeEach(() => {
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.resetModules();
  sessionStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete window.rollcall;
});

describe('the renderer’s bridge', () => {
  it('item 8: in Electron it is the preload’s window.rollcall, and no socket is opened', async () => {
    const preload = createFakeBridge().api;
    window.rollcall = preload;
    const { bridge } = await import('./index');
    expect(bridge).toBe(preload);
    expect(FakeSocket.opened).toEqual([]);
  });

  it('item 8: in the web preview it opens the preview’s socket with the token from the address, then clears the address', async () => {
    window.history.replaceState(null, '', '/#token=run-token-1');
    const { bridge } = await import('./index');
    expect(window.location.hash).toBe('');
    const [socket] = FakeSocket.opened;
    expect(socket.url).toBe(`ws://${window.location.host}/bridge`);
    socket.serverOpens();
    const reply = bridge.appInfo({});
    await vi.waitFor(() => expect(socket.sent).toHaveLength(2));
    expect(socket.sent).toEqual([{ type: 'hello', token: 'run-token-1' }, { id: 1, channel: 'appInfo', payload: {} }]);
    socket.serverSays({ type: 'reply', id: 1, result: { ok: false, error: { code: 'INTERNAL', message: 'x' } } });
    expect(await reply).toMatchObject({ ok: false });
  });
});
