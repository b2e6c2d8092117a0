import { describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS, decideCheck, decidePrompt, mayRestart, type UpdateFacts } from './updatePolicy';

const NOW = Date.UTC(2026, 4, 1, 9, 0, 0);
const HOUR = 60 * 60 * 1000;

function facts(overrides: Partial<UpdateFacts> = {}): UpdateFacts {
  return {
    checksEnabled: true,
    packaged: true,
    lastCheckAt: null,
    now: NOW,
    runSending: false,
    updater: { kind: 'idle' },
    promptedVersion: null,
    ...overrides,
  };
}

describe('update policy', () => {
  it('item 7: checks at start, then once a day', () => {
    expect(decideCheck(facts())).toEqual({ action: 'checkNow' });
    expect(decideCheck(facts({ lastCheckAt: NOW - HOUR }))).toEqual({ action: 'scheduleCheck', at: NOW - HOUR + CHECK_INTERVAL_MS });
    expect(decideCheck(facts({ lastCheckAt: NOW - CHECK_INTERVAL_MS }))).toEqual({ action: 'checkNow' });
    expect(decideCheck(facts({ lastCheckAt: NOW - 3 * CHECK_INTERVAL_MS }))).toEqual({ action: 'checkNow' });
  });

  it('item 7: never checks when "Check for updates" is off', () => {
    expect(decideCheck(facts({ checksEnabled: false }))).toEqual({ action: 'nothing' });
    expect(decideCheck(facts({ checksEnabled: false, lastCheckAt: NOW - 10 * CHECK_INTERVAL_MS }))).toEqual({ action: 'nothing' });
  });

  it('item 7: never checks or prompts in a dev build', () => {
    expect(decideCheck(facts({ packaged: false }))).toEqual({ action: 'nothing' });
    expect(decidePrompt(facts({ packaged: false, updater: { kind: 'downloaded', version: '0.2.0' } }))).toEqual({ action: 'nothing' });
    expect(mayRestart({ packaged: false, runSending: false, updater: { kind: 'downloaded', version: '0.2.0' } }, true)).toBe(false);
  });

  it('item 7: no second check while one runs or an update is already found or downloaded', () => {
    for (const updater of [{ kind: 'checking' }, { kind: 'available', version: '0.2.0' }, { kind: 'downloaded', version: '0.2.0' }] as const) {
      expect(decideCheck(facts({ updater, lastCheckAt: NOW - 2 * CHECK_INTERVAL_MS }))).toEqual({ action: 'nothing' });
    }
  });

  it('item 7: a failed check is retried the next day, not at once', () => {
    const failed = facts({ updater: { kind: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' }, lastCheckAt: NOW - 1000 });
    expect(decideCheck(failed)).toEqual({ action: 'scheduleCheck', at: NOW - 1000 + CHECK_INTERVAL_MS });
    expect(decideCheck({ ...failed, now: NOW - 1000 + CHECK_INTERVAL_MS })).toEqual({ action: 'checkNow' });
  });

  it('item 7: the "ready: restart" prompt is held while a run sends and shown when it ends', () => {
    const downloaded = facts({ updater: { kind: 'downloaded', version: '0.2.0' } });
    expect(decidePrompt({ ...downloaded, runSending: true })).toEqual({ action: 'holdPrompt', version: '0.2.0' });
    expect(decidePrompt({ ...downloaded, runSending: false })).toEqual({ action: 'showPrompt', version: '0.2.0' });
  });

  it('item 7: no prompt before the update is downloaded, and one prompt per version', () => {
    for (const updater of [{ kind: 'idle' }, { kind: 'checking' }, { kind: 'available', version: '0.2.0' }, { kind: 'error', message: 'x' }] as const) {
      expect(decidePrompt(facts({ updater }))).toEqual({ action: 'nothing' });
    }
    const downloaded = facts({ updater: { kind: 'downloaded', version: '0.2.0' }, promptedVersion: '0.2.0' });
    expect(decidePrompt(downloaded)).toEqual({ action: 'nothing' });
    expect(decidePrompt({ ...downloaded, updater: { kind: 'downloaded', version: '0.3.0' } })).toEqual({ action: 'showPrompt', version: '0.3.0' });
  });

  it("item 7: never restarts without the person's yes, nor while a run sends", () => {
    const ready = { packaged: true, runSending: false, updater: { kind: 'downloaded', version: '0.2.0' } } as const;
    expect(mayRestart(ready, false)).toBe(false);
    expect(mayRestart(ready, true)).toBe(true);
    expect(mayRestart({ ...ready, runSending: true }, true)).toBe(false);
    expect(mayRestart({ ...ready, updater: { kind: 'available', version: '0.2.0' } }, true)).toBe(false);
  });
});
