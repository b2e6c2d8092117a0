// Window state: where a saved window reopens on the screens there are, and when it is saved.
import { EventEmitter } from 'node:events';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MIN_SIZE } from './mainWindow';
import { clampBounds, readWindowState, trackWindowState, WINDOW_STATE_FILE, writeWindowState, type WindowState } from './windowState';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 875 }, primary: true };
const monitor = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({ x, y, width, height, maximized });

describe('clampBounds', () => {
  it('item 5: nothing saved: the default size, centred on the primary screen', () => {
    expect(clampBounds(null, [monitor, laptop])).toEqual(state(120, 38, 1200, 800));
  });

  it('item 5: a place on an existing screen is kept as it was', () => {
    expect(clampBounds(state(1600, 0, 1300, 900, true), [laptop, monitor])).toEqual(state(1600, 0, 1300, 900, true));
  });

  it('item 5: a window on a screen that is gone comes back centred on the primary screen, still maximised', () => {
    expect(clampBounds(state(5000, 100, 1000, 700, true), [laptop])).toEqual(state(220, 88, 1000, 700, true));
  });

  it('item 5: a window barely on a screen (not enough to grab) counts as off-screen', () => {
    expect(clampBounds(state(1400, 100, 1000, 700), [laptop])).toEqual(state(220, 88, 1000, 700));
  });

  it('item 5: a window half off its screen is moved fully onto it', () => {
    expect(clampBounds(state(-300, 600, 1000, 700), [laptop])).toEqual(state(0, 175, 1000, 700));
  });

  it('item 5: a window larger than its screen is shrunk to it', () => {
    expect(clampBounds(state(100, 0, 3000, 2000), [laptop])).toEqual(state(0, 0, 1440, 875));
  });

  it('item 5: the minimum size is respected, even on a smaller screen', () => {
    expect(clampBounds(state(10, 10, 200, 100), [laptop])).toEqual(state(10, 10, MIN_SIZE.width, MIN_SIZE.height));
    const tiny = { workArea: { x: 0, y: 0, width: 640, height: 480 }, primary: true };
    expect(clampBounds(state(0, 0, 1200, 800), [tiny])).toEqual(state(0, 0, MIN_SIZE.width, MIN_SIZE.height));
  });

  it('item 5: the screen that shows most of the window takes it', () => {
    const clamped = clampBounds(state(1000, 100, 1200, 800), [laptop, monitor]);
    expect(clamped).toEqual(state(1440, 100, 1200, 800));
  });
});

describe('the window state file', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'rollcall-window-'));

  it('item 5: written private (0600) and read back', async () => {
    const dir = folder();
    await writeWindowState(dir, state(10, 20, 900, 600, true));
    expect(await readWindowState(dir)).toEqual(state(10, 20, 900, 600, true));
    if (process.platform !== 'win32') expect(statSync(join(dir, WINDOW_STATE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('item 5: missing or damaged reads as nothing saved', async () => {
    const dir = folder();
    expect(await readWindowState(dir)).toBeNull();
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"x":');
    expect(await readWindowState(dir)).toBeNull();
    writeFileSync(join(dir, WINDOW_STATE_FILE), JSON.stringify({ x: 'left', y: 0, width: 10, height: 10, maximized: false }));
    expect(await readWindowState(dir)).toBeNull();
  });
});

class FakeWindow extends EventEmitter {
  bounds = { x: 10, y: 20, width: 900, height: 600 };
  maximized = false;
  destroyed = false;
  getNormalBounds = () => ({ ...this.bounds });
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
}

describe('trackWindowState', () => {
  it('item 5: moves and resizes are saved once they settle; close saves at once', () => {
    vi.useFakeTimers();
    try {
      const window = new FakeWindow();
      const save = vi.fn();
      trackWindowState(window as never, { save, debounceMs: 500 });
      window.emit('move');
      window.bounds.x = 50;
      window.emit('resize');
      vi.advanceTimersByTime(499);
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(save).toHaveBeenCalledExactlyOnceWith(state(50, 20, 900, 600));

      window.maximized = true;
      window.emit('maximize');
      window.emit('close');
      expect(save).toHaveBeenLastCalledWith(state(50, 20, 900, 600, true));
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('loadWindowPlacement', () => {
  it('item 5: clamps the saved place to the screens Electron reports, maximises when it was, and saves moves', async () => {
    const { screen } = await import('./test/electronStandIn');
    const { loadWindowPlacement } = await import('./windowState');
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-window-'));
    await writeWindowState(dir, state(3000, 100, 1000, 700, true));
    screen.getAllDisplays.mockReturnValueOnce([{ id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } }]);
    screen.getPrimaryDisplay.mockReturnValue({ id: 1, workArea: { x: 0, y: 0, width: 1440, height: 875 } });
    const placement = await loadWindowPlacement(dir);
    expect(placement.bounds()).toEqual(state(220, 88, 1000, 700, true));

    const window = Object.assign(new FakeWindow(), { maximize: vi.fn() });
    placement.track(window as never);
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalledOnce();
    window.bounds = { x: 5, y: 6, width: 800, height: 600 };
    window.emit('close');
    await vi.waitFor(async () => expect(await readWindowState(dir)).toEqual(state(5, 6, 800, 600)));
  });
});
