// The plan: who will be sent an invite, who is left out and why, and whether Telegram will
// refuse the whole call. Pure: the engine gathers the facts (the call, the account, the people,
// who is in the call, whom Rollcall invited before) and this decides.
import type { InvitePlan, PersonOutcome, SkipReason } from '../../../shared/domain/invite';
import type { CallSummary, Person } from '../../../shared/domain/people';

export interface PlanFacts {
  call: CallSummary;
  self: Person;
  /** The requested ids, in the organiser's order (duplicates are ignored). */
  requestedIds: readonly string[];
  /** What the directory knows about them; ids it has never seen are missing. */
  known: readonly Person[];
  /** Everyone in the call right now. */
  participantIds: ReadonlySet<string>;
  /** People an earlier run of this call invited (or found already invited). */
  invitedBefore: ReadonlySet<string>;
  batchSize: number;
  now: number;
}

export function planInvite(facts: PlanFacts): InvitePlan {
  const byId = new Map(facts.known.map((p) => [p.id, p]));
  const people: PersonOutcome[] = [];
  const seen = new Set<string>();
  for (const id of facts.requestedIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    people.push(planPerson(id, byId.get(id), facts));
  }
  const toSend = people.filter((p) => p.status === 'queued').length;
  return {
    callId: facts.call.id,
    callProblem: callProblem(facts.call),
    preflight: preflight(facts.call),
    people,
    toSend,
    batches: Math.ceil(toSend / facts.batchSize),
  };
}

function planPerson(id: string, person: Person | undefined, facts: PlanFacts): PersonOutcome {
  const base = {
    personId: id,
    name: person?.name ?? `Unknown person ${id}`,
    username: person?.username ?? null,
    skipReason: null,
    error: null,
    attempts: 0,
    updatedAt: facts.now,
  };
  if (!person) {
    // Without an access hash Telegram can't be asked about them at all.
    return { ...base, status: 'failed', error: { code: 'USER_ID_INVALID', message: `Rollcall has not seen a person with id ${id} in this session.` } };
  }
  const skip = skipReason(person, facts);
  return skip ? { ...base, status: 'skipped', skipReason: skip } : { ...base, status: 'queued' };
}

function skipReason(person: Person, facts: PlanFacts): SkipReason | null {
  if (person.id === facts.self.id || person.kind === 'self') return 'self';
  if (person.kind === 'bot') return 'bot';
  if (person.kind === 'deleted') return 'deleted';
  if (facts.participantIds.has(person.id)) return 'inCall';
  if (facts.invitedBefore.has(person.id)) return 'invitedBefore';
  return null;
}

/** Refusals Telegram would give every invite of this call, known before sending anything. */
export function callProblem(call: CallSummary): InvitePlan['callProblem'] {
  const where = call.title ? `“${call.title}” in ${call.chat.title}` : `the call in ${call.chat.title}`;
  if (call.state === 'ended' || call.warnings.includes('ended')) {
    return { code: 'GROUPCALL_FORBIDDEN', message: `${where} has ended.` };
  }
  // Telegram refuses invites to a call that hasn't started (GROUPCALL_FORBIDDEN): a planned run waits for it.
  if (call.state === 'scheduled') return { code: 'CALL_NOT_STARTED', message: `${where} has not started yet.` };
  if (call.joinAs.kind === 'channel' || call.warnings.includes('joinedAsChannel')) {
    const as = call.joinAs.title ? `the channel “${call.joinAs.title}”` : 'a channel';
    return { code: 'INVITE_FORBIDDEN_WITH_JOINAS', message: `You are in ${where} as ${as}.` };
  }
  // tdesktop never offers invites in a broadcast channel: nothing is sent, the link is offered.
  if (call.chat.kind === 'channel' || call.warnings.includes('broadcastChannel')) {
    return { code: 'PREFLIGHT_BROADCAST', message: `${where} is a channel’s live stream.` };
  }
  return null;
}

/**
 * What official clients check before they offer invites (tdesktop calls_group_panel.cpp): a
 * broadcast channel blocks; not being allowed to send messages, or not having joined the call,
 * warn, since whether Telegram refuses then is not public (TELEGRAM-EVIDENCE.md). Each comes
 * with the listener link offered instead.
 */
export function preflight(call: CallSummary): InvitePlan['preflight'] {
  if (call.state !== 'active') return [];
  const findings: InvitePlan['preflight'] = [];
  const chat = call.chat.title;
  if (call.chat.kind === 'channel' || call.warnings.includes('broadcastChannel')) {
    findings.push({ code: 'PREFLIGHT_BROADCAST', message: `${chat} is a broadcast channel.`, blocks: true });
  } else if (call.warnings.includes('cannotSendMessages')) {
    findings.push({ code: 'PREFLIGHT_CANNOT_SEND', message: `Your account may not send messages in ${chat}.`, blocks: false });
  }
  if (call.joinAs.kind === 'notJoined' || call.warnings.includes('notJoined')) {
    findings.push({ code: 'PREFLIGHT_NOT_JOINED', message: `You are not among the participants of the call in ${chat}.`, blocks: false });
  }
  return findings;
}
