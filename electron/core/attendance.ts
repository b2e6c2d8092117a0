// Attendance: while the app is open, the calls of the runs started in it are followed, and every
// person of every run of such a call is marked joined (when), left (when) or not yet. Never
// imports Electron or GramJS: Telegram comes in through an AttendanceSource.
//
// Telegram pushes each change of a call's participants with the call's version after it. GramJS
// hands pushes to handlers out of order, so a change is applied only if its version is newer than
// what is known about that person. Versions that never arrive (a dropped push) leave a gap; a gap
// still open after `gapWaitMs` is caught up by reading the participants list once (paged), at most
// once per `catchUpIntervalMs` per call: the list is read when the call is first followed and on
// such gaps, never per change.
import type { InviteProgress } from '../../shared/ipc/contract';
import type { PersonOutcome } from '../../shared/domain/invite';
import type { AttendanceEntry } from './invite/engine';
import type { Run } from './invite/run';

export interface ParticipantChange {
  userId: string;
  /** false: they left. */
  present: boolean;
  /** When they joined (Telegram's participant date), epoch ms. */
  joinedAt: number;
}

export interface ParticipantsPush {
  callId: string;
  /** The call's version after these changes. */
  version: number;
  changes: ParticipantChange[];
}

export interface ParticipantsSnapshot {
  version: number;
  /** Everyone in the call as a person: id → when they joined (epoch ms). */
  present: Map<string, number>;
  /** phone.getGroupParticipants requests it took. */
  requests: number;
}

export interface AttendanceSource {
  onPush(listener: (push: ParticipantsPush) => void): () => void;
  snapshot(callId: string): Promise<ParticipantsSnapshot>;
}

export interface AttendanceOptions {
  /** The signed-in session's source; throws when there is none. */
  source: () => AttendanceSource;
  runsOfCall: (callId: string) => Promise<Run[]>;
  journal: (runId: string, people: AttendanceEntry[]) => Promise<void>;
  emit: (progress: InviteProgress) => void;
  now?: () => number;
  /** How long a version gap may stay open before the list is read (pushes arrive out of order). */
  gapWaitMs?: number;
  /** The least time between two reads of one call's list. */
  catchUpIntervalMs?: number;
  /** Changes are emitted and journalled together, at most once per this many ms per run. */
  flushMs?: number;
  log?: (message: string) => void;
}

interface Known {
  present: boolean;
  joinedAt: number;
  /** The version this state comes from. */
  version: number;
}

class CallFollow {
  private readonly people = new Map<string, Known>();
  /** Versions up to here are all applied (or covered by a read of the list). */
  private base = -1;
  /** The version of the last read of the list. */
  private readVersion = -1;
  /** Versions above base that arrived. */
  private readonly seen = new Set<number>();
  /** Pushes that arrive before the first read of the list. */
  private buffered: ParticipantsPush[] | null = [];
  private gapTimer: NodeJS.Timeout | null = null;
  private reading = false;
  private lastRead = Number.NEGATIVE_INFINITY;
  private stopped = false;
  readonly unsubscribe: () => void;

  constructor(
    readonly callId: string,
    private readonly source: AttendanceSource,
    private readonly owner: Attendance,
  ) {
    this.unsubscribe = source.onPush((push) => {
      if (push.callId === this.callId && !this.stopped) this.receive(push);
    });
    void this.read();
  }

  stop(): void {
    this.stopped = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.unsubscribe();
  }

  private receive(push: ParticipantsPush): void {
    if (this.buffered) {
      this.buffered.push(push);
      return;
    }
    this.apply(push);
    if (push.version > this.base) this.seen.add(push.version);
    this.advance();
  }

  private apply(push: ParticipantsPush): void {
    for (const change of push.changes) {
      const known = this.people.get(change.userId);
      if (known && known.version >= push.version) continue;
      if (!known && push.version <= this.readVersion) {
        // Older than the list read last, which did not have them: they came, and had left by then.
        this.people.set(change.userId, { present: false, joinedAt: change.joinedAt, version: this.readVersion });
        this.owner.left(this.callId, change.userId, change.joinedAt);
        continue;
      }
      this.people.set(change.userId, { present: change.present, joinedAt: change.joinedAt, version: push.version });
      if (change.present && !known?.present) this.owner.joined(this.callId, change.userId, change.joinedAt);
      // A leave of someone never seen joining still says when they joined.
      if (!change.present && known?.present !== false) this.owner.left(this.callId, change.userId, change.joinedAt);
    }
  }

  /** Moves base over the versions that arrived; a gap left open is caught up after a while. */
  private advance(): void {
    for (const v of [...this.seen]) if (v <= this.base) this.seen.delete(v);
    while (this.seen.delete(this.base + 1)) this.base += 1;
    if (this.seen.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer || this.reading) return;
    const wait = Math.max(this.owner.gapWaitMs, this.lastRead + this.owner.catchUpIntervalMs - this.owner.now());
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.seen.size > 0) void this.read();
    }, wait);
  }

  /** Reads the list and reconciles: who is in joined, who was in and is not has left. */
  private async read(): Promise<void> {
    if (this.reading || this.stopped) return;
    this.reading = true;
    this.lastRead = this.owner.now();
    try {
      const snapshot = await this.source.snapshot(this.callId);
      this.owner.countRead(snapshot.requests);
      if (this.stopped) return;
      for (const [userId, joinedAt] of snapshot.present) {
        const known = this.people.get(userId);
        if (known && known.version >= snapshot.version) continue;
        this.people.set(userId, { present: true, joinedAt, version: snapshot.version });
        if (!known?.present) this.owner.joined(this.callId, userId, joinedAt);
      }
      for (const [userId, known] of this.people) {
        if (!known.present || known.version >= snapshot.version || snapshot.present.has(userId)) continue;
        this.people.set(userId, { ...known, present: false, version: snapshot.version });
        this.owner.left(this.callId, userId, known.joinedAt);
      }
      this.base = Math.max(this.base, snapshot.version);
      this.readVersion = Math.max(this.readVersion, snapshot.version);
      const buffered = this.buffered ?? [];
      this.buffered = null;
      for (const push of buffered) {
        this.apply(push);
        if (push.version > this.base) this.seen.add(push.version);
      }
    } catch (error) {
      // The call ended, the session is gone, or Telegram refused: stop following rather than ask again.
      this.owner.log(`Attendance of call ${this.callId} is no longer followed: ${(error as Error).message}`);
      this.owner.giveUp(this.callId);
      return;
    } finally {
      this.reading = false;
    }
    this.advance();
  }
}

export class Attendance {
  private readonly follows = new Map<string, CallFollow>();
  /** runId → people whose attendance changed since the last flush. */
  private readonly pending = new Map<string, { run: Run; people: Map<string, PersonOutcome> }>();
  private flushTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Runs of each followed call, refreshed when a run starts. */
  private readonly runs = new Map<string, Run[]>();
  private reads = 0;
  private readonly givenUp = new Set<string>();
  /** The session the calls are followed through. */
  private source: AttendanceSource | null = null;
  readonly now: () => number;
  readonly gapWaitMs: number;
  readonly catchUpIntervalMs: number;
  readonly log: (message: string) => void;

  constructor(private readonly options: AttendanceOptions) {
    this.now = options.now ?? Date.now;
    this.gapWaitMs = options.gapWaitMs ?? 1000;
    this.catchUpIntervalMs = options.catchUpIntervalMs ?? 5000;
    this.log = options.log ?? (() => {});
  }

  /**
   * Follows the call (once; a call that could not be followed is not tried again) and marks every
   * run of it, this one included, from now on.
   */
  async follow(callId: string): Promise<void> {
    let source: AttendanceSource;
    try {
      source = this.options.source();
    } catch {
      return; // Signed out: nothing to follow with.
    }
    if (source !== this.source) {
      // Another session (signed out and in again): what was followed through the old one is gone.
      for (const id of [...this.follows.keys()]) this.unfollow(id);
      this.givenUp.clear();
      this.source = source;
    }
    if (this.givenUp.has(callId)) return;
    this.runs.set(callId, await this.options.runsOfCall(callId));
    if (this.follows.has(callId)) return;
    this.follows.set(callId, new CallFollow(callId, source, this));
  }

  /** Stops following a call that can't be followed (ended, refused): it is not tried again. */
  giveUp(callId: string): void {
    this.givenUp.add(callId);
    this.unfollow(callId);
  }

  unfollow(callId: string): void {
    this.follows.get(callId)?.stop();
    this.follows.delete(callId);
  }

  /** phone.getGroupParticipants requests made to catch up, since the start. */
  get participantReads(): number {
    return this.reads;
  }

  countRead(requests: number): void {
    this.reads += requests;
  }

  joined(callId: string, userId: string, joinedAt: number): void {
    this.mark(callId, userId, (p) => [p.joinedAt ?? joinedAt, null]);
  }

  left(callId: string, userId: string, joinedAt: number): void {
    const at = this.now();
    this.mark(callId, userId, (p) => [p.joinedAt ?? joinedAt, at]);
  }

  private mark(callId: string, userId: string, next: (person: PersonOutcome) => [number, number | null]): void {
    for (const run of this.runs.get(callId) ?? []) {
      const person = run.person(userId);
      // Left out on purpose (already in the call, self, ...): not someone this run brought.
      if (!person || person.status === 'skipped') continue;
      const [joinedAt, leftAt] = next(person);
      const changed = run.attend(userId, joinedAt, leftAt);
      if (!changed) continue;
      let entry = this.pending.get(run.id);
      if (!entry) this.pending.set(run.id, (entry = { run, people: new Map() }));
      entry.people.set(userId, changed);
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.flushMs ?? 250);
  }

  /** Emits and journals what changed; the journal writes of one flush go one after another. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { run, people } of batch) this.options.emit({ run: run.header(), changed: [...people.values()] });
    this.saving = this.saving.then(async () => {
      for (const { run, people } of batch) {
        const entries = [...people.values()].map((p) => ({ id: p.personId, joinedAt: p.joinedAt ?? null, leftAt: p.leftAt ?? null }));
        await this.options.journal(run.id, entries).catch((error: unknown) => this.log(`Attendance of run ${run.id} could not be saved: ${(error as Error).message}`));
      }
    });
    return this.saving;
  }

  /** Stops following every call and saves what is pending. */
  async dispose(): Promise<void> {
    for (const callId of [...this.follows.keys()]) this.unfollow(callId);
    await this.flush();
  }
}
