// The main window's size, position and maximised state, kept between launches in
// userData/window-state.json. A saved place is clamped to the screens that exist now: a window
// left on a monitor that is gone comes back centred on the primary one, and one larger than its
// screen is shrunk to fit. clampBounds is pure; the tracker takes its window and clock injected.
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../core/files';
import { DEFAULT_SIZE, MIN_SIZE } from './mainWindow';

export const WINDOW_STATE_FILE = 'window-state.json';
/** How much of a window must be on a screen for it to count as there (enough to grab it). */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);
export const WindowState = z.object({ x: Coordinate, y: Coordinate, width: Size, height: Size, maximized: z.boolean() });
export type WindowState = z.infer<typeof WindowState>;

export interface DisplayArea {
  workArea: Rectangle;
  primary?: boolean;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const fit = (size: number, min: number, available: number) => Math.max(min, Math.min(size, available));
const within = (start: number, size: number, areaStart: number, areaSize: number) =>
  Math.max(areaStart, Math.min(start, areaStart + areaSize - size));

function centred(width: number, height: number, area: Rectangle): Rectangle {
  const w = fit(width, MIN_SIZE.width, area.width);
  const h = fit(height, MIN_SIZE.height, area.height);
  return {
    x: area.x + Math.max(0, Math.round((area.width - w) / 2)),
    y: area.y + Math.max(0, Math.round((area.height - h) / 2)),
    width: w,
    height: h,
  };
}

/**
 * Where the window opens: the saved place moved fully onto the screen that shows most of it,
 * shrunk to that screen (never below the minimum size); centred on the primary screen when no
 * screen shows enough of it to grab, or when nothing was saved.
 */
export function clampBounds(saved: WindowState | null, displays: readonly DisplayArea[]): WindowState {
  const primary = (displays.find((d) => d.primary) ?? displays[0])?.workArea ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return { ...centred(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), maximized: false };
  let best: { area: Rectangle; shown: number } | null = null;
  for (const { workArea } of displays) {
    const shown = overlap(saved, workArea);
    if (shown.width < Math.min(MIN_VISIBLE.width, saved.width) || shown.height < Math.min(MIN_VISIBLE.height, saved.height)) continue;
    const area = shown.width * shown.height;
    if (!best || area > best.shown) best = { area: workArea, shown: area };
  }
  if (!best) return { ...centred(saved.width, saved.height, primary), maximized: saved.maximized };
  const { area } = best;
  const width = fit(saved.width, MIN_SIZE.width, area.width);
  const height = fit(saved.height, MIN_SIZE.height, area.height);
  return {
    x: within(saved.x, width, area.x, area.width),
    y: within(saved.y, height, area.y, area.height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** The saved state, or null when there is none or it is damaged (the window then opens centred). */
export async function readWindowState(folder: string): Promise<WindowState | null> {
  try {
    const data = await readFileIfExists(folder, WINDOW_STATE_FILE);
    if (!data) return null;
    const parsed = WindowState.safeParse(JSON.parse(data.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeWindowState(folder: string, state: WindowState): Promise<void> {
  await writeFileAtomic(folder, WINDOW_STATE_FILE, `${JSON.stringify(state)}\n`);
}

export type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

export interface TrackOptions {
  save(state: WindowState): void;
  /** Moves and resizes come in bursts: save once they settle. */
  debounceMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Saves the window's place after it moves, resizes or (un)maximises, and when it closes. */
export function trackWindowState(window: TrackedWindow, options: TrackOptions): void {
  const { save, debounceMs = 500 } = options;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  const saveNow = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (window.isDestroyed()) return;
    // The normal bounds: a maximised window reopens maximised, and un-maximises to where it was.
    const { x, y, width, height } = window.getNormalBounds();
    save({ x, y, width, height, maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(saveNow, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveSoon);
  window.on('close', saveNow);
}

export interface WindowPlacement {
  /** The bounds for a new window, clamped to the screens that exist now. */
  bounds(): WindowState;
  /** Restores the maximised state and keeps the file up to date. */
  track(window: BrowserWindow): void;
}

/** Reads the saved place once; call when the app is ready (the screen module needs it). */
export async function loadWindowPlacement(folder: string, logError: (message: string, error?: unknown) => void = console.error): Promise<WindowPlacement> {
  let saved = await readWindowState(folder);
  let writing = Promise.resolve();
  return {
    bounds: () => clampBounds(saved, screen.getAllDisplays().map((d) => ({ workArea: d.workArea, primary: d.id === screen.getPrimaryDisplay().id }))),
    track: (window) => {
      // maximize() shows a hidden window: wait until the page can paint.
      if (saved?.maximized) window.once('ready-to-show', () => window.maximize());
      trackWindowState(window, {
        save: (state) => {
          saved = state;
          // One write at a time, in order: the last place wins.
          writing = writing.then(() => writeWindowState(folder, state)).catch((error: unknown) => logError('Saving the window state failed', error));
        },
      });
    },
  };
}
