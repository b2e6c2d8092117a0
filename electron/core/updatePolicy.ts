// When Rollcall looks for an update and when it offers to restart into one. Pure: no Electron, no
// clock, no timers; electron/main/updates.ts feeds it facts and carries out what it returns.
//
// Rules (README "Updates"):
//  - Checks only in a packaged build with "Check for updates" on: once at start, then a day after
//    the last attempt. A failed check is logged and tried again a day later, not in a loop.
//  - A downloaded update is offered as "ready: restart", never while a run is sending: the offer
//    waits for the run to end. Only the person's yes restarts the app; nothing here ever does.

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type UpdaterState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string };

export interface UpdateFacts {
  /** The Settings switch "Check for updates". */
  checksEnabled: boolean;
  /** A dev build (npm start) has no update feed and must never replace itself. */
  packaged: boolean;
  /** When the last check started (epoch ms), or null when none has this launch. */
  lastCheckAt: number | null;
  now: number;
  /** Whether an invite run is sending right now. */
  runSending: boolean;
  updater: UpdaterState;
  /** The version whose "ready: restart" prompt the person already saw (or dismissed with Later). */
  promptedVersion: string | null;
}

export type UpdateDecision =
  | { action: 'checkNow' }
  | { action: 'scheduleCheck'; at: number }
  | { action: 'showPrompt'; version: string }
  | { action: 'holdPrompt'; version: string }
  | { action: 'nothing' };

/** Whether to check for an update now, and if not, when next. */
export function decideCheck(facts: UpdateFacts): UpdateDecision {
  if (!facts.packaged || !facts.checksEnabled) return { action: 'nothing' };
  const { kind } = facts.updater;
  // Already busy, or an update is waiting: another check would only repeat it.
  if (kind === 'checking' || kind === 'available' || kind === 'downloaded') return { action: 'nothing' };
  if (facts.lastCheckAt === null) return { action: 'checkNow' };
  const due = facts.lastCheckAt + CHECK_INTERVAL_MS;
  return facts.now >= due ? { action: 'checkNow' } : { action: 'scheduleCheck', at: due };
}

/** Whether to show the "Version X is ready: restart" prompt now, hold it, or do nothing. */
export function decidePrompt(facts: UpdateFacts): UpdateDecision {
  if (!facts.packaged || facts.updater.kind !== 'downloaded') return { action: 'nothing' };
  const { version } = facts.updater;
  if (facts.promptedVersion === version) return { action: 'nothing' };
  return facts.runSending ? { action: 'holdPrompt', version } : { action: 'showPrompt', version };
}

/**
 * Whether a restart may happen now. Only ever asked after the person pressed "Restart now"; a run
 * that started sending since the prompt appeared still wins (the prompt comes back when it ends).
 */
export function mayRestart(facts: Pick<UpdateFacts, 'packaged' | 'runSending' | 'updater'>, personSaidYes: boolean): boolean {
  return personSaidYes && facts.packaged && !facts.runSending && facts.updater.kind === 'downloaded';
}
