// Rebuilds a run from its journal. A run whose journal has no end record was interrupted (a
// crash, a quit): it comes back as `interrupted`, with the people whose request was sent but
// never answered marked, so that resuming sends them again knowing the first try may have
// reached Telegram.
import type { JournalRecord } from './journal';
import { Run, isFinal } from './run';

export interface ReplayedRun {
  run: Run;
  batchSize: number;
  /** People whose last request was sent but whose answer never reached the journal. */
  unanswered: Set<string>;
  /** The next request number (request numbers only ever grow within a run). */
  nextRequest: number;
  /** A flood wait that had not ended when the journal stopped. */
  floodUntil: number | null;
}

export function replay(records: readonly JournalRecord[]): ReplayedRun | null {
  const first = records[0];
  if (!first || first.t !== 'run') return null;
  const run = new Run({ id: first.id, call: first.call, selfId: first.selfId, startedAt: first.startedAt, state: 'running', people: first.people });
  const requests = new Map<number, string[]>();
  const unanswered = new Set<string>();
  let nextRequest = 1;
  let floodUntil: number | null = null;
  for (const record of records.slice(1)) {
    switch (record.t) {
      case 'run':
        break;
      case 'send':
        requests.set(record.req, record.ids);
        nextRequest = Math.max(nextRequest, record.req + 1);
        for (const id of record.ids) {
          const person = run.person(id);
          if (person) run.update(id, { status: 'sending', attempts: person.attempts + 1 }, record.at);
          unanswered.add(id);
        }
        break;
      case 'reply': {
        run.batches.done += 1;
        record.outcomes.forEach((o) => run.restore(o));
        // People of a split request have no outcome yet: they wait to be sent again.
        for (const id of requests.get(record.req) ?? []) {
          unanswered.delete(id);
          const person = run.person(id);
          if (person && !isFinal(person.status)) run.update(id, { status: 'queued' }, record.at);
        }
        break;
      }
      case 'outcomes':
        record.outcomes.forEach((o) => {
          run.restore(o);
          unanswered.delete(o.personId);
        });
        break;
      case 'attendance':
        for (const person of record.people) run.attend(person.id, person.joinedAt, person.leftAt);
        break;
      case 'flood':
        run.state = 'floodWait';
        run.floodWait = { until: record.until, seconds: record.seconds };
        run.floodAsked(record.at, record.until);
        floodUntil = record.until;
        break;
      case 'resume':
        run.state = 'running';
        run.floodWait = null;
        floodUntil = null;
        break;
      case 'end':
        run.state = record.state;
        run.stopReason = record.stopReason;
        run.finishedAt = record.at;
        run.floodWait = null;
        floodUntil = null;
        break;
    }
  }
  if (run.isActive) {
    run.state = 'interrupted';
    run.floodWait = null;
  }
  const waiting = run.ids().filter((id) => !isFinal(run.person(id)!.status)).length;
  run.batches.total = run.batches.done + Math.ceil(waiting / first.batchSize);
  return { run, batchSize: first.batchSize, unanswered, nextRequest, floodUntil };
}
