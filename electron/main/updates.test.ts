// The updater wiring with a fake autoUpdater and a fake clock: what the policy decides is what
// happens (checks at start and daily, none when off, the prompt held while a run sends, no
// restart without the person's "Restart now").
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RunHeader } from '../../shared/domain/invite';
import { CHECK_INTERVAL_MS } from '../core/updatePolicy';
import { createUpdates, type UpdaterLike, type UpdatesOptions } from './updates';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  logger: UpdaterLike['logger'] = null;
  checks = 0;
  installs: [boolean | undefined, boolean | undefined][] = [];
  next: 'none' | 'downloaded' | 'error' = 'none';
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    this.emit('checking-for-update');
    if (this.next === 'error') {
      this.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
      return Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    }
    if (this.next === 'downloaded') {
      this.emit('update-available', { version: '0.2.0' });
      this.emit('update-downloaded', { version: '0.2.0' });
    } else this.emit('update-not-available');
    return Promise.resolve(null);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function harness(overrides: Partial<UpdatesOptions> = {}) {
  const fake = new FakeUpdater();
  let clock = Date.UTC(2026, 4, 1, 9);
  const timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const prompts: string[] = [];
  const logs: string[] = [];
  const updates = createUpdates({
    packaged: true,
    updater: () => fake as unknown as UpdaterLike,
    showPrompt: ({ version }) => prompts.push(version),
    log: (message) => logs.push(message),
    now: () => clock,
    setTimer: (run, ms) => {
      timers.push({ at: clock + ms, run, id: ++nextId });
      return nextId;
    },
    clearTimer: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
    ...overrides,
  });
  const advance = async (ms: number) => {
    clock += ms;
    for (const due of timers.filter((t) => t.at <= clock)) {
      timers.splice(timers.indexOf(due), 1);
      due.run();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { fake, updates, prompts, logs, timers, advance };
}

const run = (state: RunHeader['state']) => ({ run: { id: 'run-1', state } as RunHeader, changed: [] });

describe('updates (electron-updater wiring)', () => {
  it('item 7: checks at start and again a day later; downloads by itself, never installs on quit', async () => {
    const { fake, updates, advance } = harness();
    updates.start(true);
    await advance(0);
    expect(fake.checks).toBe(1);
    expect(fake.autoDownload).toBe(true);
    expect(fake.autoInstallOnAppQuit).toBe(false);
    await advance(CHECK_INTERVAL_MS - 1000);
    expect(fake.checks).toBe(1);
    await advance(1000);
    expect(fake.checks).toBe(2);
  });

  it('item 7: never checks when the switch is off, and starts when it is turned on', async () => {
    const { fake, updates, timers, advance } = harness();
    updates.start(false);
    await advance(3 * CHECK_INTERVAL_MS);
    expect(fake.checks).toBe(0);
    expect(timers).toEqual([]);
    updates.checksChanged(true);
    await advance(0);
    expect(fake.checks).toBe(1);
    updates.checksChanged(false);
    expect(timers).toEqual([]);
    await advance(2 * CHECK_INTERVAL_MS);
    expect(fake.checks).toBe(1);
  });

  it('item 7: never loads the updater in a dev build', async () => {
    let loaded = false;
    const { updates, advance } = harness({ packaged: false, updater: () => ((loaded = true), new FakeUpdater() as unknown as UpdaterLike) });
    updates.start(true);
    await advance(2 * CHECK_INTERVAL_MS);
    expect(loaded).toBe(false);
  });

  it('item 7: a failed check is logged and tried again the next day', async () => {
    const { fake, updates, logs, advance } = harness();
    fake.next = 'error';
    updates.start(true);
    await advance(0);
    expect(fake.checks).toBe(1);
    expect(logs.some((l) => /failed; trying again in a day/.test(l))).toBe(true);
    await advance(CHECK_INTERVAL_MS / 2);
    expect(fake.checks).toBe(1);
    fake.next = 'none';
    await advance(CHECK_INTERVAL_MS / 2);
    expect(fake.checks).toBe(2);
  });

  it('item 7: the prompt waits while a run sends (inviteProgress) and appears when it ends', async () => {
    const { fake, updates, prompts, advance } = harness();
    updates.observe('inviteProgress', run('running'));
    fake.next = 'downloaded';
    updates.start(true);
    await advance(0);
    expect(prompts).toEqual([]);
    updates.observe('inviteProgress', run('floodWait'));
    expect(prompts).toEqual([]);
    updates.observe('inviteProgress', run('done'));
    expect(prompts).toEqual(['0.2.0']);
    updates.observe('inviteProgress', run('done'));
    expect(prompts).toEqual(['0.2.0']);
  });

  it('item 7: an injected isRunSending (the long-run signal) holds the prompt the same way', async () => {
    let sending = true;
    const { fake, updates, prompts, advance } = harness({ isRunSending: () => sending });
    fake.next = 'downloaded';
    updates.start(true);
    await advance(0);
    expect(prompts).toEqual([]);
    sending = false;
    updates.runActivityChanged();
    expect(prompts).toEqual(['0.2.0']);
  });

  it("item 7: restarts only on the person's yes, and not while a run sends", async () => {
    const { fake, updates, prompts, advance } = harness();
    expect(await updates.restart()).toBe(false);
    fake.next = 'downloaded';
    updates.start(true);
    await advance(0);
    expect(prompts).toEqual(['0.2.0']);
    await advance(10 * CHECK_INTERVAL_MS);
    expect(fake.installs).toEqual([]);

    updates.observe('inviteProgress', run('running'));
    expect(await updates.restart()).toBe(false);
    expect(fake.installs).toEqual([]);
    updates.observe('inviteProgress', run('cancelled'));
    expect(prompts).toEqual(['0.2.0', '0.2.0']);
    expect(await updates.restart()).toBe(true);
    expect(fake.installs).toEqual([[false, true]]);
  });
});
