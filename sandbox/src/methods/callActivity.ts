// Life in a call outside any request: people joining and leaving (controls.attendance, or a test
// making one person join or leave now) and scheduled calls starting at their time. Every change
// reaches the chat's signed-in members as Telegram sends it: updateGroupCallParticipants with the
// call's new version (one more per join or leave), or updateGroupCall when a scheduled call starts.
import { Api } from 'telegram';
import type { AttendanceRules } from '../controls';
import type { CallParticipant, CallRecord } from '../world/types';
import type { MethodEnv } from './env';
import { announceCall } from './outgoing';
import { Entities, long, participantToApi } from './tl';

/** setTimeout's ceiling (about 24.8 days); a later start is re-armed when it is reached. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Shares are counted in millionths, so the sampling below is exact in integers. */
const UNIT = 1_000_000;

/** mulberry32: a small, fast, seeded random source (numbers in [0, 1)). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Systematic sampling: every offer adds `share`, and an offer that carries the running total over
 * a whole unit is picked. From a random start in [0, 1), N offers pick ⌊start + share × N⌋ people:
 * exactly share × N when that is whole, whatever the batches, and the same ones for the same seed.
 */
class Sampler {
  private credit: number;

  constructor(random: () => number) {
    this.credit = Math.floor(random() * UNIT);
  }

  pick(share: number): boolean {
    this.credit += Math.round(Math.min(1, Math.max(0, share)) * UNIT);
    if (this.credit < UNIT) return false;
    this.credit -= UNIT;
    return true;
  }
}

interface CallDice {
  random: () => number;
  joins: Sampler;
  leaves: Sampler;
  uninvited: Sampler;
  /** Where the search for the next uninvited member resumes, in the chat's member order. */
  memberCursor: number;
}

export class CallActivity {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Joins and leaves that controls.attendance has planned and that have not happened yet. */
  private planned = 0;
  private readonly dice = new Map<string, CallDice>();
  private closed = false;

  constructor(private readonly env: MethodEnv) {}

  /** Arms the start of every scheduled call in the world (on start-up). */
  armScheduledStarts(): void {
    for (const call of this.env.world.calls) if (call.scheduleDate !== undefined && call.endDate === undefined) this.armStart(call);
  }

  /** Starts the call at its schedule_date, as its admin would (on Telegram an admin presses Start). */
  armStart(call: CallRecord): void {
    const due = (call.scheduleDate ?? 0) * 1000 - Date.now();
    this.later(Math.min(MAX_TIMER_MS, Math.max(0, due)), () => {
      const now = this.env.world.call(call.id);
      if (now?.scheduleDate === undefined) return;
      if (now.scheduleDate * 1000 > Date.now()) this.armStart(now);
      else this.startScheduled(now.id);
    });
  }

  /** Starts a scheduled call now: schedule_date cleared, updateGroupCall and the service message to members. */
  startScheduled(callId: bigint, starterId?: bigint): CallRecord | null {
    const started = this.env.world.startScheduledCall(callId, starterId);
    this.env.world.flush();
    if (!started) return null;
    if (!this.env.controls.dropCallStartUpdates) announceCall(this.env, started.call, started.posted);
    return started.call;
  }

  join(call: CallRecord, userId: bigint): CallParticipant {
    const participant = this.env.world.joinCall(call, userId);
    this.env.world.flush();
    this.announce(call, participant, 'joined');
    return participant;
  }

  leave(call: CallRecord, userId: bigint): CallParticipant {
    const participant = this.env.world.leaveCall(call, userId);
    this.env.world.flush();
    this.announce(call, participant, 'left');
    return participant;
  }

  /** After an invitation: with controls.attendance on, some invitees (and some uninvited members) come. */
  invited(call: CallRecord, invitees: bigint[]): void {
    const rules = this.env.controls.attendance;
    if (!rules) return;
    const dice = this.diceOf(call, rules);
    for (const userId of invitees) {
      if (dice.joins.pick(rules.joinShare)) this.joinLater(call.id, userId, rules, dice);
      if (dice.uninvited.pick(rules.uninvited)) {
        const someone = this.nextUninvited(call, dice);
        if (someone !== null) this.joinLater(call.id, someone, rules, dice);
      }
    }
  }

  /** How many joins and leaves attendance has planned that have not happened yet (tests wait for 0). */
  pendingAttendance(): number {
    return this.planned;
  }

  /** Stops every pending join, leave and scheduled start (the sandbox is closing). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private diceOf(call: CallRecord, rules: AttendanceRules): CallDice {
    const key = `${call.id}:${rules.seed}`;
    let dice = this.dice.get(key);
    if (!dice) {
      // One source per call and seed: what happens in one call doesn't depend on traffic in another.
      const random = seededRandom((rules.seed ^ Number(call.id % 2_147_483_647n)) >>> 0);
      dice = { random, joins: new Sampler(random), leaves: new Sampler(random), uninvited: new Sampler(random), memberCursor: 0 };
      this.dice.set(key, dice);
    }
    return dice;
  }

  private delay(rules: AttendanceRules, dice: CallDice): number {
    const [min, max] = rules.delayMs;
    return min + Math.floor(dice.random() * Math.max(0, max - min + 1));
  }

  private joinLater(callId: bigint, userId: bigint, rules: AttendanceRules, dice: CallDice): void {
    const leaves = dice.leaves.pick(rules.leaveShare);
    const leaveAfter = leaves ? this.delay(rules, dice) : 0;
    this.planLater(this.delay(rules, dice), () => {
      const call = this.env.world.call(callId);
      // Things changed meanwhile (the call ended, they left the group or are in already): nothing to do.
      if (!call || !this.canJoin(call, userId)) return;
      this.join(call, userId);
      if (leaves) {
        this.planLater(leaveAfter, () => {
          const now = this.env.world.call(callId);
          if (now && now.endDate === undefined && now.participants.some((p) => p.userId === userId)) this.leave(now, userId);
        });
      }
    });
  }

  private canJoin(call: CallRecord, userId: bigint): boolean {
    const { world } = this.env;
    return call.endDate === undefined && call.scheduleDate === undefined && world.isMember(call.chatId, userId) && !world.participantOf(call, userId);
  }

  /** The next member, in member order, who is a person, not invited by anyone and not in the call. */
  private nextUninvited(call: CallRecord, dice: CallDice): bigint | null {
    const { world } = this.env;
    const chat = world.chat(call.chatId)!;
    for (const member of world.members(chat, dice.memberCursor)) {
      dice.memberCursor += 1;
      const id = member.userId;
      if (world.user(id)?.kind !== 'person' || call.deliveries[String(id)] || world.participantOf(call, id)) continue;
      return id;
    }
    return null;
  }

  private planLater(ms: number, run: () => void): void {
    if (this.closed) return;
    this.planned += 1;
    this.later(ms, () => {
      this.planned -= 1;
      run();
    });
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * updateGroupCallParticipants{call, [participant], version} to the chat's signed-in members,
   * unless controls.dropParticipantUpdates (then only the version moved: a gap to catch up on).
   */
  private announce(call: CallRecord, participant: CallParticipant, change: 'joined' | 'left'): void {
    const { world, controls, pushes } = this.env;
    if (controls.dropParticipantUpdates) return;
    for (const userId of world.signedInUsers()) {
      if (!world.isMember(call.chatId, userId)) continue;
      const entities = new Entities(world, userId).peer(participant.peer);
      pushes.toUser(userId, new Api.Updates({
        updates: [new Api.UpdateGroupCallParticipants({
          call: new Api.InputGroupCall({ id: long(call.id), accessHash: long(call.accessHash) }),
          participants: [participantToApi(world, userId, call, participant, change)],
          version: call.version,
        })],
        users: entities.apiUsers(),
        chats: entities.apiChats(),
        date: world.now(),
        seq: 0,
      }));
    }
  }
}
