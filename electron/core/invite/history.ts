// Every run Rollcall knows: the ones on disk (replayed from their journals when the engine
// starts) and the ones it is sending now. The history is also what the planner asks "did we
// invite this person to this call before?".
import { AppError } from '../../../shared/ipc/result';
import type { RunHeader } from '../../../shared/domain/invite';
import { journalPath, listJournals, readJournal } from './journal';
import { replay, type ReplayedRun } from './replay';
import type { Run } from './run';

export class RunHistory {
  private readonly runs = new Map<string, Run>();
  /** What resuming an interrupted run needs beyond its outcomes. */
  private readonly interruptedRuns = new Map<string, ReplayedRun>();

  static async load(dataDir: string, log: (message: string) => void): Promise<RunHistory> {
    const history = new RunHistory();
    for (const runId of await listJournals(dataDir)) {
      try {
        const replayed = replay(await readJournal(journalPath(dataDir, runId)));
        if (!replayed) {
          log(`Run journal ${runId} has no run record; skipped.`);
          continue;
        }
        history.add(replayed.run);
        if (replayed.run.state === 'interrupted') history.interruptedRuns.set(replayed.run.id, replayed);
      } catch (error) {
        log(`Run journal ${runId} could not be read: ${error instanceof Error ? error.message : String(error)}`);
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
