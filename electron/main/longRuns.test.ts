// The long-run behaviours of the desktop shell against a typed stand-in for Electron's pieces.
import { describe, expect, it } from 'vitest';
import type { RunHeader, RunState } from '../../shared/domain/invite';
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventSink } from '../ipc/dispatcher';
import type { UiLocale } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';
import { englishError } from '../../shared/i18n/english';
import { installLongRuns, type LongRunNotification, type LongRunPieces, type LongRunTray, type LongRunWindow } from './longRuns';

function header(id: string, state: RunState, queued: number, invited: number, stopReason: RunHeader['stopReason'] = null): RunHeader {
  return {
    id,
    call: { id: '1', title: 'Rust Meetup Berlin', chatId: '2', chatTitle: 'Rustaceans', chatKind: 'supergroup' },
    startedAt: 0,
    finishedAt: null,
    state,
    floodWait: null,
    stopReason,
    batches: { done: 0, total: 1 },
    counts: { queued, sending: 0, invited, alreadyInvited: 0, notMember: 0, unconfirmed: 0, notSent: 0, failed: 0, skipped: 0 },
    total: queued + invited,
  };
}

class FakeWindow implements LongRunWindow {
  progress: Array<[number, string | undefined]> = [];
  visible = true;
  focused = true;
  minimized = false;
  destroyed = false;
  calls: string[] = [];
  closeListeners: Array<(event: { preventDefault(): void }) => void> = [];
  setProgressBar(progress: number, options?: { mode: string }) {
    this.progress.push([progress, options?.mode]);
  }
  isDestroyed = () => this.destroyed;
  isFocused = () => this.focused;
  isVisible = () => this.visible;
  isMinimized = () => this.minimized;
  show = () => {
    this.calls.push('show');
    this.visible = true;
  };
  hide = () => {
    this.calls.push('hide');
    this.visible = false;
  };
  restore = () => {
    this.calls.push('restore');
    this.minimized = false;
  };
  focus = () => {
    this.calls.push('focus');
    this.focused = true;
  };
  on(_event: 'close', listener: (event: { preventDefault(): void }) => void) {
    this.closeListeners.push(listener);
  }
  /** Tries to close; true when the close went ahead. */
  tryClose(): boolean {
    let prevented = false;
    for (const listener of this.closeListeners) listener({ preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

function setup(platform: NodeJS.Platform = 'linux', supported = true) {
  const window = new FakeWindow();
  const blocker = { started: [] as string[], stopped: [] as number[], next: 7 };
  const badges: string[] = [];
  const shown: Array<{ title: string; body: string; click: () => void }> = [];
  const trays: FakeTray[] = [];
  const appListeners = new Map<string, Array<() => void>>();
  let quits = 0;
  class FakeNotification implements LongRunNotification {
    private click: () => void = () => {};
    constructor(readonly options: { title: string; body: string }) {}
    static isSupported = () => supported;
    on(event: 'click' | 'close', listener: () => void) {
      if (event === 'click') this.click = listener;
    }
    show() {
      shown.push({ ...this.options, click: this.click });
    }
  }
  class FakeTray implements LongRunTray<string[]> {
    tooltip = '';
    menu: string[] = [];
    destroyed = false;
    clicks: Array<() => void> = [];
    constructor(readonly icon: string) {
      trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: string[]) {
      this.menu = menu;
    }
    on(_event: 'click', listener: () => void) {
      this.clicks.push(listener);
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const menuItems: Array<{ label: string; click: () => void }> = [];
  const pieces: LongRunPieces<string[]> = {
    platform,
    app: {
      ...(platform === 'darwin' ? { dock: { setBadge: (text: string) => badges.push(text) } } : {}),
      quit: () => {
        quits += 1;
        for (const listener of appListeners.get('before-quit') ?? []) listener();
      },
      on: (event, listener) => appListeners.set(event, [...(appListeners.get(event) ?? []), listener]),
    },
    powerSaveBlocker: {
      start: (type) => {
        blocker.started.push(type);
        return blocker.next;
      },
      stop: (id) => blocker.stopped.push(id),
    },
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: (template) => {
        menuItems.push(...template);
        return template.map((item) => item.label);
      },
    },
    trayIcon: '/icons/tray.png',
  };
  const events: Array<[EventChannel, unknown]> = [];
  const emit: EventSink = (event, payload) => events.push([event, payload]);
  const language: { locale: UiLocale } = { locale: 'en' };
  const longRuns = installLongRuns(pieces, { window: () => window, emit, translator: () => createTranslator(language.locale) });
  longRuns.watchWindow(window);
  const progress = (run: RunHeader) => longRuns.observeEvent('inviteProgress', { run, changed: [] });
  return { window, blocker, badges, shown, trays, events, longRuns, progress, menuItems, quits: () => quits, app: appListeners, language };
}

describe('long runs in the desktop shell', () => {
  it('item 4: the system is kept awake (prevent-app-suspension) while a run sends, and released after', () => {
    const { blocker, progress } = setup();
    progress(header('run-a', 'running', 10, 0));
    progress(header('run-a', 'running', 5, 5));
    expect(blocker.started).toEqual(['prevent-app-suspension']);
    expect(blocker.stopped).toEqual([]);
    progress(header('run-a', 'floodWait', 5, 5));
    expect(blocker.stopped).toEqual([]);
    progress(header('run-a', 'done', 0, 10));
    expect(blocker.stopped).toEqual([7]);
  });

  it('item 4: the taskbar shows the progress, paused during a flood wait, and clears at the end', () => {
    const { window, progress, badges } = setup();
    progress(header('run-a', 'running', 10, 0));
    progress(header('run-a', 'running', 5, 5));
    progress(header('run-a', 'running', 5, 5));
    progress(header('run-a', 'floodWait', 5, 5));
    progress(header('run-a', 'done', 0, 10));
    expect(window.progress).toEqual([
      [0, 'normal'],
      [0.5, 'normal'],
      [0.5, 'paused'],
      [-1, undefined],
    ]);
    expect(badges).toEqual([]);
  });

  it('item 4: on macOS the dock badge shows the percentage, and is cleared after', () => {
    const { progress, badges } = setup('darwin');
    progress(header('run-a', 'running', 3, 1));
    progress(header('run-a', 'done', 0, 4));
    expect(badges).toEqual(['25%', '']);
  });

  it('item 4: a run that finishes while the window is in the background notifies; a click shows the window and opens the run', () => {
    const { window, progress, shown, events } = setup();
    progress(header('run-a', 'running', 10, 0));
    window.focused = false;
    progress(header('run-a', 'done', 0, 10));
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Invites sent', body: 'The run to Rust Meetup Berlin finished: 10 of 10 people invited.' },
    ]);
    window.visible = false;
    shown[0].click();
    expect(window.calls).toEqual(['show', 'focus']);
    expect(events).toEqual([['openRun', { runId: 'run-a' }]]);
  });

  it('item 4: a stopped run and a long flood wait notify with their reason (the catalogue’s, in the organiser’s language); nothing while the organiser looks at the window', () => {
    const { window, progress, shown, longRuns } = setup();
    progress(header('run-a', 'running', 10, 0));
    progress(header('run-a', 'done', 0, 10));
    expect(shown).toEqual([]);
    window.minimized = true;
    progress(header('run-b', 'running', 10, 0));
    longRuns.notice({ kind: 'floodQuestion', runId: 'run-b', until: 0, seconds: 3600 });
    progress(header('run-b', 'stopped', 0, 0, { code: 'GROUPCALL_INVALID', message: 'The call has ended.' }));
    expect(shown.map((n) => n.body)).toEqual([
      'The run to Rust Meetup Berlin is paused: Telegram asks Rollcall to wait 60 minutes. Open the run to wait or stop.',
      `The run to Rust Meetup Berlin stopped: ${englishError('GROUPCALL_INVALID').title}`,
    ]);
    shown[0].click();
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('item 4: no notification where the OS has none', () => {
    const { window, progress, shown } = setup('linux', false);
    window.focused = false;
    progress(header('run-a', 'done', 0, 1));
    expect(shown).toEqual([]);
  });

  it('item 4: closing the window with nothing sending closes it; mid-run it is prevented and the renderer asks', () => {
    const { window, progress, events } = setup();
    expect(window.tryClose()).toBe(true);
    progress(header('run-a', 'running', 10, 0));
    expect(window.tryClose()).toBe(false);
    expect(events).toEqual([['closeRequested', { sending: 1 }]]);
    progress(header('run-a', 'done', 0, 10));
    expect(window.tryClose()).toBe(true);
  });

  it('item 4: "keep running in the background" hides the window to a tray (Linux, Windows) that shows it again', () => {
    const { window, progress, longRuns, trays, blocker } = setup('win32');
    progress(header('run-a', 'running', 10, 0));
    longRuns.closeAnswered('background');
    expect(window.calls).toEqual(['hide']);
    expect(trays).toHaveLength(1);
    expect(trays[0].icon).toBe('/icons/tray.png');
    expect(trays[0].tooltip).toBe('Rollcall — 1 run sending');
    expect(trays[0].menu).toEqual(['Show Rollcall', 'Quit (runs resume next time)']);
    expect(blocker.stopped).toEqual([]);
    trays[0].clicks[0]();
    expect(window.calls).toEqual(['hide', 'show', 'focus']);
    expect(trays[0].destroyed).toBe(true);
  });

  it('item 4: on macOS the background is the dock: no tray, and activating the app shows the window', () => {
    const { window, progress, longRuns, trays, app } = setup('darwin');
    progress(header('run-a', 'running', 10, 0));
    longRuns.closeAnswered('background');
    expect(trays).toEqual([]);
    for (const listener of app.get('activate') ?? []) listener();
    expect(window.calls).toEqual(['hide', 'show', 'focus']);
  });

  it('item 4: "stop" and "quit" quit the app once the core has dealt with the runs; the close is not asked again', () => {
    for (const choice of ['stop', 'quit'] as const) {
      const { window, progress, longRuns, quits, events } = setup();
      progress(header('run-a', 'running', 10, 0));
      longRuns.closeAnswered(choice);
      expect(quits()).toBe(1);
      expect(window.tryClose()).toBe(true);
      expect(events).toEqual([]);
    }
  });

  it('item 4: the tray\'s Quit quits without asking (runs stay resumable), and dispose releases the blocker', () => {
    const { progress, longRuns, menuItems, quits, window, blocker } = setup('linux');
    progress(header('run-a', 'running', 10, 0));
    longRuns.closeAnswered('background');
    menuItems.find((item) => item.label.startsWith('Quit'))!.click();
    expect(quits()).toBe(1);
    expect(window.tryClose()).toBe(true);
    longRuns.dispose();
    expect(blocker.stopped).toEqual([7]);
  });

  it('item 4: a window already destroyed is left alone', () => {
    const { window, progress } = setup();
    window.destroyed = true;
    progress(header('run-a', 'running', 10, 0));
    expect(window.progress).toEqual([]);
  });

  it('item 1: notifications and the tray speak the organiser\'s language of the moment; the call\'s title stays as it is', () => {
    const { window, progress, shown, longRuns, trays, language } = setup('win32');
    window.focused = false;
    language.locale = 'en-XA';
    progress(header('run-a', 'running', 1, 0));
    progress(header('run-a', 'done', 0, 1));
    const pseudo = createTranslator('en-XA');
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: pseudo.t('main.notify.finished.title'), body: pseudo.t('main.notify.finished.body', { call: 'Rust Meetup Berlin', invited: 1, total: 1 }) },
    ]);
    expect(shown[0]!.title).not.toBe('Invites sent');
    expect(shown[0]!.body).toContain('Rust Meetup Berlin');

    language.locale = 'ru';
    const ru = createTranslator('ru');
    progress(header('run-b', 'running', 3, 0));
    longRuns.closeAnswered('background');
    expect(trays[0]!.tooltip).toBe(ru.t('main.tray.sending', { count: 1 }));
    expect(trays[0]!.menu).toEqual([ru.t('main.tray.show'), ru.t('main.tray.quit')]);
    language.locale = 'en';
    progress(header('run-b', 'running', 2, 1));
    progress(header('run-b', 'floodWait', 2, 1));
    expect(trays[0]!.tooltip).toBe('Rollcall — 1 run sending');
  });

  it('item 1: a one-minute pause and a single person read in the singular', () => {
    const { window, progress, shown, longRuns } = setup();
    window.focused = false;
    progress(header('run-a', 'running', 1, 0));
    longRuns.notice({ kind: 'floodQuestion', runId: 'run-a', until: 0, seconds: 45 });
    progress(header('run-a', 'done', 0, 1));
    expect(shown.map((n) => n.body)).toEqual([
      'The run to Rust Meetup Berlin is paused: Telegram asks Rollcall to wait 1 minute. Open the run to wait or stop.',
      'The run to Rust Meetup Berlin finished: 1 of 1 person invited.',
    ]);
  });
});
