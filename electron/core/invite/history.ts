// Every run Rollcall knows: the ones on disk (replayed from their journals when the engine
// starts) and the ones it is sending now. The history is also what the planner asks "did we
// invite this person to this call before?".
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { RUN_ID_PATTERN, type RunHeader } from '../../../shared/domain/invite';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, fsReason } from '../files';
import { UntrustedJournal, listJournals, readJournal, runsDir, setAside } from './journal';
import { replay, type ReplayedRun } from './replay';
import type { Run } from './run';

export class RunHistory {
  private readonly runs = new Map<string, Run>();
  /** What resuming an interrupted run needs beyond its outcomes. */
  private readonly interruptedRuns = new Map<string, ReplayedRun>();

  /**
   * Replays every journal in runs/. One that can't be trusted (see journal.ts) is set aside;
   * one that can't be read now (an I/O error) stays where it is, unloaded, for the next start.
   */
  static async load(dataDir: string, log: (message: string) => void): Promise<RunHistory> {
    const history = new RunHistory();
    const names = await listJournals(dataDir);
    // An older Rollcall made runs/ and its journals readable by everyone.
    if (names.length > 0) await chmod(runsDir(dataDir), PRIVATE_DIR_MODE).catch(() => {});
    for (const name of names) {
      const runId = name.slice(0, -'.jsonl'.length);
      try {
        if (!RUN_ID_PATTERN.test(runId)) throw new UntrustedJournal('its name is not a run id');
        const path = join(runsDir(dataDir), name);
        const replayed = replay(await readJournal(path, runId));
        if (!replayed) throw new UntrustedJournal('it has no run record');
        await chmod(path, PRIVATE_FILE_MODE).catch(() => {});
        history.add(replayed.run);
        if (replayed.run.state === 'interrupted') history.interruptedRuns.set(replayed.run.id, replayed);
      } catch (error) {
        if (error instanceof UntrustedJournal) await setAside(dataDir, name, error.message, log);
        else log(`Run journal ${JSON.stringify(name.slice(0, 100))} could not be read: ${fsReason(error)}.`);
      }
    }
    return history;
  }

  add(run: Run): void {
    this.runs.set(run.id, run);
  }

  get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('RUN_NOT_FOUND', `There is no run ${runId}.`);
    return run;
  }

  /** Newest first (runs started in the same millisecond: the later added first). */
  list(): RunHeader[] {
    return [...this.runs.values()]
      .reverse()
      .sort((a, b) => b.startedAt - a.startedAt)
      .map((run) => run.header());
  }

  /** A run of this call that is sending now. */
  activeFor(callId: string): Run | undefined {
    return [...this.runs.values()].find((run) => run.call.id === callId && run.isActive);
  }

  /** Every run of this call. */
  ofCall(callId: string): Run[] {
    return [...this.runs.values()].filter((run) => run.call.id === callId);
  }

  /** People any run of this call invited, or found already invited. */
  invitedBefore(callId: string): Set<string> {
    const ids = new Set<string>();
    for (const run of this.runs.values()) {
      if (run.call.id !== callId) continue;
      for (const id of run.idsWith('invited', 'alreadyInvited')) ids.add(id);
    }
    return ids;
  }

  interrupted(): ReplayedRun[] {
    return [...this.interruptedRuns.values()];
  }

  /** Takes the replay state of an interrupted run, once: resuming it consumes it. */
  takeInterrupted(runId: string): ReplayedRun | undefined {
    const replayed = this.interruptedRuns.get(runId);
    this.interruptedRuns.delete(runId);
    return replayed;
  }
}
