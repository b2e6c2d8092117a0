// Sends one run: batches of at most batchSize people, `window` requests in flight, every
// request journalled before it leaves and again with its answer.
//
// How Rollcall protects the organiser's account (README: "How Rollcall protects your account";
// what the sandbox does for each case: sandbox/README.md's behaviour table). The rules:
//  1. No request it doesn't need. Planning skips people who can't be invited; a refused batch is
//     split in halves only for a refusal that is about a person (errorKinds.ts). For n people with
//     k refusals that is at most about 2k·log2(n/k) + n/10 + a few requests (the request budget,
//     asserted in sandbox.test.ts "item 8: …").
//  2. An error Rollcall doesn't know (TELEGRAM_UNKNOWN) is given the benefit of the doubt once:
//     the batch is split to see whether it belongs to one person. As soon as both halves of a
//     split fail with the same raw code, or requests of different batches fail with it one after
//     the other, it is the call or the account, not a person: the run stops with
//     TELEGRAM_UNKNOWN_STOPPED, the raw code in its details, and nobody is blamed for it.
//  3. PEER_FLOOD (the account is being limited) stops every run of the account at once and
//     records a cool-down (accountLimits.ts) that refuses new runs across restarts.
//  4. FLOOD_WAIT pauses the whole run; one longer than longFloodSeconds (15 minutes) asks the
//     organiser first: wait (the run resumes by itself when it is over, and says so through
//     `notify`) or stop. Nothing is sent until they answer. The wait is journalled, so a restart
//     during it resumes after it. Sending goes on as soon as the wait is over, without waiting
//     for the journal's "resume" line to sync. A rate limit lets about as many requests through
//     after each wait as after the one before: past the number Telegram took between the last
//     two waits, the next request goes alone, so that if the limit is still there only that one is
//     refused, not a whole window of them (when Telegram takes that one too, the number doubles).
//  5. Pacing: at most `window` requests in flight and, with a pacer, at most its per-hour ceiling
//     of invitations per account; past it the run waits like a flood wait, labelled as Rollcall's
//     own pacing (source 'pacing').
//  6. Errors that mean two things are told apart before anyone is blamed: USER_NOT_PARTICIPANT
//     first checks, with one request, that the organiser is still a member (if not, the run stops
//     with SELF_NOT_PARTICIPANT and nobody is marked "not a member"); GROUPCALL_FORBIDDEN
//     re-reads the call: ended → GROUPCALL_FORBIDDEN, live but the organiser hasn't joined as
//     themself → GROUPCALL_JOIN_MISSING ("join the call in Telegram first, as yourself"), live and
//     joined → GROUPCALL_NOT_ALLOWED (offer the link). GROUPCALL_JOIN_MISSING itself stops the run.
//     CHAT_TYPE_INVALID is call-level wherever it arrives, without a probe: Telegram's docs list
//     it for the chat ("this chat type"), the sandbox (default profile) answers it for a bot
//     invitee, whom planning already skips; a probe (one more request for one person) would only
//     spend a request to learn what the link offer covers anyway.
//  7. Adding people to the group first (engine.addToGroup; issue 9, item 11): a new run adds
//     them, then invites those added. Add requests go one at a time, at least addIntervalMs apart
//     (shown as Rollcall's pacing), counted by the pacer per account apart from invitations;
//     channels.inviteToChannel carries at most 100 people, messages.addChatUser one. Their
//     FLOOD_WAIT and PEER_FLOOD are handled exactly as an invite's (3, 4 above); an error about
//     one person splits the request as below; an error Rollcall doesn't know stops at once (no
//     benefit of the doubt: adding is where accounts get limited). Each missing invitee gets its
//     own catalogue code (what Premium would change). Everyone else in an answered add request
//     is a member now and goes on to the invite queue, batchSize a request. The journal doesn't
//     tell add requests from invites: a run interrupted while adding resumes with invites, so
//     whoever wasn't added yet comes back "not a member" (safe: nobody is sent anything twice).
//
// How each answer is read:
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
import { addErrorKind, errorKind, statusForPersonError } from './errorKinds';
import type { JournalFile } from './journal';
import type { Pacer } from './pacer';
import type { AddResult, BatchResult, InviteGateway } from './ports';
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
  /** A FLOOD_WAIT longer than this asks the organiser whether to wait or stop. */
  longFloodSeconds?: number;
  /** Rollcall's own per-hour ceiling for the account (shared by its runs), or none. */
  pacer?: Pacer | null;
  /**
   * Telegram answered PEER_FLOOD: the engine records a cool-down and stops the account's other
   * runs; the reason it returns (with the cool-down's end) is this run's stop reason too.
   */
  onPeerFlood?: () => Reason;
  /** What the desktop shell may tell the organiser about (a notification), e.g. a long wait is over. */
  notify?: (notice: RunNotice) => void;
  /** People per invite request, for the invites of people just added to the group. */
  batchSize?: number;
  /** The least time between one add request's answer and the next add request. */
  addIntervalMs?: number;
}

/** Something worth a notification: the seam for the desktop shell (the notification itself is not here). */
export type RunNotice =
  | { kind: 'floodQuestion'; runId: string; until: number; seconds: number }
  | { kind: 'resumedAfterWait'; runId: string }
  | { kind: 'accountLimited'; runId: string; code: 'PEER_FLOOD' }
  /** A planned run's scheduled call started and the run began (electron/core/scheduled/planned.ts). */
  | { kind: 'plannedStarted'; runId: string; call: string; count: number };

/** Waits longer than this ask first: 15 minutes (issue 9, item 8). */
export const LONG_FLOOD_SECONDS = 15 * 60;

export interface SenderStart {
  /** The requests to send, in order. */
  requests: string[][];
  /** People whose earlier request may have reached Telegram unanswered (a resumed run). */
  unanswered?: Iterable<string>;
  nextRequest?: number;
  /**
   * The first this many requests already have their "send" lines on disk, numbered from
   * nextRequest (a new run writes them with its run record, in one sync): they leave at once.
   */
  journalled?: number;
  /** A flood wait still running (a resumed run): sending starts after it. */
  floodUntil?: number | null;
  /** The requests add their people to the call's chat first; who is added is invited after. */
  add?: boolean;
}

/** Both halves of one split: the raw code the parent failed with, and how many halves failed with it. */
interface SplitGroup {
  raw: string;
  failures: number;
}

interface Request {
  /** Add to the call's chat (then invite), or invite. */
  op: 'add' | 'invite';
  ids: string[];
  networkFailures: number;
  /** The first-planned request this one descends from (splits and re-asks keep it). */
  lineage: number;
  /** Set for the halves of a request split on an unknown error. */
  split?: SplitGroup;
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
  /** The long-wait question: null (none asked), 'pending', or 'wait' (the organiser chose to wait). */
  private floodAnswer: 'pending' | 'wait' | null = null;
  private floodSource: 'telegram' | 'pacing' = 'telegram';
  /** The unknown error last seen and the batches (lineages) it hit, since the last success. */
  private unknownStreak: { raw: string; lineages: Set<number> } | null = null;
  /** The organiser's own membership, checked at most once per run (USER_NOT_PARTICIPANT). */
  private membership: Promise<AppError | null> | null = null;
  /** The call re-read once per run (GROUPCALL_FORBIDDEN). */
  private forbidden: Promise<AppError> | null = null;
  /** Lineages handed out so far (the invites of people just added get new ones). */
  private lineages = 0;
  /** An add request is on the wire (they go one at a time). */
  private adding = false;
  /** Add requests being journalled right now (in neither queue nor ready). */
  private journallingAdds = 0;
  /** People added to the chat whose invite request isn't queued yet. */
  private readonly addedWaiting: string[] = [];
  /** When the last add request was answered (null: none yet in this run). */
  private lastAddAt: number | null = null;
  /** Invite requests Telegram took (answered with anything but FLOOD_WAIT) since the last flood wait ended. */
  private takenSinceWait = 0;
  /**
   * How many invite requests Telegram took between the last two flood waits (null: unknown).
   * Past it the next request is the one most likely refused, so it goes alone: the others it
   * would share the window with would be refused with it.
   */
  private allowance: number | null = null;
  private resolveDone!: () => void;
  /** Resolves when the run has ended (or been suspended) and its journal records are written. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly o: SenderOptions,
    start: SenderStart,
  ) {
    const op: Request['op'] = start.add ? 'add' : 'invite';
    this.queue.push(...start.requests.filter((ids) => ids.length > 0).map((ids, i) => ({ op, ids, networkFailures: 0, lineage: i + 1 })));
    this.lineages = this.queue.length;
    this.unanswered = new Set(start.unanswered ?? []);
    this.nextRequest = start.nextRequest ?? 1;
    for (const request of this.queue.splice(0, start.journalled ?? 0)) this.ready.push({ ...request, req: this.nextRequest++ });
    this.resumeFloodUntil = start.floodUntil ?? null;
  }

  /** Begins sending (after a flood wait still running, for a resumed run). */
  start(): void {
    const until = this.resumeFloodUntil;
    if (!this.halt && until !== null && until > this.o.now()) {
      // Resuming is the organiser's answer: they chose to go on, so a long wait is not asked again.
      this.floodAnswer = 'wait';
      this.beginFloodWait(Math.ceil((until - this.o.now()) / 1000));
    } else this.pump();
  }

  /** Stops the run with this reason (PEER_FLOOD on another run of the account). */
  stopWith(reason: Reason): void {
    this.haltWith({ kind: 'stopped', reason });
  }

  /** The organiser's answer to a long wait: wait it out, or stop the run now. */
  answerFlood(answer: 'wait' | 'stop'): void {
    if (this.floodAnswer !== 'pending') throw new AppError('INVALID_REQUEST', 'This run is not waiting for an answer about a pause.');
    const { run, progress } = this.o;
    if (answer === 'stop') {
      const seconds = run.floodWait?.seconds ?? 0;
      this.haltWith({ kind: 'stopped', reason: { code: 'FLOOD_WAIT_LONG', message: `You chose to stop rather than wait ${Math.ceil(seconds / 60)} minutes, as Telegram asked (FLOOD_WAIT_${seconds}).` } });
      return;
    }
    this.floodAnswer = 'wait';
    if (run.floodWait) run.floodWait = { ...run.floodWait, question: 'wait' };
    progress.push();
  }

  /** Suspended (quitting): answers landing now are dropped, as a crash would drop them. */
  private get suspended(): boolean {
    return this.halt?.kind === 'suspended';
  }

  /** Whether the run waits for the organiser's answer about a long pause. */
  get asking(): boolean {
    return this.floodAnswer === 'pending';
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
    while (open() && this.inFlight < this.o.window && this.ready.length > 0) {
      const next = this.ready[0]!;
      if (next.op === 'add') {
        // One add request at a time, addIntervalMs apart (Rollcall's pacing, shown as such).
        if (this.adding) break;
        const gapMs = this.lastAddAt === null ? 0 : this.lastAddAt + (this.o.addIntervalMs ?? 0) - this.o.now();
        if (gapMs > 0) {
          this.beginFloodWait(Math.ceil(gapMs / 1000), 'pacing');
          break;
        }
      }
      // Past what Telegram took between the last two flood waits, one request goes alone.
      if (next.op === 'invite' && this.allowance !== null && this.takenSinceWait + this.inFlight >= this.allowance && this.inFlight > 0) break;
      // Rollcall's own ceiling: past it, wait (like a flood wait, but labelled as pacing).
      const account = next.op === 'add' ? `${this.o.run.selfId}:add` : this.o.run.selfId;
      const waitMs = this.o.pacer?.reserve(account, next.ids.length, this.o.now()) ?? 0;
      if (waitMs > 0) {
        this.beginFloodWait(Math.ceil(waitMs / 1000), 'pacing');
        break;
      }
      this.launch(this.ready.shift()!);
    }
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
    if (request.op === 'add') this.journallingAdds += 1;
    try {
      const ids = request.ids.filter((id) => !isFinal(run.person(id)!.status));
      if (ids.length === 0) return;
      const req = this.nextRequest++;
      await journal.append({ t: 'send', req, ids, at: now() });
      this.ready.push({ ...request, ids, req });
    } catch (error) {
      this.stop(asAppError(error));
    } finally {
      this.journalling -= 1;
      if (request.op === 'add') this.journallingAdds -= 1;
      this.pump();
    }
  }

  private launch(request: Journalled): void {
    this.inFlight += 1;
    if (request.op === 'add') this.adding = true;
    void this.send(request)
      .catch((error: unknown) => this.stop(asAppError(error)))
      .finally(() => {
        this.inFlight -= 1;
        if (request.op === 'add') {
          this.adding = false;
          this.lastAddAt = this.o.now();
        }
        this.pump();
      });
  }

  private async send(request: Journalled): Promise<void> {
    const { run, gateway, progress, now } = this.o;
    const { ids, req } = request;
    progress.push(ids.map((id) => run.update(id, { status: 'sending', attempts: run.person(id)!.attempts + 1 }, now())!));
    if (request.op === 'add') {
      let added: AddResult | AppError;
      try {
        added = await withTimeout(gateway.addToChat(run.call.id, ids), this.o.requestTimeoutMs);
      } catch (error) {
        added = asAppError(error);
      }
      await this.onAddAnswer(req, request, ids, added);
      return;
    }
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
    const requeue = (groups: string[][], split?: SplitGroup) => {
      this.queue.unshift(...groups.map((g) => ({ op: request.op, ids: g, networkFailures: 0, lineage: request.lineage, split })));
      for (const id of groups.flat()) waiting.push(run.update(id, { status: 'queued' }, now())!);
    };
    const stopAll = (reason: Reason) => {
      ids.forEach((id) => settle(id, { status: 'notSent', error: reason }));
      this.stop(new AppError(reason.code, reason.message));
    };

    if (!(answer instanceof AppError)) {
      if (answer.kind === 'unitemised') {
        const error = { code: 'INVITE_UNCONFIRMED' as const, message: `Telegram answered with ${answer.constructorName}, which lists nobody.` };
        ids.forEach((id) => settle(id, { status: 'unconfirmed', error }));
      } else {
        if (answer.invitedIds.length > 0) this.unknownStreak = null;
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
    }
    if (!(answer instanceof AppError) || (errorKind(answer.code) !== 'flood' && errorKind(answer.code) !== 'network')) this.tookOne();
    if (answer instanceof AppError) {
      const kind = errorKind(answer.code);
      if (kind === 'network') {
        // No answer: nothing is recorded as answered, and the same request goes again.
        if (await this.retryUnanswered(request, ids, answer, settle)) return;
      } else if (kind === 'flood') {
        requeue([ids]);
        run.batches.total += 1;
        this.beginFloodWait(answer.retryAfterSeconds ?? 1);
      } else if (answer.code === 'TELEGRAM_UNKNOWN') {
        const stopReason = this.unknownVerdict(request, answer.message);
        if (stopReason) stopAll(stopReason);
        else if (ids.length > 1) {
          const half = Math.ceil(ids.length / 2);
          requeue([ids.slice(0, half), ids.slice(half)], { raw: answer.message, failures: 0 });
          run.batches.total += 2;
        } else settle(ids[0]!, { status: 'failed', error: { code: answer.code, message: answer.message } });
      } else if (answer.code === 'USER_NOT_PARTICIPANT' && (await this.checkMembership()) !== null) {
        if (this.suspended) return;
        const notMember = (await this.checkMembership())!;
        stopAll({ code: notMember.code, message: notMember.message });
      } else if (kind === 'person' && ids.length > 1) {
        const half = Math.ceil(ids.length / 2);
        requeue([ids.slice(0, half), ids.slice(half)]);
        run.batches.total += 2;
      } else if (kind === 'person') {
        const id = ids[0]!;
        settle(id, { status: statusForPersonError(answer.code), error: this.reasonFor(id, answer) });
      } else {
        if (answer.code === 'PEER_FLOOD') {
          stopAll(this.o.onPeerFlood?.() ?? { code: answer.code, message: answer.message });
          this.o.notify?.({ kind: 'accountLimited', runId: run.id, code: 'PEER_FLOOD' });
        } else {
          const explained = answer.code === 'GROUPCALL_FORBIDDEN' ? await this.explainForbidden(answer) : answer;
          if (this.suspended) return;
          stopAll({ code: explained.code, message: explained.message });
        }
      }
    }
    run.batches.done += 1;
    progress.push([...settled, ...waiting]);
    // The slot is free before the answer's line is on disk: lines keep their order, and a crash
    // before it lands only leaves "sent, unanswered", which a resume sends again safely.
    journal.append({ t: 'reply', req, outcomes: settled, at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
  }

  /**
   * Telegram took an invite request. One taken past the allowance (sent alone) shows the limit
   * lets more through than last time: the allowance doubles, so a limit that is gone costs a
   * lone request now and then, and one that is still there only ever meets a lone request.
   */
  private tookOne(): void {
    this.takenSinceWait += 1;
    if (this.allowance !== null && this.takenSinceWait > this.allowance) this.allowance *= 2;
  }

  /**
   * The answer to one add request (rule 7 above). Missing invitees are failed with their own
   * code; everyone else in the request is a member now and is queued for invites. Refusals are
   * read as for invites, except that an error Rollcall doesn't know stops the run at once.
   */
  private async onAddAnswer(req: number, request: Request, ids: string[], answer: AddResult | AppError): Promise<void> {
    if (this.halt?.kind === 'suspended') return;
    const { run, journal, progress, now } = this.o;
    const settled: PersonOutcome[] = [];
    const waiting: PersonOutcome[] = [];
    const settle = (id: string, change: OutcomeChange) => {
      settled.push(run.update(id, change, now())!);
      this.unanswered.delete(id);
    };
    const queue = (id: string) => {
      waiting.push(run.update(id, { status: 'queued' }, now())!);
      this.unanswered.delete(id);
    };
    const stopAll = (reason: Reason) => {
      ids.forEach((id) => settle(id, { status: 'notSent', error: reason }));
      this.stop(new AppError(reason.code, reason.message));
    };

    if (!(answer instanceof AppError)) {
      const missing = new Map(answer.missing.map((m) => [m.personId, m]));
      const members = ids.filter((id) => !missing.has(id));
      for (const id of ids) {
        const m = missing.get(id);
        if (m) settle(id, { status: 'failed', error: { code: m.code, message: m.message } });
      }
      // Members now: invited after, batchSize a request (gathered across a basic group's single adds).
      members.forEach(queue);
      this.addedWaiting.push(...members);
    } else {
      const kind = addErrorKind(answer.code);
      if (kind === 'network') {
        // No answer: sent again (adding someone already in the group changes nothing).
        if (await this.retryUnanswered(request, ids, answer, settle)) return;
      } else if (kind === 'flood') {
        this.queue.unshift({ ...request, ids, networkFailures: 0 });
        ids.forEach((id) => waiting.push(run.update(id, { status: 'queued' }, now())!));
        run.batches.total += 1;
        this.beginFloodWait(answer.retryAfterSeconds ?? 1);
      } else if (kind === 'person' && ids.length > 1) {
        const half = Math.ceil(ids.length / 2);
        this.queue.unshift(
          { op: 'add', ids: ids.slice(0, half), networkFailures: 0, lineage: request.lineage },
          { op: 'add', ids: ids.slice(half), networkFailures: 0, lineage: request.lineage },
        );
        ids.forEach((id) => waiting.push(run.update(id, { status: 'queued' }, now())!));
        run.batches.total += 2;
      } else if (kind === 'person') {
        settle(ids[0]!, { status: 'failed', error: { code: answer.code, message: answer.message } });
      } else if (answer.code === 'PEER_FLOOD') {
        stopAll(this.o.onPeerFlood?.() ?? { code: answer.code, message: answer.message });
        this.o.notify?.({ kind: 'accountLimited', runId: run.id, code: 'PEER_FLOOD' });
      } else if (kind === 'unknown') {
        stopAll({
          code: 'TELEGRAM_UNKNOWN_STOPPED',
          message: `Raw code: ${answer.message.slice(0, 100)}. Telegram refused adding people to the group with it; adding is where accounts get limited, so Rollcall stopped rather than ask again.`,
        });
      } else {
        stopAll({ code: answer.code, message: answer.message });
      }
    }
    if (!this.halt) this.queueInvitesOfAdded();
    run.batches.done += 1;
    progress.push([...settled, ...waiting]);
    journal.append({ t: 'reply', req, outcomes: settled, at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
  }

  /**
   * Queues invites for people just added: every full batch at once, the rest when no add
   * request is left (so a basic group's one-person adds are invited batchSize a request).
   * Each request is its own lineage.
   */
  private queueInvitesOfAdded(): void {
    const size = Math.max(1, this.o.batchSize ?? 10);
    const addsLeft = this.journallingAdds > 0 || this.queue.some((r) => r.op === 'add') || this.ready.some((r) => r.op === 'add');
    while (this.addedWaiting.length >= size || (!addsLeft && this.addedWaiting.length > 0)) {
      const ids = this.addedWaiting.splice(0, size);
      this.queue.push({ op: 'invite', ids, networkFailures: 0, lineage: ++this.lineages });
      this.o.run.batches.total += 1;
    }
  }

  /**
   * A request with no answer: its people count as unanswered and it goes again after a backoff
   * (true); once retries run out they are failed, outcome unknown, and the run stops (false).
   */
  private async retryUnanswered(request: Request, ids: string[], answer: AppError, settle: (id: string, change: OutcomeChange) => void): Promise<boolean> {
    const { run, progress, now } = this.o;
    ids.forEach((id) => this.unanswered.add(id));
    if (request.networkFailures < this.o.networkRetries) {
      progress.push(ids.map((id) => run.update(id, { status: 'queued' }, now())!));
      await this.backOff({ ...request, ids, networkFailures: request.networkFailures + 1 });
      return true;
    }
    ids.forEach((id) => settle(id, { status: 'failed', error: unknownOutcome(answer) }));
    this.stop(answer);
    return false;
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

  /**
   * Whether an unknown error stops the run (rule 2 above): both halves of a split failed with the
   * same raw code, or batches of different lineages did, one after the other.
   */
  private unknownVerdict(request: Request, raw: string): Reason | null {
    const split = request.split?.raw === raw ? request.split : undefined;
    if (split) split.failures += 1;
    const streak = this.unknownStreak?.raw === raw ? this.unknownStreak : (this.unknownStreak = { raw, lineages: new Set() });
    streak.lineages.add(request.lineage);
    const shown = raw.slice(0, 100);
    if (split && split.failures >= 2) {
      return { code: 'TELEGRAM_UNKNOWN_STOPPED', message: `Raw code: ${shown}. Telegram gave it to both halves of one request, so it is not about one person.` };
    }
    if (streak.lineages.size >= 2) {
      return { code: 'TELEGRAM_UNKNOWN_STOPPED', message: `Raw code: ${shown}. Telegram gave it to requests for different people in a row, so it is not about one person.` };
    }
    return null;
  }

  /**
   * USER_NOT_PARTICIPANT means the invitee or the organiser is not a member: one request (once
   * per run) asks whether the organiser still is. Resolves to the error to stop with, or null
   * (the organiser is a member: the refusal is about the invitee).
   */
  private checkMembership(): Promise<AppError | null> {
    this.membership ??= (async () => {
      try {
        const member = await withTimeout(this.o.gateway.selfIsMember(this.o.run.call.id), this.o.requestTimeoutMs);
        return member
          ? null
          : new AppError('SELF_NOT_PARTICIPANT', 'Telegram answered USER_NOT_PARTICIPANT, and your own membership check says you are not in the group.');
      } catch (error) {
        const cause = asAppError(error);
        return new AppError(cause.code, `Telegram answered USER_NOT_PARTICIPANT, and checking your own membership failed (${cause.message}), so Rollcall stopped rather than blame anyone.`);
      }
    })();
    return this.membership;
  }

  /** GROUPCALL_FORBIDDEN means the call ended or invites aren't allowed here: re-read the call (once). */
  private explainForbidden(answer: AppError): Promise<AppError> {
    this.forbidden ??= (async () => {
      try {
        const call = await withTimeout(this.o.gateway.getCall(this.o.run.call.id), this.o.requestTimeoutMs);
        if (call.state === 'ended') return new AppError('GROUPCALL_FORBIDDEN', `${answer.message}: re-reading the call shows it has ended.`);
        if (call.joinAs.kind === 'notJoined') return new AppError('GROUPCALL_JOIN_MISSING', `${answer.message} on a live call you have not joined.`);
        if (call.joinAs.kind === 'channel') return new AppError('GROUPCALL_JOIN_MISSING', `${answer.message} on a live call you joined as a channel.`);
        return new AppError('GROUPCALL_NOT_ALLOWED', `${answer.message} on a live call you have joined as yourself.`);
      } catch (error) {
        const cause = asAppError(error);
        if (cause.code === 'GROUPCALL_FORBIDDEN' || cause.code === 'GROUPCALL_INVALID') {
          return new AppError('GROUPCALL_FORBIDDEN', `${answer.message}: re-reading the call was refused too (${cause.message}); it has most likely ended.`);
        }
        return new AppError(cause.code, `Telegram answered ${answer.message}, and re-reading the call to tell why failed (${cause.message}).`);
      }
    })();
    return this.forbidden;
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

  private beginFloodWait(seconds: number, source: 'telegram' | 'pacing' = 'telegram'): void {
    if (this.halt) return; // A refusal landing after a cancel: nothing is waiting to be sent.
    const { run, journal, progress, now } = this.o;
    const at = now();
    const until = at + seconds * 1000;
    // Requests in flight when the limit hit come back refused too, a little later, with the same
    // X rounded up to whole seconds: they describe the same moment the limit frees, so they don't
    // push the wait out. Only a wait longer by more than that rounding (another limit) does.
    const slack = this.floodWaiting ? 1000 : 0;
    if (until <= this.floodUntil + slack) return;
    this.floodUntil = until;
    this.floodSource = source;
    run.state = 'floodWait';
    const ask = source === 'telegram' && seconds > (this.o.longFloodSeconds ?? LONG_FLOOD_SECONDS) && this.floodAnswer === null;
    if (ask) this.floodAnswer = 'pending';
    const question = this.floodAnswer ?? undefined;
    run.floodWait = source === 'pacing' ? { until, seconds, source } : { until, seconds, source, ...(question ? { question } : {}) };
    // Pacing waits are Rollcall's own, recomputed after a restart: only Telegram's are journalled.
    // Telegram's wait is shown once its line is on disk: whoever sees it (and a restart after) waits it out.
    if (source === 'telegram') {
      run.floodAsked(at, until);
      journal.append({ t: 'flood', until, seconds, at }).then(() => progress.push(), (error: unknown) => this.stop(asAppError(error)));
    } else progress.push();
    if (ask) this.o.notify?.({ kind: 'floodQuestion', runId: run.id, until, seconds });
    this.floodWaiting ??= this.waitOutFlood();
  }

  private async waitOutFlood(): Promise<void> {
    const { run, journal, progress, now, sleep } = this.o;
    try {
      // A long wait still unanswered holds the run after its end too: nothing leaves unasked.
      while (!this.halt && (now() < this.floodUntil || this.floodAnswer === 'pending')) {
        const left = this.floodUntil - now();
        await sleep(left > 0 ? Math.min(1000, left) : 1000, this.abort.signal);
        progress.push(); // The countdown's tick.
      }
    } catch {
      // Aborted (cancelled): stop waiting at once.
    }
    this.floodWaiting = null;
    const answered = this.floodAnswer === 'wait';
    this.floodAnswer = null;
    if (!this.halt) {
      run.state = 'running';
      run.floodWait = null;
      progress.push();
      if (answered) this.o.notify?.({ kind: 'resumedAfterWait', runId: run.id });
      if (this.floodSource === 'telegram') {
        // What Telegram took since the previous wait is what its limit lets through per wait.
        if (this.takenSinceWait > 0) this.allowance = this.takenSinceWait;
        this.takenSinceWait = 0;
        // Sending doesn't wait for this line's sync: every later "send" line follows it in the
        // file, and requests journalled before the wait that leave without a line of their own
        // only find, after a crash, a flood wait that had already ended.
        journal.append({ t: 'resume', at: now() }).catch((error: unknown) => this.stop(asAppError(error)));
      }
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
      // The final event doesn't wait for the end's lines to sync (answers' lines don't either):
      // a crash before they land replays the run as interrupted, and nothing is sent unasked.
      const { outcomes, written } = endRun({ run, journal, now, ending, unanswered: this.unanswered });
      progress.push(outcomes);
      progress.flush();
      await written;
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
 * reason, or failed (outcome unknown) for people whose request went out unanswered. The run is
 * ended in memory at once; `written` resolves when its journal lines are on disk (or failed).
 */
export function endRun(args: {
  run: Run;
  journal: JournalFile;
  now: () => number;
  ending: RunEnding;
  unanswered: ReadonlySet<string>;
}): { outcomes: PersonOutcome[]; written: Promise<void> } {
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
  const lines = [
    ...(outcomes.length > 0 ? [journal.append({ t: 'outcomes', outcomes, at: now() })] : []),
    journal.append({ t: 'end', state: run.state, stopReason: run.stopReason, at: run.finishedAt }),
  ];
  // The outcomes in memory are right; without its end record the journal replays as interrupted.
  const written = Promise.all(lines).then(() => {}, () => {});
  return { outcomes, written };
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
