// Crash handling with a fake window: a renderer that died or hung is reloaded and told why.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installCrashHandling, startLocalCrashReporter, type CrashWindow } from './crash';

function fakeWindow() {
  const win = new EventEmitter();
  const contents = new EventEmitter();
  const reload = vi.fn(() => setImmediate(() => contents.emit('did-finish-load')));
  const window = Object.assign(win, {
    isDestroyed: () => false,
    webContents: Object.assign(contents, { reload }),
  }) as unknown as CrashWindow;
  return { window, win, contents, reload };
}

function setUp() {
  const fake = fakeWindow();
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const notify = vi.fn();
  const timers: { callback: () => void; cleared: boolean }[] = [];
  installCrashHandling(fake.window, {
    log,
    notify,
    setTimer: (callback) => {
      const timer = { callback, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => ((timer as { cleared: boolean }).cleared = true),
  });
  return { ...fake, log, notify, timers };
}

const loaded = () => new Promise((resolve) => setImmediate(resolve));

describe('installCrashHandling', () => {
  it('reloads a window whose renderer is gone, logs it, and tells the reloaded page why', async () => {
    const t = setUp();
    t.contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 9 });
    expect(t.reload).toHaveBeenCalledOnce();
    expect(t.log.error.mock.calls[0]![0]).toContain('oom');
    expect(t.notify).not.toHaveBeenCalled();
    await loaded();
    expect(t.notify).toHaveBeenCalledWith('WINDOW_CRASHED', 'oom');
  });

  it('does nothing for a clean exit', () => {
    const t = setUp();
    t.contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(t.reload).not.toHaveBeenCalled();
  });

  it('reloads a hung window only after the grace period, and not if it recovers', async () => {
    const t = setUp();
    t.win.emit('unresponsive');
    t.win.emit('unresponsive');
    expect(t.timers).toHaveLength(1);
    expect(t.log.warn).toHaveBeenCalled();
    t.win.emit('responsive');
    expect(t.timers[0]!.cleared).toBe(true);
    expect(t.reload).not.toHaveBeenCalled();

    t.win.emit('unresponsive');
    t.timers[1]!.callback();
    expect(t.reload).toHaveBeenCalledOnce();
    await loaded();
    expect(t.notify).toHaveBeenCalledWith('WINDOW_UNRESPONSIVE', 'unresponsive');
  });

  it('starts crashReporter with uploads off', () => {
    const start = vi.fn();
    startLocalCrashReporter({ start });
    expect(start).toHaveBeenCalledWith({ uploadToServer: false });
  });
});
