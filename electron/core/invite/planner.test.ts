import { describe, expect, it } from 'vitest';
import type { CallSummary, Person } from '../../../shared/domain/people';
import { planInvite, type PlanFacts } from './planner';

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

  it('predicts INVITE_FORBIDDEN_WITH_JOINAS when the account joined as a channel', () => {
    const plan = planInvite(facts({ call: { ...call, joinAs: { kind: 'channel', title: 'My Podcast' }, warnings: ['joinedAsChannel'] } }));
    expect(plan.callProblem).toEqual({ code: 'INVITE_FORBIDDEN_WITH_JOINAS', message: 'You are in “Monthly” in Rust Meetup as the channel “My Podcast”.' });
  });
});
