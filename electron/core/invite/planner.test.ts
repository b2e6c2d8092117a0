import { describe, expect, it } from 'vitest';
import type { CallSummary, Person } from '../../../shared/domain/people';
import { callProblem, planInvite, preflight, type PlanFacts } from './planner';

const call: CallSummary = {
  id: '50',
  chat: { id: '60', title: 'Rust Meetup', kind: 'supergroup', username: null },
  title: 'Monthly',
  participantsCount: 2,
  state: 'active',
  canManage: true,
  joinAs: { kind: 'self', title: null },
  warnings: [],
};
const p = (id: string, kind: Person['kind'] = 'user'): Person => ({ id, name: `P${id}`, username: null, phone: null, kind, isContact: false });

const facts = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  call,
  self: p('1', 'self'),
  requestedIds: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  known: [p('1', 'self'), p('2', 'bot'), p('3', 'deleted'), p('4'), p('5'), p('6'), p('7'), p('8')],
  participantIds: new Set(['1', '4']),
  invitedBefore: new Set(['5']),
  batchSize: 2,
  now: 1000,
  ...over,
});

describe('planInvite', () => {
  it('leaves out self, bots, deleted accounts, people in the call and people invited before, each with its reason', () => {
    const plan = planInvite(facts());
    const byId = Object.fromEntries(plan.people.map((o) => [o.personId, o]));
    expect(byId['1']).toMatchObject({ status: 'skipped', skipReason: 'self' });
    expect(byId['2']).toMatchObject({ status: 'skipped', skipReason: 'bot' });
    expect(byId['3']).toMatchObject({ status: 'skipped', skipReason: 'deleted' });
    expect(byId['4']).toMatchObject({ status: 'skipped', skipReason: 'inCall' });
    expect(byId['5']).toMatchObject({ status: 'skipped', skipReason: 'invitedBefore' });
    expect(['6', '7', '8'].map((id) => byId[id]!.status)).toEqual(['queued', 'queued', 'queued']);
    expect(plan).toMatchObject({ callId: '50', callProblem: null, toSend: 3, batches: 2 });
  });

  it('marks ids the directory has never seen as failed (USER_ID_INVALID) instead of sending them', () => {
    const plan = planInvite(facts());
    expect(plan.people.find((o) => o.personId === '9')).toMatchObject({ status: 'failed', error: { code: 'USER_ID_INVALID' } });
  });

  it('keeps the organiser’s order and ignores duplicates', () => {
    const plan = planInvite(facts({ requestedIds: ['8', '6', '8', '7', '6'] }));
    expect(plan.people.map((o) => o.personId)).toEqual(['8', '6', '7']);
  });

  it('predicts an ended call (GROUPCALL_FORBIDDEN) before anything is sent', () => {
    const plan = planInvite(facts({ call: { ...call, state: 'ended', warnings: ['ended'] } }));
    expect(plan.callProblem).toEqual({ code: 'GROUPCALL_FORBIDDEN', message: '“Monthly” in Rust Meetup has ended.' });
  });

  it('issue 12 item 4: a scheduled call takes no invites before it starts (CALL_NOT_STARTED), and has nothing to warn about yet', () => {
    const scheduled = { ...call, state: 'scheduled' as const, scheduled: { date: 1, subscribed: false }, joinAs: { kind: 'notJoined' as const, title: null } };
    const plan = planInvite(facts({ call: scheduled }));
    expect(plan.callProblem).toEqual({ code: 'CALL_NOT_STARTED', message: '“Monthly” in Rust Meetup has not started yet.' });
    expect(plan.preflight).toEqual([]);
  });

  it('predicts INVITE_FORBIDDEN_WITH_JOINAS when the account joined as a channel', () => {
    const plan = planInvite(facts({ call: { ...call, joinAs: { kind: 'channel', title: 'My Podcast' }, warnings: ['joinedAsChannel'] } }));
    expect(plan.callProblem).toEqual({ code: 'INVITE_FORBIDDEN_WITH_JOINAS', message: 'You are in “Monthly” in Rust Meetup as the channel “My Podcast”.' });
  });
});

describe('item 10: pre-flight, as tdesktop checks before offering invites', () => {
  const base: CallSummary = {
    id: '1',
    chat: { id: '2', title: 'Chat', kind: 'supergroup', username: 'chat' },
    title: null,
    participantsCount: 3,
    state: 'active',
    canManage: true,
    joinAs: { kind: 'self', title: null },
    warnings: [],
  };

  it('item 10: a broadcast channel’s live stream blocks, with the reason', () => {
    const call: CallSummary = { ...base, chat: { ...base.chat, kind: 'channel' }, warnings: ['broadcastChannel'] };
    expect(preflight(call)).toEqual([{ code: 'PREFLIGHT_BROADCAST', message: 'Chat is a broadcast channel.', blocks: true }]);
    expect(callProblem(call)).toMatchObject({ code: 'PREFLIGHT_BROADCAST' });
  });

  it('item 10: not allowed to send messages, or not joined, warns without blocking', () => {
    const call: CallSummary = { ...base, joinAs: { kind: 'notJoined', title: null }, warnings: ['cannotSendMessages', 'notJoined'] };
    expect(preflight(call).map((f) => [f.code, f.blocks])).toEqual([
      ['PREFLIGHT_CANNOT_SEND', false],
      ['PREFLIGHT_NOT_JOINED', false],
    ]);
    expect(callProblem(call)).toBeNull();
  });

  it('item 10: a call the account joined as itself, in a chat it may post in, has no findings', () => {
    expect(preflight(base)).toEqual([]);
  });
});
