// The sender check: only our window's main frame, showing our page, reaches the core.
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, ipcChannelName } from '../../shared/ipc/channels';
import { record, resetElectronStandIn } from './test/electronStandIn';
import { isTrustedSender, serveContractOverIpc } from './ipc';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

const PAGE = 'app://rollcall/index.html';

function setup() {
  const mainFrame = { url: PAGE };
  const webContents = { mainFrame };
  const window = { webContents } as unknown as BrowserWindow;
  const event = (over: { sender?: unknown; senderFrame?: unknown } = {}) =>
    ({ sender: webContents, senderFrame: mainFrame, ...over }) as unknown as IpcMainInvokeEvent;
  return { window, webContents, mainFrame, event };
}

describe('isTrustedSender', () => {
  it('item 9: accepts our window’s main frame on our page (with or without a fragment)', () => {
    const { window, event, mainFrame } = setup();
    expect(isTrustedSender(event(), window, PAGE)).toBe(true);
    mainFrame.url = `${PAGE}#history`;
    expect(isTrustedSender(event(), window, PAGE)).toBe(true);
  });

  it('item 9: refuses another frame of our window (an iframe)', () => {
    const { window, event } = setup();
    expect(isTrustedSender(event({ senderFrame: { url: PAGE } }), window, PAGE)).toBe(false);
  });

  it('item 9: refuses another webContents, even one showing our page', () => {
    const { window, event } = setup();
    const other = { mainFrame: { url: PAGE } };
    expect(isTrustedSender(event({ sender: other, senderFrame: other.mainFrame }), window, PAGE)).toBe(false);
  });

  it('item 9: refuses our main frame on another URL, and a frame that is gone', () => {
    const { window, event, mainFrame } = setup();
    mainFrame.url = 'https://evil.example/index.html';
    expect(isTrustedSender(event(), window, PAGE)).toBe(false);
    mainFrame.url = 'app://rollcall/other.html';
    expect(isTrustedSender(event(), window, PAGE)).toBe(false);
    expect(isTrustedSender(event({ senderFrame: null }), window, PAGE)).toBe(false);
  });
});

describe('serveContractOverIpc', () => {
  beforeEach(() => resetElectronStandIn());

  it('item 9: one handler per contract channel, prefixed', () => {
    serveContractOverIpc(vi.fn(), () => null, PAGE);
    expect([...record.ipcHandlers.keys()].sort()).toEqual(INVOKE_CHANNELS.map(ipcChannelName).sort());
  });

  it('item 9: a trusted sender reaches the dispatcher; another frame, another window or no window gets FORBIDDEN_SENDER', async () => {
    const { window, event } = setup();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'reply' }));
    let current: BrowserWindow | null = window;
    serveContractOverIpc(dispatch, () => current, PAGE);
    const handler = record.ipcHandlers.get(ipcChannelName('appInfo'))!;

    expect(await handler(event(), {})).toEqual({ ok: true, value: 'reply' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('appInfo', {});

    const forbidden = { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) };
    expect(await handler(event({ senderFrame: { url: PAGE } }), {})).toMatchObject(forbidden);
    const other = { mainFrame: { url: PAGE } };
    expect(await handler(event({ sender: other, senderFrame: other.mainFrame }), {})).toMatchObject(forbidden);
    current = null;
    expect(await handler(event(), {})).toMatchObject(forbidden);
    expect(dispatch).toHaveBeenCalledOnce();
  });
});
