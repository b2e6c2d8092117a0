// Window and session hardening: every handler a page could use to get out says no.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, FakeWebContents, preventable, record, resetElectronStandIn, session, shell } from './test/electronStandIn';
import { hardenAllWebContents, hardenSession } from './security';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

const ORIGIN = 'app://rollcall';

describe('hardenSession', () => {
  beforeEach(() => {
    resetElectronStandIn();
    hardenSession(ORIGIN);
  });

  it('item 9: permission requests, permission checks and device permissions are all denied', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'] as const) {
      const callback = vi.fn();
      record.permissionRequestHandler!({} as never, permission, callback, {} as never);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(record.permissionCheckHandler!(null, permission, ORIGIN, {} as never)).toBe(false);
    }
    expect(record.devicePermissionHandler!({ deviceType: 'usb', origin: ORIGIN } as never)).toBe(false);
  });

  it('item 9: will-download lets only our own blob through', () => {
    const download = (url: string) => {
      const event = preventable();
      session.defaultSession.emit('will-download', event, { getURL: () => url });
      return event.prevented();
    };
    expect(download(`blob:${ORIGIN}/5b1c-csv`)).toBe(false);
    expect(download('blob:https://evil.example/5b1c')).toBe(true);
    expect(download('https://evil.example/payload.exe')).toBe(true);
    expect(download(`${ORIGIN}/index.html`)).toBe(true);
  });
});

describe('hardenAllWebContents', () => {
  beforeEach(() => resetElectronStandIn());

  function created(): FakeWebContents {
    hardenAllWebContents();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    return contents;
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('item 9: %s is prevented', (name) => {
    const contents = created();
    const event = preventable();
    contents.emit(name, event, 'https://evil.example/');
    expect(event.prevented()).toBe(true);
  });

  it('item 9: window.open is always denied; only a safe link goes to the system browser', () => {
    const contents = created();
    const open = (url: string) => contents.windowOpenHandler!({ url } as never);
    expect(open('https://t.me/rollcall')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://t.me/rollcall');
    for (const url of ['https://evil.example/', 'http://t.me/x', 'file:///etc/passwd', 'app://rollcall/index.html', 'javascript:alert(1)']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledOnce();
  });
});
