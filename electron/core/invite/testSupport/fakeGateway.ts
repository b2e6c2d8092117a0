// A small Telegram of its own for the engine's pure-logic tests: one call, members, people in
// the call, who invited whom, and scripted failures. It refuses a second invitation as
// Telegram does (USER_ALREADY_INVITED, the whole request fails) and counts deliveries, so a
// test can prove nobody was invited twice. The must-show tests use the real sandbox instead.
import type { CallSummary, Person } from '../../../../shared/domain/people';
import { AppError } from '../../../../shared/ipc/result';
import type { AddResult, BatchResult, InviteGateway } from '../ports';

export const CALL_ID = '9001';
export const SELF_ID = '1';

export interface FakeOptions {
  /** Ids of people, members of the chat unless listed in nonMembers. */
  people: string[];
  nonMembers?: string[];
  bots?: string[];
  deleted?: string[];
  inCall?: string[];
  /** Invited to the call before (by anyone): Telegram refuses them. */
  alreadyInvited?: string[];
  /** Telegram refuses these people one by one with this code (privacy and the like). */
  refusals?: Record<string, AppError>;
}

export type Script = (request: { ids: readonly string[]; n: number }) => BatchResult | AppError | 'default' | Promise<BatchResult | AppError | 'default'>;

export class FakeGateway implements InviteGateway {
  readonly deliveries = new Map<string, number>();
  readonly requests: string[][] = [];
  call: CallSummary = {
    id: CALL_ID,
    chat: { id: '777', title: 'Test Group', kind: 'supergroup', username: null },
    title: 'Weekly call',
    participantsCount: 1,
    state: 'active',
    canManage: true,
    joinAs: { kind: 'self', title: null },
    warnings: [],
  };
  shape: 'itemised' | 'unitemised' = 'itemised';
  /** Runs before each phone.inviteToGroupCall; 'default' lets Telegram's rules answer. */
  script: Script = () => 'default';
  readonly members: Set<string>;
  readonly inCall: Set<string>;
  readonly invited: Set<string>;
  readonly added: string[] = [];

  constructor(private readonly o: FakeOptions) {
    const non = new Set(o.nonMembers ?? []);
    this.members = new Set(o.people.filter((id) => !non.has(id)));
    this.inCall = new Set([SELF_ID, ...(o.inCall ?? [])]);
    this.invited = new Set(o.alreadyInvited ?? []);
  }

  async getCall(): Promise<CallSummary> {
    return this.call;
  }

  async participantIds(): Promise<Set<string>> {
    return new Set(this.inCall);
  }

  async self(): Promise<Person> {
    return person(SELF_ID, 'self');
  }

  async people(ids: readonly string[]): Promise<Person[]> {
    const known = new Set([SELF_ID, ...this.o.people]);
    return ids.filter((id) => known.has(id)).map((id) => {
      if (id === SELF_ID) return person(id, 'self');
      if (this.o.bots?.includes(id)) return person(id, 'bot');
      if (this.o.deleted?.includes(id)) return person(id, 'deleted');
      return person(id, 'user');
    });
  }

  /** Whether the organiser is a member of the chat (the USER_NOT_PARTICIPANT check). */
  selfMember = true;
  readonly membershipChecks: number[] = [];

  async selfIsMember(): Promise<boolean> {
    this.membershipChecks.push(this.requests.length);
    return this.selfMember;
  }

  async inviteBatch(callId: string, personIds: readonly string[]): Promise<BatchResult> {
    if (callId !== CALL_ID) throw new AppError('CALL_NOT_FOUND', callId);
    this.requests.push([...personIds]);
    const scripted = await this.script({ ids: personIds, n: this.requests.length });
    if (scripted instanceof AppError) throw scripted;
    if (scripted !== 'default') return scripted;
    return this.applyRules(personIds);
  }

  /** What Telegram does with a request (scripts call it to let a request land, then lose its answer). */
  applyRules(personIds: readonly string[]): BatchResult {
    if (this.call.state === 'ended') throw new AppError('GROUPCALL_FORBIDDEN', 'GROUPCALL_FORBIDDEN');
    if (!this.selfMember) throw new AppError('USER_NOT_PARTICIPANT', 'USER_NOT_PARTICIPANT');
    const invitees: string[] = [];
    for (const id of personIds) {
      if (this.inCall.has(id)) continue; // Telegram leaves participants out silently.
      const refusal = this.o.refusals?.[id];
      if (refusal) throw refusal;
      if (!this.members.has(id)) throw new AppError('USER_NOT_PARTICIPANT', 'USER_NOT_PARTICIPANT');
      if (this.invited.has(id)) throw new AppError('USER_ALREADY_INVITED', 'USER_ALREADY_INVITED');
      invitees.push(id);
    }
    for (const id of invitees) {
      this.invited.add(id);
      this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
    }
    return this.shape === 'itemised' ? { kind: 'itemised', invitedIds: invitees } : { kind: 'unitemised', constructorName: 'UpdatesTooLong' };
  }

  /** Add requests as sent (each one request), and a script run before each. */
  readonly addRequests: string[][] = [];
  addScript: (request: { ids: readonly string[]; n: number }) => AddResult | AppError | 'default' = () => 'default';

  /** One add request: one person's refusal fails the whole request, as the sandbox does. */
  async addToChat(_callId: string, personIds: readonly string[]): Promise<AddResult> {
    this.addRequests.push([...personIds]);
    const scripted = this.addScript({ ids: personIds, n: this.addRequests.length });
    if (scripted instanceof AppError) throw scripted;
    if (scripted !== 'default') return scripted;
    for (const id of personIds) {
      const refusal = this.o.refusals?.[id];
      if (refusal) throw refusal;
    }
    for (const id of personIds) {
      if (this.members.has(id)) continue;
      this.members.add(id);
      this.added.push(id);
    }
    return { missing: [] };
  }

  async exportInviteLink(_callId: string, role: 'listener' | 'speaker'): Promise<string> {
    return role === 'speaker' ? 'https://t.me/test_group?videochat=abc' : 'https://t.me/test_group?videochat';
  }
}

function person(id: string, kind: Person['kind']): Person {
  return { id, name: `Person ${id}`, username: `p${id}`, phone: null, kind, isContact: true };
}

/** Ids "100", "101", ... */
export const ids = (count: number, from = 100): string[] => Array.from({ length: count }, (_, i) => String(from + i));
