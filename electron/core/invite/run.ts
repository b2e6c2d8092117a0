// One invite run in memory: its header and every person's outcome. Outcomes are replaced, never
// mutated, so an object already handed to an event or a snapshot never changes under its reader.
// Counts are kept as statuses change: a header is built many times a second for 100,000 people.
import {
  FINAL_STATUSES,
  InviteStatus,
  MAX_FLOOD_SPANS,
  type FloodSpan,
  type PersonOutcome,
  type RunHeader,
  type RunSnapshot,
  type RunState,
} from '../../../shared/domain/invite';

export type RunCall = RunHeader['call'];
export type Reason = NonNullable<PersonOutcome['error']>;
export type OutcomeChange = Partial<Pick<PersonOutcome, 'status' | 'skipReason' | 'error' | 'attempts'>>;

const FINAL = new Set<InviteStatus>(FINAL_STATUSES);
export const isFinal = (status: InviteStatus): boolean => FINAL.has(status);

export interface RunInit {
  id: string;
  call: RunCall;
  /** The account that sends: a run resumes only in the same account's session. */
  selfId: string;
  startedAt: number;
  state: RunState;
  people: readonly PersonOutcome[];
}

export class Run {
  readonly id: string;
  readonly call: RunCall;
  readonly selfId: string;
  readonly startedAt: number;
  state: RunState;
  finishedAt: number | null = null;
  floodWait: RunHeader['floodWait'] = null;
  stopReason: RunHeader['stopReason'] = null;
  /** Requests answered, and answered plus still to send (splits and retries add to it). */
  readonly batches = { done: 0, total: 0 };
  /** Telegram's flood waits, as asked (a run that ends during one cuts it short in the header). */
  private readonly floodSpans: FloodSpan[] = [];
  private readonly people = new Map<string, PersonOutcome>();
  private readonly counts = Object.fromEntries(InviteStatus.options.map((s) => [s, 0])) as Record<InviteStatus, number>;

  constructor(init: RunInit) {
    this.id = init.id;
    this.call = init.call;
    this.selfId = init.selfId;
    this.startedAt = init.startedAt;
    this.state = init.state;
    for (const person of init.people) {
      if (this.people.has(person.personId)) continue;
      this.people.set(person.personId, person);
      this.counts[person.status] += 1;
    }
  }

  get isActive(): boolean {
    return this.state === 'running' || this.state === 'floodWait';
  }

  get isFinished(): boolean {
    return this.state === 'done' || this.state === 'stopped' || this.state === 'cancelled';
  }

  person(id: string): PersonOutcome | undefined {
    return this.people.get(id);
  }

  ids(): string[] {
    return [...this.people.keys()];
  }

  /** Ids whose status is one of these, in the run's order. */
  idsWith(...statuses: InviteStatus[]): string[] {
    const wanted = new Set(statuses);
    return [...this.people.values()].filter((p) => wanted.has(p.status)).map((p) => p.personId);
  }

  /** Applies a change and returns the new outcome (or undefined for an id not in the run). */
  update(id: string, change: OutcomeChange, at: number): PersonOutcome | undefined {
    const before = this.people.get(id);
    if (!before) return undefined;
    const after: PersonOutcome = { ...before, ...change, updatedAt: at };
    this.counts[before.status] -= 1;
    this.counts[after.status] += 1;
    this.people.set(id, after);
    return after;
  }

  /**
   * Sets a person's attendance. Not a change of their invite outcome: updatedAt (when it was
   * decided, i.e. when they were invited) stays. Returns the new outcome, or undefined if unchanged.
   */
  attend(id: string, joinedAt: number | null, leftAt: number | null): PersonOutcome | undefined {
    const before = this.people.get(id);
    if (!before || ((before.joinedAt ?? null) === joinedAt && (before.leftAt ?? null) === leftAt)) return undefined;
    const after: PersonOutcome = { ...before, joinedAt, leftAt };
    this.people.set(id, after);
    return after;
  }

  /**
   * Telegram asked, at `at`, to wait until `until`. A wait that overlaps the last one (another
   * limit while waiting, or the rest of a wait after a resume) extends it instead of adding one.
   */
  floodAsked(at: number, until: number): void {
    const last = this.floodSpans.at(-1);
    if (last && (at <= last.to || this.floodSpans.length >= MAX_FLOOD_SPANS)) {
      this.floodSpans[this.floodSpans.length - 1] = { from: last.from, to: Math.max(last.to, until) };
    } else this.floodSpans.push({ from: at, to: until });
  }

  /** Replaces an outcome wholesale (journal replay). */
  restore(outcome: PersonOutcome): void {
    const before = this.people.get(outcome.personId);
    if (!before) return;
    this.counts[before.status] -= 1;
    this.counts[outcome.status] += 1;
    this.people.set(outcome.personId, outcome);
  }

  header(): RunHeader {
    return {
      id: this.id,
      call: this.call,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      state: this.state,
      floodWait: this.floodWait,
      floodWaits: this.floodWaitSpans(),
      stopReason: this.stopReason,
      batches: { ...this.batches },
      counts: { ...this.counts },
      total: this.people.size,
    };
  }

  /** The spans, the last cut at the run's end if it ended during that wait. */
  private floodWaitSpans(): FloodSpan[] {
    const end = this.finishedAt;
    const last = this.floodSpans.at(-1);
    if (end === null || !last || last.to <= end) return [...this.floodSpans];
    return [...this.floodSpans.slice(0, -1), { from: last.from, to: Math.max(last.from, end) }];
  }

  snapshot(): RunSnapshot {
    return { run: this.header(), people: [...this.people.values()] };
  }
}
