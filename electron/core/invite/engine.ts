// The invite engine: plans, starts, cancels, retries and resumes runs, and keeps their history.
// It reaches Telegram only through the InviteGateway of the signed-in session and never
// imports GramJS or Electron, so it runs the same in the app, in the web preview and in tests.
//
// Interrupted runs (a crash or quit left their journal without an end) send nothing by
// themselves: interrupted() lists those of the signed-in account, and each is resumed (resume,
// or retry of that run) or ended without sending (cancel) only when the organiser says so. A
// run resumes only in the session of the account that started it. Even after a crash of this
// same app session the organiser is asked: telling that case apart safely isn't worth a run
// that sends on its own.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { InvitePlan, PersonOutcome, RunHeader, RunSnapshot } from '../../../shared/domain/invite';
import { describeError } from '../../../shared/errors/catalogue';
import { AppError } from '../../../shared/ipc/result';
import type { EventSink } from '../../ipc/dispatcher';
import { AccountLimits, PEER_FLOOD_COOLDOWN_MS, formatUtc } from './accountLimits';
import { runToCsv } from './csv';
import type { UiLocale } from '../../../shared/i18n/locales';
import { createTranslator } from '../../../shared/i18n/translate';
import { RunHistory } from './history';
import { JournalFile } from './journal';
import { planInvite } from './planner';
import { MAX_ADD_PER_REQUEST, type InviteGateway } from './ports';
import { Pacer } from './pacer';
import { ProgressThrottle } from './progress';
import { Run, isFinal } from './run';
import { CANCELLED, RunSender, endRun, type RunNotice, type SenderStart, type Sleep } from './sender';

export interface InviteEngineOptions {
  /** The signed-in session's gateway; throws AppError (NOT_SIGNED_IN) when there is none. */
  gateway: () => InviteGateway;
  /** Journals go to dataDir/runs/. */
  dataDir: string;
  emit: EventSink;
  /** People per request, read when a run starts (the settings' batchSize; Telegram allows 10). */
  batchSize?: number | (() => number);
  /** Requests in flight at once, read when a run starts (the settings' inFlight). */
  window?: number | (() => number);
  /** Invitations per hour per account (the settings' perHourCeiling), read at each request; null: none. */
  perHourCeiling?: number | null | (() => number | null);
  /** A FLOOD_WAIT longer than this asks the organiser whether to wait (default 15 minutes). */
  longFloodSeconds?: number;
  /** The least time between two requests that add people to a group (default ADD_INTERVAL_MS). */
  addIntervalMs?: number;
  /** The seam for desktop notifications: a long wait asked about or over, an account limited. */
  notify?: (notice: RunNotice) => void;
  now?: () => number;
  sleep?: Sleep;
  /** A request without an answer after this long counts as a network failure (outcome unknown). */
  requestTimeoutMs?: number;
  /** Times a request whose answer was lost is sent again before the run stops. */
  networkRetries?: number;
  /** The first wait before sending such a request again; it doubles each time. */
  retryBackoffMs?: number;
  /** At most one inviteProgress event per run per this many ms. */
  progressIntervalMs?: number;
  log?: (message: string) => void;
  /** A run started sending (new, retried or resumed): attendance follows its call. */
  onRunStarted?: (run: Run) => void;
}

/** A person's attendance, as journalled. */
export interface AttendanceEntry {
  id: string;
  joinedAt: number | null;
  leftAt: number | null;
}

export interface InviteEngine {
  plan(callId: string, personIds: readonly string[]): Promise<InvitePlan>;
  /**
   * Plans and starts sending; refuses when the plan has a callProblem. Returns at once. With
   * lookUp, people this session hasn't seen are looked up first (a planned run after a restart).
   */
  start(callId: string, personIds: readonly string[], options?: { lookUp?: boolean }): Promise<RunSnapshot>;
  /** Stops the run; resolves when requests already in flight have landed. */
  cancel(runId: string): Promise<RunSnapshot>;
  /** A new run with the run's retryable people (or these), or resumes an interrupted run. */
  retry(runId: string, personIds: readonly string[] | null): Promise<RunSnapshot>;
  /** Adds the run's notMember people to the group, then invites them in a new run. */
  addToGroup(runId: string, personIds: readonly string[]): Promise<RunSnapshot>;
  exportLink(callId: string, role: 'listener' | 'speaker'): Promise<string>;
  list(): Promise<RunHeader[]>;
  get(runId: string): Promise<RunSnapshot>;
  /** `language`: the window's, for the reason texts (English when not given). */
  exportCsv(runId: string, language?: UiLocale): Promise<{ fileName: string; csv: string }>;
  /** Resumes an interrupted run in place (the organiser asked for it). */
  resume(runId: string): Promise<RunSnapshot>;
  /** The organiser's answer to a long flood wait: wait it out, or stop the run. */
  answerFloodWait(runId: string, answer: 'wait' | 'stop'): Promise<RunSnapshot>;
  /** Interrupted runs that the signed-in account started, newest first; sends nothing. */
  interrupted(): Promise<RunHeader[]>;
  /** Resolves with the run's snapshot once it is no longer sending. */
  settled(runId: string): Promise<RunSnapshot>;
  /** Cancels every sending run (requests in flight still land); resolves once all have ended. */
  cancelAll(): Promise<void>;
  /** Stops sending without ending runs (they resume from their journals), closes journals. */
  dispose(): Promise<void>;
  /** Every run of this call (attendance marks them all). */
  runsOfCall(callId: string): Promise<Run[]>;
  /** Appends attendance changes to the run's journal (its open one while it sends). */
  journalAttendance(runId: string, people: AttendanceEntry[]): Promise<void>;
}

interface ActiveRun {
  sender: RunSender;
  journal: JournalFile;
  selfId: string;
  /** Resolves when the sender is done and the journal closed. */
  closed: Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 10;
/**
 * Requests in flight. Measured against the sandbox (1,000 people, 50 ms latency; and a 10/s
 * limit): 1 → 6.9 s, 2 → 3.6 s, 3 → 2.5 s, 4 → 2.1 s, 6 → 1.3 s, 8 → 1.1 s; but every request
 * in flight when a rate limit hits comes back refused, so refused requests grow with the window
 * (500 people under the limit: 54 requests at 1, 62 at 4, 77 at 8). 4 keeps most of the speed
 * without throwing many extra requests at an account Telegram is already slowing down.
 */
export const DEFAULT_WINDOW = 4;
/**
 * Between two add requests (a basic group adds one person a request). Telegram publishes no
 * rate; adding is what gets accounts limited, and the strict sandbox's guess is 10 add requests
 * a minute before a 6-hour FLOOD_WAIT (sandbox/README.md, "Adding: flood waits"). 6 s keeps
 * under it: 30 people a basic group take 3 minutes, a supergroup's 100 go in one request.
 */
export const ADD_INTERVAL_MS = 6_000;

export function createInviteEngine(options: InviteEngineOptions): InviteEngine {
  const now = options.now ?? Date.now;
  const sleep: Sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const log = options.log ?? ((message) => console.warn(message));
  const windowNow = (): number => {
    const value = typeof options.window === 'function' ? options.window() : (options.window ?? DEFAULT_WINDOW);
    return Math.max(1, Math.floor(value));
  };
  const ceiling = options.perHourCeiling;
  // The last hour's sends, read from DATA/pacing.json: a restart doesn't start a fresh hour.
  const pacerReady: Promise<Pacer | null> =
    ceiling === undefined || ceiling === null ? Promise.resolve(null) : Pacer.load(options.dataDir, typeof ceiling === 'function' ? ceiling : () => ceiling, log, now());
  const batchSize = (): number => {
    const size = typeof options.batchSize === 'function' ? options.batchSize() : (options.batchSize ?? DEFAULT_BATCH_SIZE);
    return Math.max(1, Math.floor(size));
  };
  const ready = RunHistory.load(options.dataDir, log);
  const limitsReady = AccountLimits.load(options.dataDir, log, now());

  /** Refuses anything that would send from an account in its PEER_FLOOD cool-down (no request). */
  async function assertNotLimited(gateway: InviteGateway): Promise<void> {
    const limits = await limitsReady;
    limits.assertFree((await gateway.self()).id, now());
  }

  let limitsNow: AccountLimits | null = null;
  /** The last cool-down write: dispose() waits for it, so a quit right after PEER_FLOOD keeps it. */
  let limitsSaved: Promise<void> = Promise.resolve();
  void limitsReady.then((limits) => (limitsNow = limits), () => {});

  /**
   * PEER_FLOOD: the cool-down is noted, every run of the account stops at once with it, and it is
   * written to disk. Returns the reason the runs stop with. A run only starts once the limits are
   * read (assertNotLimited), so limitsNow is there whenever this is called from a run.
   */
  function accountLimited(selfId: string): { code: 'PEER_FLOOD'; message: string } {
    const until = limitsNow?.note(selfId, now()) ?? now() + PEER_FLOOD_COOLDOWN_MS;
    const reason = {
      code: 'PEER_FLOOD' as const,
      message: `Telegram answered PEER_FLOOD: this account is being limited. Rollcall sends no invites from it until ${formatUtc(until)}.`,
    };
    for (const entry of active.values()) if (entry.selfId === selfId) entry.sender.stopWith(reason);
    const saving = limitsNow?.save().catch((error: unknown) => log(`The PEER_FLOOD cool-down could not be saved: ${(error as Error).message}`));
    if (saving) limitsSaved = Promise.all([limitsSaved, saving]).then(() => {});
    return reason;
  }

  const active = new Map<string, ActiveRun>();
  /** Calls for which a run is being created right now (guards the gap before it is active). */
  const claimed = new Set<string>();

  async function claim(callId: string): Promise<RunHistory> {
    const history = await ready;
    if (claimed.has(callId) || history.activeFor(callId)) {
      throw new AppError('RUN_ALREADY_ACTIVE', `A run is already sending invites to call ${callId}.`);
    }
    claimed.add(callId);
    return history;
  }

  async function gather(gateway: InviteGateway, callId: string, personIds: readonly string[], size: number, lookUp = false) {
    const history = await ready;
    // Both reads leave before the people are looked up in the directory (CPU, not the network).
    const [call, participantIds, self, known] = await Promise.all([
      gateway.getCall(callId),
      gateway.participantIds(callId),
      gateway.self(),
      lookUp ? gateway.people(personIds, callId) : gateway.people(personIds),
    ]);
    const plan = planInvite({
      call,
      self,
      requestedIds: personIds,
      known,
      participantIds,
      invitedBefore: history.invitedBefore(callId),
      batchSize: size,
      now: now(),
    });
    return { plan, call, self };
  }

  function launch(run: Run, gateway: InviteGateway, journal: JournalFile, start: SenderStart, pacer: Pacer | null, window = windowNow()): void {
    const progress = new ProgressThrottle(
      (payload) => options.emit('inviteProgress', payload),
      () => run.header(),
      options.progressIntervalMs ?? 50,
    );
    const sender = new RunSender(
      {
        gateway,
        journal,
        run,
        progress,
        window,
        now,
        sleep,
        requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
        networkRetries: options.networkRetries ?? 3,
        retryBackoffMs: options.retryBackoffMs ?? 1000,
        longFloodSeconds: options.longFloodSeconds,
        pacer,
        onPeerFlood: () => accountLimited(run.selfId),
        notify: options.notify,
        batchSize: batchSize(),
        addIntervalMs: options.addIntervalMs ?? ADD_INTERVAL_MS,
      },
      start,
    );
    const closed = sender.done.then(() => journal.close()).finally(() => active.delete(run.id));
    active.set(run.id, { sender, journal, selfId: run.selfId, closed });
    sender.start();
    options.onRunStarted?.(run);
  }

  /**
   * Plans `personIds`, adds `preset` outcomes decided elsewhere, journals the run and starts it.
   * With `add`, the run first adds its people to the call's chat (100 a request in a
   * supergroup, one in a basic group), then invites those added.
   */
  async function createRun(
    callId: string,
    personIds: readonly string[],
    preset: readonly PersonOutcome[] = [],
    add = false,
    lookUp = false,
  ): Promise<RunSnapshot> {
    const history = await claim(callId);
    let opening: Promise<JournalFile> | null = null;
    let started = false;
    try {
      const gateway = options.gateway();
      await assertNotLimited(gateway);
      const size = batchSize();
      const id = newRunId(now());
      // The journal's file and folder entry are made while the plan's reads are on the wire;
      // nothing leaves before its run record and first "send" lines are on disk after them.
      opening = JournalFile.createEmpty(options.dataDir, id);
      opening.catch(() => {}); // awaited below, or discarded in finally
      const { plan, call, self } = await gather(gateway, callId, personIds, size, lookUp);
      if (plan.callProblem) throw new AppError(plan.callProblem.code, plan.callProblem.message);
      const journal = await opening;
      const run = new Run({
        id,
        call: { id: call.id, title: call.title, chatId: call.chat.id, chatTitle: call.chat.title, chatKind: call.chat.kind },
        selfId: self.id,
        startedAt: now(),
        state: 'running',
        people: [...plan.people, ...preset],
      });
      const requests = chunk(run.idsWith('queued'), add ? (call.chat.kind === 'group' ? 1 : MAX_ADD_PER_REQUEST) : size);
      run.batches.total = requests.length;
      const pacer = await pacerReady;
      const window = windowNow();
      // The run record and the first window's "send" lines go to disk in one sync; as before,
      // a journal that can't take them refuses the start and nothing is sent.
      const first = requests.slice(0, window);
      const recorded = journal.append({
        t: 'run',
        v: 1,
        id: run.id,
        call: run.call,
        selfId: run.selfId,
        startedAt: run.startedAt,
        batchSize: size,
        people: run.snapshot().people,
      });
      const at = now();
      await Promise.all([recorded, ...first.map((ids, i) => journal.append({ t: 'send', req: i + 1, ids, at }))]);
      history.add(run);
      launch(run, gateway, journal, { requests, add, journalled: first.length }, pacer, window);
      started = true;
      return run.snapshot();
    } finally {
      // A run refused before it started: its journal file goes (nothing was sent from it).
      if (opening && !started) await (await opening.catch(() => null))?.discard();
      claimed.delete(callId);
    }
  }

  async function resume(runId: string): Promise<RunSnapshot> {
    const history = await ready;
    const run = history.get(runId);
    if (run.state !== 'interrupted') return run.snapshot();
    await claim(run.call.id);
    try {
      const gateway = options.gateway();
      const self = await gateway.self();
      (await limitsReady).assertFree(self.id, now());
      if (self.id !== run.selfId) {
        throw new AppError('NOT_SIGNED_IN', `Run ${runId} was started by another Telegram account; sign in as that account to resume it.`);
      }
      const pacer = await pacerReady;
      const replayed = history.takeInterrupted(runId);
      if (!replayed) return run.snapshot();
      const journal = await JournalFile.reopen(options.dataDir, runId);
      await journal.append({ t: 'resume', at: now() });
      // Unanswered people go first, in their own requests: their answers are the ones that tell.
      const waiting = run.ids().filter((id) => !isFinal(run.person(id)!.status));
      const unanswered = waiting.filter((id) => replayed.unanswered.has(id));
      const queued = waiting.filter((id) => !replayed.unanswered.has(id));
      const requests = [...chunk(unanswered, replayed.batchSize), ...chunk(queued, replayed.batchSize)];
      run.state = 'running';
      run.batches.total = run.batches.done + requests.length;
      launch(run, gateway, journal, {
        requests,
        unanswered: replayed.unanswered,
        nextRequest: replayed.nextRequest,
        floodUntil: replayed.floodUntil,
      }, pacer);
      return run.snapshot();
    } finally {
      claimed.delete(run.call.id);
    }
  }

  /** Ends an interrupted run without sending: what it never sent is notSent (RUN_CANCELLED). */
  async function cancelInterrupted(run: Run, history: RunHistory): Promise<RunSnapshot> {
    const replayed = history.takeInterrupted(run.id);
    const journal = await JournalFile.reopen(options.dataDir, run.id);
    const ending = { kind: 'cancelled' as const, reason: CANCELLED };
    const { outcomes: changed, written } = endRun({ run, journal, now, ending, unanswered: replayed?.unanswered ?? new Set() });
    await written;
    await journal.close();
    options.emit('inviteProgress', { run: run.header(), changed });
    return run.snapshot();
  }

  return {
    async plan(callId, personIds) {
      const gateway = options.gateway();
      await assertNotLimited(gateway);
      return (await gather(gateway, callId, personIds, batchSize())).plan;
    },

    start: (callId, personIds, startOptions) => createRun(callId, personIds, [], false, startOptions?.lookUp ?? false),

    async cancel(runId) {
      const history = await ready;
      const run = history.get(runId);
      const entry = active.get(runId);
      if (entry) {
        entry.sender.cancel();
        await entry.closed;
      } else if (run.state === 'interrupted') {
        return cancelInterrupted(run, history);
      }
      return run.snapshot();
    },

    async retry(runId, personIds) {
      const history = await ready;
      const run = history.get(runId);
      if (run.state === 'interrupted') return resume(runId);
      if (run.isActive) throw new AppError('RUN_ALREADY_ACTIVE', `Run ${runId} is still sending.`);
      const ids = personIds
        ? personIds.filter((id) => run.person(id) !== undefined)
        : run.ids().filter((id) => isRetryable(run.person(id)!));
      if (ids.length === 0) throw new AppError('INVALID_REQUEST', `Nobody in run ${runId} can be tried again.`);
      return createRun(run.call.id, ids);
    },

    async addToGroup(runId, personIds) {
      const history = await ready;
      const run = history.get(runId);
      const ids = personIds.filter((id) => run.person(id)?.status === 'notMember');
      if (ids.length === 0) throw new AppError('INVALID_REQUEST', `None of these people is marked “not a member” in run ${runId}.`);
      if (history.activeFor(run.call.id)) throw new AppError('RUN_ALREADY_ACTIVE', `A run is already sending invites to this call.`);
      // A new run adds them (paced, flood waits on its countdown, PEER_FLOOD stops), then invites them.
      return createRun(run.call.id, ids, [], true);
    },

    exportLink: (callId, role) => options.gateway().exportInviteLink(callId, role),

    list: async () => (await ready).list(),

    get: async (runId) => (await ready).get(runId).snapshot(),

    exportCsv: async (runId, language = 'en') => runToCsv((await ready).get(runId).snapshot(), createTranslator(language)),

    resume,

    async answerFloodWait(runId, answer) {
      const history = await ready;
      const run = history.get(runId);
      const entry = active.get(runId);
      if (!entry || !entry.sender.asking) throw new AppError('INVALID_REQUEST', `Run ${runId} is not waiting for an answer about a pause.`);
      entry.sender.answerFlood(answer);
      if (answer === 'stop') await entry.closed;
      return run.snapshot();
    },

    async interrupted() {
      const history = await ready;
      const self = await options.gateway().self();
      const mine = new Set(history.interrupted().filter(({ run }) => run.selfId === self.id && run.state === 'interrupted').map(({ run }) => run.id));
      return history.list().filter((header) => mine.has(header.id));
    },

    async settled(runId) {
      const history = await ready;
      await active.get(runId)?.closed;
      return history.get(runId).snapshot();
    },

    async cancelAll() {
      await ready;
      const entries = [...active.values()];
      entries.forEach((entry) => entry.sender.cancel());
      await Promise.all(entries.map((entry) => entry.closed));
    },

    runsOfCall: async (callId) => (await ready).ofCall(callId),

    async journalAttendance(runId, people) {
      const record = { t: 'attendance' as const, people, at: now() };
      const open = active.get(runId)?.journal;
      // A run that stopped sending meanwhile has closed its journal: append to it afresh.
      if (open && (await open.append(record).then(() => true, () => false))) return;
      const journal = await JournalFile.reopen(options.dataDir, runId);
      try {
        await journal.append(record);
      } finally {
        await journal.close();
      }
    },

    async dispose() {
      await ready;
      const entries = [...active.values()];
      entries.forEach((entry) => entry.sender.suspend());
      await Promise.all(entries.map((entry) => entry.closed));
      await Promise.all([(await pacerReady)?.flush(), limitsSaved]);
    },
  };
}

/** Retryable: never sent, or refused for a reason that may pass (the catalogue says which). */
function isRetryable(person: PersonOutcome): boolean {
  if (person.status === 'unconfirmed') return true;
  if (person.status !== 'notSent' && person.status !== 'failed' && person.status !== 'notMember') return false;
  return person.error === null || describeError(person.error.code).retryable;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Sortable by time, unique by its random tail, and within the contract's [\w-]{1,64}. */
function newRunId(at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}
