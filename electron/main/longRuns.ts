// Long runs in the desktop shell (issue 10, item 4): while a run sends the system is kept awake,
// the taskbar or dock shows its progress, an OS notification says when it finishes, stops or
// pauses for a long flood wait (a click shows that run), and closing the window asks first.
// Electron's pieces are passed in (types only here), so the rules run in unit tests with fakes;
// what is sending and what deserves a notification is decided by the pure runActivity reducer.
import { errorTextKeys } from '../../shared/errors/catalogue';
import type { Translator } from '../../shared/i18n/translate';
import type { InviteProgress, CloseChoice } from '../../shared/ipc/contract';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventSink } from '../ipc/dispatcher';
import type { RunNotice } from '../core/invite/sender';
import { aggregateProgress, createRunActivity, type RunActivity, type RunActivityEvent } from '../core/runActivity';

export interface LongRunWindow {
  setProgressBar(progress: number, options?: { mode: 'none' | 'normal' | 'indeterminate' | 'error' | 'paused' }): void;
  isDestroyed(): boolean;
  isFocused(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  show(): void;
  hide(): void;
  restore(): void;
  focus(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface LongRunNotification {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

export interface LongRunTray<M> {
  setToolTip(text: string): void;
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** The parts of the `electron` module this needs; index.ts passes the real ones. */
export interface LongRunPieces<M> {
  platform: NodeJS.Platform;
  app: {
    dock?: { setBadge(text: string): void };
    quit(): void;
    on(event: 'before-quit' | 'activate' | 'second-instance', listener: () => void): unknown;
  };
  powerSaveBlocker: { start(type: 'prevent-app-suspension'): number; stop(id: number): void };
  Notification: { isSupported(): boolean; new (options: { title: string; body: string }): LongRunNotification };
  Tray: new (image: string) => LongRunTray<M>;
  Menu: { buildFromTemplate(template: Array<{ label: string; click: () => void }>): M };
  /** The tray's icon file (Linux and Windows, where a hidden window goes to the tray). */
  trayIcon: string;
}

export interface LongRunsOptions {
  window: () => LongRunWindow | null;
  /** The contract's event sink: openRun and closeRequested go to the renderer through it. */
  emit: EventSink;
  activity?: RunActivity;
  /** The words, in the organiser's language at the moment they are shown. */
  translator(): Translator;
}

export interface LongRuns {
  /** Which runs send; the update prompt waits on it (activity.isSending(), activity.onChange). */
  activity: RunActivity;
  /** Every event the core sends to the window passes here first: inviteProgress feeds the activity. */
  observeEvent(event: EventChannel, payload: unknown): void;
  /** The core's RunNotice seam (CoreHost.notify). */
  notice(notice: RunNotice): void;
  /** Asks before the window closes while a run sends. */
  watchWindow(window: LongRunWindow): void;
  /** CoreHost.closeAnswered: the runs are dealt with; hide the window, or quit. */
  closeAnswered(choice: CloseChoice): void;
  showWindow(): void;
  dispose(): void;
}

export function installLongRuns<M>(pieces: LongRunPieces<M>, options: LongRunsOptions): LongRuns {
  const activity = options.activity ?? createRunActivity();
  const isMac = pieces.platform === 'darwin';
  let blocker: number | null = null;
  let tray: LongRunTray<M> | null = null;
  let quitting = false;
  let shownProgress = '';
  // A notification dropped by the garbage collector loses its click handler: keep them until used.
  const notifications = new Set<LongRunNotification>();

  const liveWindow = (): LongRunWindow | null => {
    const window = options.window();
    return window && !window.isDestroyed() ? window : null;
  };

  function keepAwake(sending: boolean): void {
    if (sending && blocker === null) blocker = pieces.powerSaveBlocker.start('prevent-app-suspension');
    if (!sending && blocker !== null) {
      pieces.powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  }

  function showProgress(): void {
    const progress = aggregateProgress(activity.state());
    const percent = progress ? Math.floor(progress.fraction * 100) : -1;
    const key = progress ? `${percent}:${progress.paused}` : 'none';
    if (key === shownProgress) return;
    shownProgress = key;
    if (progress) liveWindow()?.setProgressBar(progress.fraction, { mode: progress.paused ? 'paused' : 'normal' });
    else liveWindow()?.setProgressBar(-1);
    if (isMac) pieces.app.dock?.setBadge(progress ? `${percent}%` : '');
    tray?.setToolTip(trayTooltip());
  }

  function trayTooltip(): string {
    const sending = activity.sending();
    // The app's name alone when idle: a name, not a word to translate.
    return sending > 0 ? options.translator().t('main.tray.sending', { count: sending }) : 'Rollcall';
  }

  /** The notification's words; the call's title is a value, never translated. */
  function words(event: RunActivityEvent): { title: string; body: string } {
    const { t } = options.translator();
    switch (event.kind) {
      case 'finished':
        return { title: t('main.notify.finished.title'), body: t('main.notify.finished.body', { call: event.call, invited: event.invited, total: event.total }) };
      case 'stopped':
        return { title: t('main.notify.stopped.title'), body: t('main.notify.stopped.body', { call: event.call, reason: event.code ? t(errorTextKeys(event.code).title) : event.reason }) };
      case 'floodPause':
        return {
          title: t('main.notify.floodPause.title'),
          body: t('main.notify.floodPause.body', { call: event.call, minutes: Math.ceil(event.seconds / 60) }),
        };
      case 'resumed':
        return { title: t('main.notify.resumed.title'), body: t('main.notify.resumed.body', { call: event.call }) };
      case 'plannedStarted':
        return { title: t('main.notify.plannedStarted.title'), body: t('main.notify.plannedStarted.body', { call: event.call, count: event.count }) };
    }
  }

  function notify(event: RunActivityEvent): void {
    const window = liveWindow();
    // Someone looking at the window sees the run already.
    if (window && window.isVisible() && window.isFocused() && !window.isMinimized()) return;
    if (!pieces.Notification.isSupported()) return;
    const notification = new pieces.Notification(words(event));
    notifications.add(notification);
    notification.on('click', () => {
      notifications.delete(notification);
      showWindow();
      options.emit('openRun', { runId: event.runId });
    });
    notification.on('close', () => notifications.delete(notification));
    notification.show();
  }

  function showWindow(): void {
    const window = liveWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    tray?.destroy();
    tray = null;
  }

  function toBackground(): void {
    liveWindow()?.hide();
    // macOS keeps the dock icon: a click on it (activate) shows the window again.
    if (isMac || tray) return;
    tray = new pieces.Tray(pieces.trayIcon);
    const { t } = options.translator();
    tray.setToolTip(trayTooltip());
    tray.setContextMenu(
      pieces.Menu.buildFromTemplate([
        { label: t('main.tray.show'), click: showWindow },
        { label: t('main.tray.quit'), click: quit },
      ]),
    );
    tray.on('click', showWindow);
  }

  function quit(): void {
    quitting = true;
    pieces.app.quit();
  }

  activity.onChange((_, events) => {
    keepAwake(activity.isSending());
    showProgress();
    events.forEach(notify);
  });
  pieces.app.on('before-quit', () => (quitting = true));
  pieces.app.on('activate', showWindow);
  pieces.app.on('second-instance', showWindow);

  return {
    activity,
    observeEvent(event, payload) {
      if (event === 'inviteProgress') activity.observe({ type: 'progress', run: (payload as InviteProgress).run });
    },
    notice: (notice) => void activity.observe({ type: 'notice', notice }),
    watchWindow(window) {
      window.on('close', (event) => {
        if (quitting || !activity.isSending()) return;
        event.preventDefault();
        options.emit('closeRequested', { sending: activity.sending() });
      });
    },
    closeAnswered(choice) {
      if (choice === 'background') toBackground();
      else quit();
    },
    showWindow,
    dispose() {
      keepAwake(false);
      tray?.destroy();
      tray = null;
    },
  };
}
