// Sends one run: batches of at most batchSize people, `window` requests in flight, every
// request journalled before it leaves and again with its answer. How each answer is read:
//   itemised reply     listed → invited. Someone in a batch but not listed is asked about
//                      alone (a single-person request says exactly why); alone and still not
//                      listed → `skipped: inCall` if they are in the call now (Telegram leaves
//                      participants out silently), else `unconfirmed`.
//   unitemised reply   everyone in the request → `unconfirmed`, never `invited`.
//   person-level error the batch is split in two and each half sent again, until the error
//                      belongs to one person (binary split: k refusals among n cost ~2k·log2(n/k)
//                      requests, and everyone else is invited).
//   FLOOD_WAIT         the whole run pauses (state floodWait) with a tick every second, and the
//                      refused request goes back to the front of the queue for when it is over.
//   call-level error   the run stops; that request's people and everyone still waiting → notSent.
//   network / timeout  the answer is unknown: the request is sent again after a backoff (safe:
//                      Telegram answers USER_ALREADY_INVITED to a second invitation). When the
//                      retries run out, its people → failed (TIMEOUT / NETWORK_UNREACHABLE) and
//                      the run stops.
// A request's "send" line is written before it leaves, up to `window` requests ahead, so a slot
// that frees sends at once. After a crash those journalled-ahead requests count as sent and
// unanswered, like the ones on the wire: resuming sends them again (safe), and cancelling
// reports them failed with an unknown outcome rather than notSent.
// Someone whose earlier request went unanswered and who then gets USER_ALREADY_INVITED is
// reported `alreadyInvited` (it is what Telegram says) with a message that our own earlier
// request most likely delivered it; `invited` stays reserved for a service message that lists them.
import type { PersonOutcome } from '../../../shared/domain/invite';
import { AppError } from '../../../shared/ipc/result';
import { errorKind, statusForPersonError } from './errorKinds';
import type { JournalFile } from './journal';
import type { BatchResult, InviteGateway } from './ports';
import type { ProgressThrottle } from './progress';
import { isFinal, type OutcomeChange, type Reason, type Run } from './run';

/** Waits ms, or less if the signal aborts (it may then reject). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SenderOptions {
  gateway: InviteGateway;
  journal: JournalFile;
  run: Run;
  progress: ProgressThrottle;
  window: number;
  now: () => number;
  sleep: Sleep;
  requestTimeoutMs: number;
  /** Times one request is sent again after a network failure before the run gives up. */
  networkRetries: number;
  retryBackoffMs: number;
}

export interface SenderStart {
  /** The requests to send, in order. */
  requests: string[][];
  /** People whose earlier request may have reached Telegram unanswered (a resumed run). */
  unanswered?: Iterable<string>;
  nextRequest?: number;
  /** A flood wait still running (a resumed run): sending starts after it. */
  floodUntil?: number | null;
}

interface Request {
  ids: string[];
  networkFailures: number;
}

/** A request whose people are on disk as sent: it may leave as soon as a slot is free. */
interface Journalled extends Request {
  req: number;
}

type Halt = { kind: 'stopped' | 'cancelled'; reason: Reason } | { kind: 'suspended' };

export const CANCELLED: Reason = { code: 'RUN_CANCELLED', message: 'You cancelled the run.' };

export class RunSender {
  private readonly queue: Request[] = [];
  private readonly ready: Journalled[] = [];
  private journalling = 0;
  private inFlight = 0;
  private backingOff = 0;
  private halt: Halt | null = null;
  private floodUntil = 0;
  private floodWaiting: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly unanswered: Set<string>;
  private nextRequest: number;
  private finishing = false;
  private readonly resumeFloodUntil: number | null;
  private resolveDone!: () => void;
  /** Resolves when the run has ended (or been suspended) and its journal records are written. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly o: SenderOptions,
    start: SenderStart,
  ) {
    this.queue.push(...start.requests.filter((ids) => ids.length > 0).map((ids) => ({ ids, networkFailures: 0 })));
    this.unanswered = new Set(start.unanswered ?? []);
    this.nextRequest = start.nextRequest ?? 1;
    this.resumeFloodUntil = start.floodUntil ?? null;
  }

  /** Begins sending (after a flood wait still running, for a resumed run). */
  start(): void {
    const until = this.resumeFloodUntil;
    if (!this.halt && until !== null && until > this.o.now()) this.beginFloodWait(Math.ceil((until - this.o.now()) / 1000));
    else this.pump();
  }

  /** Stops sending; what was not sent becomes notSent (RUN_CANCELLED). Requests in flight still land. */
  cancel(): void {
    this.haltWith({ kind: 'cancelled', reason: CANCELLED });
  }

  /**
   * Stops at once without deciding anyone's outcome (quitting). Answers still in flight are
   * dropped, as a crash would drop them: the journal has them as sent and unanswered, so the
   * run resumes from there.
   */
  suspend(): void {
    this.haltWith({ kind: 'suspended' });
    void this.finish();
  }

  private haltWith(halt: Halt): void {
    if (this.halt) return;
    this.halt = halt;
    this.abort.abort();
    this.pump();
  }

  private pump(): void {
    const open = () => !this.halt && !this.floodWaiting;
    while (open() && this.inFlight < this.o.window && this.ready.length > 0) this.launch(this.ready.shift()!);
    // The next requests are journalled while earlier ones are on the wire, so that a freed slot
    // sends at once instead of waiting for a disk sync.
    while (open() && this.journalling + this.ready.length < this.o.window && this.queue.length > 0) void this.prepare(this.queue.shift()!);
    const idle = this.inFlight === 0 && this.journalling === 0 && this.backingOff === 0 && !this.floodWaiting;
    if (idle && (this.halt || (this.queue.length === 0 && this.ready.length === 0))) void this.finish();
  }

  private stop(error: AppError): void {
    this.haltWith({ kind: 'stopped', reason: { code: error.code, message: error.message } });
  }

  /** Writes the request's "send" line; a journal that can't be written stops the run before anything leaves. */
  private async prepare(request: Request): Promise<void> {
    const { run, journal, now } = this.o;
    this.journalling += 1;
    try {
      const ids = request.ids.filter((id) => !isFinal(run.person(id)!.status));
      if (ids.length === 0) return;
      const req = this.nextRequest++;
      await journal.append({ t: 'send', req, ids, at: now() });
      this.ready.push({ ids, networkFailures: request.networkFailures, req });
    } catch (error) {
      this.stop(asAppError(error));
    } finally {
      this.journalling -= 1;
      this.pump();
    }
  }

  private launch(request: Journalled): void {
    this.inFlight += 1;
    void this.send(request)
      .catch((error: unknown) => this.stop(asAppError(error)))
      .finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
  }

  private async send(request: Journalled): Promise<void> {
    const { run, gateway, progress, now } = this.o;
    const { ids, req } = request;
    progress.push(ids.map((id) => run.update(id, { status: 'sending', attempts: run.person(id)!.attempts + 1 }, now())!));
    let answer: BatchResult | AppError;
    try {
      answer = await withTimeout(gateway.inviteBatch(run.call.id, ids), this.o.requestTimeoutMs);
    } catch (error) {
      answer = asAppError(error);
    }
    await this.onAnswer(req, request, ids, answer);
  }

  private async onAnswer(req: number, request: Request, ids: string[], answer: BatchResult | AppError): Promise<void> {
    if (this.halt?.kind === 'suspended') return;
    const { run, journal, progress, now } = this.o;
    const settled: PersonOutcome[] = [];
    const waiting: PersonOutcome[] = [];
    const settle = (id: string, change: OutcomeChange) => {
      settled.push(run.update(id, change, now())!);
      this.unanswered.delete(id);
    };
    const requeue = (groups: string[][]) => {
      this.queue.unshift(...groups.map((g) => ({ ids: g, networkFailures: 0 })));
      for (const id of groups.flat()) waiting.push(run.update(id, { status: 'queued' }, now())!);
    };

    if (!(answer instanceof AppError)) {
      if (answer.kind === 'unitemised') {
        const error = { code: 'INVITE_UNCONFIRMED' as const, message: `Telegram answered with ${answer.constructorName}, which lists nobody.` };
        ids.forEach((id) => settle(id, { status: 'unconfirmed', error }));
      } else {
        const listed = new Set(answer.invitedIds);
        const unlisted = ids.filter((id) => !listed.has(id));
        ids.filter((id) => listed.has(id)).forEach((id) => settle(id, { status: 'invited', error: null }));
        if (unlisted.length > 0 && ids.length > 1) {
          requeue(unlisted.map((id) => [id]));
          run.batches.total += unlisted.length;
        } else if (unlisted.length === 1) {
          settle(unlisted[0]!, await this.explainUnlisted(unlisted[0]!));
        }
      }
    } else {
      const kind = errorKind(answer.code);
      if (kind === 'network') {
        // No answer: nothing is recorded as answered, and the same request goes again.
        ids.forEach((id) => this.unanswered.add(id));
        if (request.networkFailures < this.o.networkRetries) {
          progress.push(ids.map((id) => run.update(id, { status: 'queued' }, now())!));
          await this.backOff({ ids, networkFailures: request.networkFailures + 1 });
          return;
        }
        ids.forEach((id) => settle(id, { status: 'failed', error: unknownOutcome(answer) }));
        this.stop(answer);
      } else if (kind === 'flood') {
        requeue([ids]);
        run.batches.total += 1;
        this.beginFloodWait(answer.retryAfterSeconds ?? 1);
      } else if (kind === 'person' && ids.length > 1) {
        const half = Math.ceil(ids.length / 2);
        requeue([ids.slice(0, half), ids.slice(half)]);
        run.batches.total += 2;
      } else if (kind === 'person') {
        const id = ids[0]!;
        settle(id, { status: statusForPersonError(answer.code), error: this.reasonFor(id, answer) });
      } else {
        ids.forEach((id) => settle(id, { status: 'notSent', error: { code: answer.code, message: answer.message } }));
        this.stop(answer);
      }
    }
    run.batches.done += 1;
    progress.push([...settled, ...waiting]);
    // The slot is free before the answer's line is on disk: lines keep their order, and a crash
    // before it lands only leaves "sent, unanswered", which a resume sends again safely.
    journal.append({ t: 'reply', req, outcomes: settled, at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
  }

  private async backOff(request: Request): Promise<void> {
    this.backingOff += 1;
    try {
      await this.o.sleep(this.o.retryBackoffMs * 2 ** (request.networkFailures - 1), this.abort.signal);
    } catch {
      // Aborted: the run is ending.
    } finally {
      this.backingOff -= 1;
    }
    if (!this.halt) this.queue.unshift(request);
    this.pump();
  }

  /** Alone in a request and not in the service message: Telegram skips people already in the call. */
  private async explainUnlisted(id: string): Promise<OutcomeChange> {
    try {
      const inCall = await withTimeout(this.o.gateway.participantIds(this.o.run.call.id), this.o.requestTimeoutMs);
      if (inCall.has(id)) return { status: 'skipped', skipReason: 'inCall', error: null };
    } catch {
      // Can't tell: unconfirmed is the honest answer either way.
    }
    return {
      status: 'unconfirmed',
      error: { code: 'INVITE_UNCONFIRMED', message: 'Telegram accepted the request but its service message did not list this person.' },
    };
  }

  private reasonFor(id: string, error: AppError): Reason {
    if (error.code === 'USER_ALREADY_INVITED' && this.unanswered.has(id)) {
      return {
        code: error.code,
        message: `Telegram already had an invitation for them: Rollcall's earlier request, whose answer was lost, most likely delivered it (${error.message}).`,
      };
    }
    return { code: error.code, message: error.message };
  }

  private beginFloodWait(seconds: number): void {
    if (this.halt) return; // A refusal landing after a cancel: nothing is waiting to be sent.
    const { run, journal, progress, now } = this.o;
    const until = now() + seconds * 1000;
    // Requests in flight when the limit hit come back refused too, a little later, with the same
    // X rounded up to whole seconds: they describe the same moment the limit frees, so they don't
    // push the wait out. Only a wait longer by more than that rounding (another limit) does.
    const slack = this.floodWaiting ? 1000 : 0;
    if (until <= this.floodUntil + slack) return;
    this.floodUntil = until;
    run.state = 'floodWait';
    run.floodWait = { until, seconds };
    journal.append({ t: 'flood', until, seconds, at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
    progress.push();
    this.floodWaiting ??= this.waitOutFlood();
  }

  private async waitOutFlood(): Promise<void> {
    const { run, journal, progress, now, sleep } = this.o;
    try {
      while (!this.halt && now() < this.floodUntil) {
        await sleep(Math.min(1000, this.floodUntil - now()), this.abort.signal);
        progress.push(); // The countdown's tick.
      }
    } catch {
      // Aborted (cancelled): stop waiting at once.
    }
    this.floodWaiting = null;
    if (!this.halt) {
      run.state = 'running';
      run.floodWait = null;
      progress.push();
      await journal.append({ t: 'resume', at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
    }
    this.pump();
  }

  private async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    const { run, journal, progress, now } = this.o;
    const halt = this.halt;
    if (halt?.kind === 'suspended') {
      run.state = 'interrupted';
      run.floodWait = null;
      progress.flush();
    } else {
      // Without a halt everyone has an outcome by now; the fallback only guards against a bug.
      const ending = halt ?? { kind: 'done' as const, reason: { code: 'INTERNAL' as const, message: 'The run ended with people still waiting.' } };
      progress.push(await endRun({ run, journal, now, ending, unanswered: this.unanswered }));
      progress.flush();
    }
    this.resolveDone();
  }
}

export interface RunEnding {
  kind: 'done' | 'stopped' | 'cancelled';
  /** What everyone still waiting gets. */
  reason: Reason;
}

/**
 * Gives everyone still waiting a final outcome and writes the run's end: notSent with the
 * reason, or failed (outcome unknown) for people whose request went out unanswered.
 */
export async function endRun(args: {
  run: Run;
  journal: JournalFile;
  now: () => number;
  ending: RunEnding;
  unanswered: ReadonlySet<string>;
}): Promise<PersonOutcome[]> {
  const { run, journal, now, ending, unanswered } = args;
  const rest = run.ids().filter((id) => !isFinal(run.person(id)!.status));
  const outcomes = rest.map((id) =>
    run.update(id, unanswered.has(id) ? { status: 'failed', error: unknownOutcome(null) } : { status: 'notSent', error: ending.reason }, now())!,
  );
  run.state = ending.kind;
  run.stopReason = ending.kind === 'stopped' ? ending.reason : null;
  run.floodWait = null;
  run.finishedAt = now();
  run.batches.total = run.batches.done;
  try {
    if (outcomes.length > 0) await journal.append({ t: 'outcomes', outcomes, at: now() });
    await journal.append({ t: 'end', state: run.state, stopReason: run.stopReason, at: run.finishedAt });
  } catch {
    // The outcomes in memory are right; without its end record the journal replays as interrupted.
  }
  return outcomes;
}

/** Sent, but no answer came back: it may or may not have reached Telegram. */
function unknownOutcome(error: AppError | null): Reason {
  const cause = error ? ` (${error.message})` : '';
  return {
    code: error?.code === 'NETWORK_UNREACHABLE' ? 'NETWORK_UNREACHABLE' : 'TIMEOUT',
    message: `Rollcall sent this invite but got no answer${cause}; it may or may not have reached them.`,
  };
}

export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL', error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AppError('TIMEOUT', `Telegram did not answer within ${Math.round(ms / 1000)} s.`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
