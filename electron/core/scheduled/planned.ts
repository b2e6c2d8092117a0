// Planned runs: "Invite when it starts" for a scheduled call (issue 12, item 4). Never imports
// Electron or GramJS: Telegram comes in through a CallStartSource, the invitations go out
// through the invite engine (startRun), so pacing, flood handling and account safety all apply.
//
// A planned run holds the people chosen now. It is kept in DATA/planned-runs.json (0600,
// written whole and atomically, as audiences are) until it is sent or cancelled, so it survives
// restarts; once its call starts it becomes an ordinary run with its own journal. Planning
// subscribes to the call's start (one phone.toggleGroupCallStartSubscription, only if the account
// isn't subscribed already); cancelling turns it off again if Rollcall turned it on.
//
// While the app is open and signed in, the start is seen from updateGroupCall pushes, and by
// a polite poll (one phone.getGroupCall per planned call every `pollMs`, and right after the
// connection comes back) in case a push was lost.
// The first look of a session (the app just started, or signed in again) is different: a call
// found started then may have started while Rollcall was closed, so the plan becomes 'missed' and
// nothing is sent until the organiser says "send now", as with interrupted runs.
import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunSnapshot } from '../../../shared/domain/invite';
import { PlannedRun, type PlannedStarted } from '../../../shared/domain/planned';
import { AppError } from '../../../shared/ipc/result';
import { readFileIfExists, writeFileAtomic } from '../files';
import type { InviteGateway } from '../invite/ports';

export const PLANNED_FILE = 'planned-runs.json';
/** The poll in case an updateGroupCall was lost: once a minute per planned call. */
export const PLANNED_POLL_MS = 60_000;

const PlannedFile = z.strictObject({ v: z.literal(1), plans: z.array(PlannedRun) });

export type CallStartState = 'scheduled' | 'active' | 'ended';

export interface CallStartSource {
  /** updateGroupCall pushes, as the call's id and state. */
  onCallChange(listener: (change: { callId: string; state: CallStartState }) => void): () => void;
  /** The connection is back: pushes sent meanwhile may be lost. */
  onReconnected(listener: () => void): () => void;
  /** The call's state now (phone.getGroupCall). */
  state(callId: string): Promise<CallStartState>;
  /** phone.toggleGroupCallStartSubscription. */
  subscribe(callId: string, subscribed: boolean): Promise<void>;
}

export interface PlannedRunsOptions {
  dataDir: string;
  /** The signed-in session's source; throws (NOT_SIGNED_IN) when there is none. */
  source: () => CallStartSource;
  /** The signed-in session's gateway: the call and the people when planning. */
  gateway: () => InviteGateway;
  /** Starts the run through the invite engine, looking people up if this session hasn't seen them. */
  startRun: (callId: string, personIds: readonly string[]) => Promise<RunSnapshot>;
  emit: (change: { plans: PlannedRun[]; started: PlannedStarted | null }) => void;
  /** A call started and its run began: the desktop notification. */
  notify?: (started: PlannedStarted) => void;
  pollMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export class PlannedRuns {
  private plans: PlannedRun[] = [];
  private readonly loaded: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();
  private watched: { source: CallStartSource; stop: () => void; firstLook: Promise<void> } | null = null;
  private readonly sending = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  /** Tests only: getGroupCall polls made. */
  polls = 0;

  constructor(private readonly options: PlannedRunsOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
    this.loaded = this.load();
    this.timer = setInterval(() => void this.poll(), options.pollMs ?? PLANNED_POLL_MS);
    this.timer.unref();
  }

  /** The signed-in account's planned runs, after a look at which calls started meanwhile. */
  async list(): Promise<PlannedRun[]> {
    await this.loaded;
    const selfId = (await this.options.gateway().self()).id;
    await this.watch();
    return this.plans.filter((p) => p.selfId === selfId);
  }

  async create(callId: string, personIds: readonly string[]): Promise<PlannedRun> {
    await this.loaded;
    const gateway = this.options.gateway();
    const [call, self, people] = await Promise.all([gateway.getCall(callId), gateway.self(), gateway.people(personIds)]);
    if (call.state === 'ended') throw new AppError('PLANNED_CALL_GONE', `The call in ${call.chat.title} has ended.`);
    if (call.state === 'active' || !call.scheduled) throw new AppError('PLANNED_CALL_STARTED', `The call in ${call.chat.title} is live now.`);
    if (this.plans.some((p) => p.call.id === callId && p.selfId === self.id)) {
      throw new AppError('PLANNED_RUN_EXISTS', `A run is already planned for the call in ${call.chat.title}.`);
    }
    if (people.length === 0) throw new AppError('INVALID_REQUEST', 'None of these people is known to this session.');
    // Never a request that isn't needed: an account already subscribed stays as it is.
    const subscribe = !call.scheduled.subscribed;
    if (subscribe) await this.options.source().subscribe(callId, true);
    const at = this.now();
    const plan: PlannedRun = {
      id: `plan-${randomBytes(8).toString('hex')}`,
      call: { id: call.id, title: call.title, chatId: call.chat.id, chatTitle: call.chat.title, chatKind: call.chat.kind },
      selfId: self.id,
      scheduleDate: call.scheduled.date,
      people: people.map(({ id, name, username }) => ({ id, name, username })),
      subscribedByRollcall: subscribe,
      state: 'waiting',
      createdAt: at,
      updatedAt: at,
    };
    await this.change((plans) => [...plans, plan]);
    await this.watch();
    return plan;
  }

  async update(planId: string, personIds: readonly string[]): Promise<PlannedRun> {
    await this.loaded;
    const plan = this.get(planId);
    const people = await this.options.gateway().people(personIds, plan.call.id);
    if (people.length === 0) throw new AppError('INVALID_REQUEST', 'None of these people is known to this session.');
    const changed: PlannedRun = { ...plan, people: people.map(({ id, name, username }) => ({ id, name, username })), updatedAt: this.now() };
    await this.change((plans) => plans.map((p) => (p.id === planId ? changed : p)));
    return changed;
  }

  async cancel(planId: string): Promise<void> {
    await this.loaded;
    const plan = this.get(planId);
    if (plan.subscribedByRollcall && plan.state === 'waiting') {
      // The plan goes either way: a call that can't be unsubscribed from any more has started or ended.
      await this.options
        .source()
        .subscribe(plan.call.id, false)
        .catch((error: unknown) => this.log(`The start subscription of call ${plan.call.id} could not be turned off: ${(error as Error).message}`));
    }
    await this.change((plans) => plans.filter((p) => p.id !== planId));
  }

  /** The organiser said "send now" (a plan whose call started while Rollcall was closed). */
  async sendNow(planId: string): Promise<RunSnapshot> {
    await this.loaded;
    return this.send(this.get(planId));
  }

  dispose(): void {
    clearInterval(this.timer);
    this.watched?.stop();
    this.watched = null;
  }

  private get(planId: string): PlannedRun {
    const plan = this.plans.find((p) => p.id === planId);
    if (!plan) throw new AppError('PLANNED_RUN_NOT_FOUND', `There is no planned run ${planId}.`);
    return plan;
  }

  /**
   * Follows the signed-in session's pushes; a new session's first look marks started calls
   * missed. A push handled before that look is done may be one Telegram held for the session
   * while Rollcall was closed, so it counts as missed too.
   */
  private async watch(): Promise<void> {
    const source = this.options.source();
    if (this.watched?.source !== source) {
      this.watched?.stop();
      let looked = false;
      const stopPushes = source.onCallChange((change) => void this.changed(change.callId, change.state, looked ? 'send' : 'missed'));
      // A push sent while the connection was down is lost: look again at once.
      const stopReconnects = source.onReconnected(() => void this.poll());
      const stop = () => {
        stopPushes();
        stopReconnects();
      };
      const firstLook = this.look(source, 'missed').finally(() => (looked = true));
      this.watched = { source, stop, firstLook };
    }
    await this.watched.firstLook;
  }

  private async poll(): Promise<void> {
    if (!this.plans.some((p) => p.state === 'waiting')) return;
    try {
      await this.watch();
      await this.look(this.watched!.source, 'send');
    } catch (error) {
      // Signed out, or offline: the next poll looks again.
      this.log(`Planned runs: the poll failed: ${(error as Error).message}`);
    }
  }

  /** Reads the state of every waiting plan's call once. */
  private async look(source: CallStartSource, started: 'missed' | 'send'): Promise<void> {
    await this.loaded;
    let selfId: string;
    try {
      selfId = (await this.options.gateway().self()).id;
    } catch {
      return;
    }
    for (const plan of this.plans.filter((p) => p.state === 'waiting' && p.selfId === selfId)) {
      this.polls += 1;
      const state = await source.state(plan.call.id).catch((error: unknown) => {
        if (error instanceof AppError && (error.code === 'CALL_NOT_FOUND' || error.code === 'GROUPCALL_INVALID')) return 'ended' as const;
        this.log(`Planned runs: call ${plan.call.id} could not be read: ${(error as Error).message}`);
        return 'scheduled' as const;
      });
      await this.changed(plan.call.id, state, started);
    }
  }

  /** A call's state, seen in a push or a look: a start sends, or (the organiser decides) is marked missed. */
  private async changed(callId: string, state: CallStartState, started: 'missed' | 'send'): Promise<void> {
    const plan = this.plans.find((p) => p.call.id === callId && p.state === 'waiting');
    // The push and the poll may both see the start: the first one sends.
    if (!plan || state === 'scheduled' || this.sending.has(plan.id)) return;
    if (state === 'ended') return this.mark(plan.id, 'gone');
    if (started === 'missed') return this.mark(plan.id, 'missed');
    try {
      await this.send(plan);
    } catch (error) {
      // Refused before anything was sent (signed out, account limited, ...): the organiser decides.
      this.log(`Planned run ${plan.id} could not start: ${(error as Error).message}`);
      await this.mark(plan.id, 'missed');
    }
  }

  /**
   * Starts the run, then forgets the plan. A crash between the two leaves the plan, which the
   * next start shows as missed; the planner then skips whoever that run invited.
   */
  private async send(plan: PlannedRun): Promise<RunSnapshot> {
    if (this.sending.has(plan.id)) throw new AppError('RUN_ALREADY_ACTIVE', `The planned run to ${plan.call.chatTitle} is being sent.`);
    if (plan.state === 'gone') throw new AppError('PLANNED_CALL_GONE', `The call in ${plan.call.chatTitle} is gone.`);
    this.sending.add(plan.id);
    try {
      const snapshot = await this.options.startRun(plan.call.id, plan.people.map((p) => p.id));
      const started: PlannedStarted = { planId: plan.id, runId: snapshot.run.id, call: plan.call.title ?? plan.call.chatTitle, count: plan.people.length };
      await this.change((plans) => plans.filter((p) => p.id !== plan.id), started);
      this.options.notify?.(started);
      return snapshot;
    } finally {
      this.sending.delete(plan.id);
    }
  }

  private mark(planId: string, state: PlannedRun['state']): Promise<void> {
    return this.change((plans) => plans.map((p) => (p.id === planId ? { ...p, state, updatedAt: this.now() } : p)));
  }

  /** One change at a time, written before memory follows; every change is pushed to the renderer. */
  private change(make: (plans: PlannedRun[]) => PlannedRun[], started: PlannedStarted | null = null): Promise<void> {
    const run = this.queue.then(async () => {
      const next = make(this.plans);
      await writeFileAtomic(this.options.dataDir, PLANNED_FILE, JSON.stringify({ v: 1, plans: next }));
      this.plans = next;
      this.options.emit({ plans: next, started });
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async load(): Promise<void> {
    const bytes = await readFileIfExists(this.options.dataDir, PLANNED_FILE).catch((error: unknown) => {
      this.log(`${PLANNED_FILE} could not be read: ${(error as Error).message}`);
      return null;
    });
    if (!bytes) return;
    try {
      this.plans = PlannedFile.parse(JSON.parse(bytes.toString('utf8'))).plans;
    } catch {
      const aside = `planned-runs.set-aside-${this.now()}.json`;
      await rename(join(this.options.dataDir, PLANNED_FILE), join(this.options.dataDir, aside)).catch(() => {});
      this.log(`${PLANNED_FILE} was set aside as ${aside}: it is not a list of planned runs Rollcall wrote.`);
    }
  }
}
