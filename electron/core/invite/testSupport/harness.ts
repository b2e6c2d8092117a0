// An engine over a temporary data folder, recording every inviteProgress event it emits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InviteProgress } from '../../../../shared/ipc/contract';
import type { EventSink } from '../../../ipc/dispatcher';
import { createInviteEngine, type InviteEngine, type InviteEngineOptions } from '../engine';
import type { InviteGateway } from '../ports';
import { afterEach } from 'vitest';

export interface EngineHarness {
  engine: InviteEngine;
  events: InviteProgress[];
  dataDir: string;
  /** A second engine over the same data folder (a restart). */
  restart(gateway: InviteGateway, extra?: Partial<InviteEngineOptions>): EngineHarness;
  cleanup(): void;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'rollcall-invite-'));
}

export function engineFor(gateway: InviteGateway, extra: Partial<InviteEngineOptions> = {}, dataDir = tempDataDir()): EngineHarness {
  const events: InviteProgress[] = [];
  const emit: EventSink = (event, payload) => {
    if (event === 'inviteProgress') events.push(structuredClone(payload as InviteProgress));
  };
  const engine = createInviteEngine({ gateway: () => gateway, dataDir, emit, log: () => {}, ...extra });
  return {
    engine,
    events,
    dataDir,
    restart: (next, more = {}) => engineFor(next, { ...extra, ...more }, dataDir),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * A clock whose sleeps move virtual time forward by what was asked, while taking only
 * `realMs` of real time each (enough for a throttled event to go out per sleep).
 */
export function virtualClock(realMs = 0, start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    /** Moves virtual time on by itself (an answer that took this long). */
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) throw new Error('aborted');
      await new Promise((r) => setTimeout(r, realMs));
      t += ms;
    },
  };
}

/** `engineFor`, with every engine it made disposed and its folder removed after each test. */
export function trackedEngines(): (...args: Parameters<typeof engineFor>) => EngineHarness {
  const harnesses: EngineHarness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) {
      await h.engine.dispose();
      h.cleanup();
    }
  });
  return (...args) => {
    const h = engineFor(...args);
    harnesses.push(h);
    return h;
  };
}
