// Updates in the desktop app: electron-updater's autoUpdater driven by the pure policy in
// electron/core/updatePolicy.ts. This file only carries the policy out: it checks when told,
// keeps one timer for the next check, and asks the renderer to show "Version X is ready" once no
// run is sending. It never restarts by itself: only updateRestart (the person's "Restart now") does.
//
// Choices:
//  - autoDownload on: the download runs in the background and the prompt comes only when the new
//    version is on disk, so "Restart now" is one short step rather than a wait.
//  - autoInstallOnAppQuit off: quitting Rollcall doesn't install anything the person didn't agree
//    to. A downloaded update stays cached; the next launch's check finds it and offers it again.
//  - electron-updater is loaded only when a check is due, so a dev build never loads it.
import type { EventChannel } from '../../shared/ipc/channels';
import type { UpdateReady } from '../../shared/ipc/contract';
import type { RunHeader } from '../../shared/domain/invite';
import { decideCheck, decidePrompt, mayRestart, type UpdaterState } from '../core/updatePolicy';

/** What Rollcall uses of electron-updater's AppUpdater (so tests can hand in a fake). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: UpdaterLogger | null;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

export interface UpdatesOptions {
  packaged: boolean;
  /** electron-updater's autoUpdater, loaded on first use. */
  updater: () => UpdaterLike;
  /** Whether a run is sending now; defaults to what observe() saw of inviteProgress. */
  isRunSending?: () => boolean;
  /** Sends the typed updateReady event to the renderer. */
  showPrompt: (ready: UpdateReady) => void;
  log: (message: string, error?: unknown) => void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface Updates {
  /** Starts checking (or not) with the stored "Check for updates" value. */
  start(checksEnabled: boolean): void;
  /** The Settings switch changed. */
  checksChanged(enabled: boolean): void;
  /** Every event the main process sends the renderer: inviteProgress tells when runs send and end. */
  observe(event: EventChannel, payload: unknown): void;
  /** Tells the updates that runs may have stopped sending (for an injected isRunSending). */
  runActivityChanged(): void;
  /** The person's "Restart now": true when the app is restarting into the update. */
  restart(): Promise<boolean>;
  dispose(): void;
}

const SENDING_STATES: ReadonlySet<RunHeader['state']> = new Set(['running', 'floodWait']);

export function createUpdates(options: UpdatesOptions): Updates {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  const sendingRuns = new Set<string>();
  const isRunSending = options.isRunSending ?? (() => sendingRuns.size > 0);

  let started = false;
  let checksEnabled = false;
  let lastCheckAt: number | null = null;
  let state: UpdaterState = { kind: 'idle' };
  let promptedVersion: string | null = null;
  let timer: unknown = null;
  let updater: UpdaterLike | null = null;

  const facts = () => ({ checksEnabled, packaged: options.packaged, lastCheckAt, now: now(), runSending: isRunSending(), updater: state, promptedVersion });

  function loadUpdater(): UpdaterLike {
    if (updater) return updater;
    const loaded = options.updater();
    loaded.autoDownload = true;
    loaded.autoInstallOnAppQuit = false;
    loaded.logger = {
      info: (message) => options.log(`updates: ${String(message)}`),
      warn: (message) => options.log(`updates: ${String(message)}`),
      // Failures also arrive as the 'error' event, logged there with the error object.
      error: () => {},
    };
    loaded.on('checking-for-update', () => setState({ kind: 'checking' }));
    loaded.on('update-not-available', () => setState({ kind: 'idle' }));
    loaded.on('update-available', ({ version }) => setState({ kind: 'available', version }));
    loaded.on('update-downloaded', ({ version }) => setState({ kind: 'downloaded', version }));
    loaded.on('error', (error) => {
      options.log('updates: the check or download failed; trying again in a day', error);
      setState({ kind: 'error', message: error.message });
    });
    return (updater = loaded);
  }

  function setState(next: UpdaterState): void {
    state = next;
    evaluate();
  }

  function evaluate(): void {
    if (!started) return;
    const prompt = decidePrompt(facts());
    if (prompt.action === 'showPrompt') {
      promptedVersion = prompt.version;
      options.showPrompt({ version: prompt.version });
    }
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    const check = decideCheck(facts());
    if (check.action === 'checkNow') checkNow();
    else if (check.action === 'scheduleCheck') timer = setTimer(evaluate, Math.max(0, check.at - now()));
  }

  function checkNow(): void {
    lastCheckAt = now();
    let target: UpdaterLike;
    try {
      target = loadUpdater();
    } catch (error) {
      options.log('updates: the updater could not start; trying again in a day', error);
      setState({ kind: 'error', message: (error as Error).message });
      return;
    }
    state = { kind: 'checking' };
    target.checkForUpdates().then(
      // No 'update-not-available' when the updater skips (e.g. no app-update.yml): back to idle.
      () => {
        if (state.kind === 'checking') setState({ kind: 'idle' });
      },
      (error: unknown) => {
        if (state.kind === 'checking') setState({ kind: 'error', message: String(error) });
      },
    );
  }

  return {
    start(enabled) {
      checksEnabled = enabled;
      started = true;
      evaluate();
    },
    checksChanged(enabled) {
      checksEnabled = enabled;
      evaluate();
    },
    observe(event, payload) {
      if (event !== 'inviteProgress') return;
      const { run } = payload as { run: RunHeader };
      const before = isRunSending();
      if (SENDING_STATES.has(run.state)) sendingRuns.add(run.id);
      else sendingRuns.delete(run.id);
      if (before && !isRunSending()) evaluate();
    },
    runActivityChanged() {
      evaluate();
    },
    async restart() {
      if (!updater || !mayRestart(facts(), true)) {
        // A run began sending since the prompt: offer it again once the run ends.
        if (state.kind === 'downloaded') promptedVersion = null;
        return false;
      }
      options.log(`updates: restarting into ${state.kind === 'downloaded' ? state.version : '?'} at the person's request`);
      updater.quitAndInstall(false, true);
      return true;
    },
    dispose() {
      started = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
