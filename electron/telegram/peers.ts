// Everything GramJS needs to address a user, chat or call again later (ids with their access
// hashes), remembered as the directory sees them. Only plain ids cross IPC; this cache turns
// them back into Input* objects. It lives and dies with one signed-in session.
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import type bigInt from 'big-integer';
import type { Person } from '../../shared/domain/people';
import { AppError } from '../../shared/ipc/result';
import { buildPerson } from './buildPeople';

/**
 * What is kept of a user: how to address them and how to describe them, not GramJS's object
 * (its fields, their original arguments and bigInts), which a 100,000-contact account keeps
 * for the whole session.
 */
interface KnownUser {
  userId: bigInt.BigInteger;
  accessHash: bigInt.BigInteger | undefined;
  person: Person;
}

export interface KnownCall {
  input: Api.InputGroupCall;
  /** The chat the call belongs to. */
  chatId: string;
  /** The chat's member count when the call was read (null: not known). */
  memberCount: number | null;
}

export class PeerCache {
  private readonly users = new Map<string, KnownUser>();
  private readonly chats = new Map<string, Api.Chat | Api.Channel>();
  private readonly calls = new Map<string, KnownCall>();

  rememberUsers(users: readonly Api.TypeUser[]): void {
    for (const user of users) if (user instanceof Api.User) this.rememberUser(user);
  }

  /** Keeps the user; returns the person as this session knows them now. */
  rememberUser(user: Api.User): Person {
    // A "min" user (from updates) carries no usable access hash: never let it replace a full one.
    const known = user.min ? this.users.get(user.id.toString()) : undefined;
    if (known) return known.person;
    const person = buildPerson(user);
    this.users.set(person.id, { userId: user.id, accessHash: user.accessHash, person });
    return person;
  }

  rememberChats(chats: readonly Api.TypeChat[]): void {
    for (const chat of chats) {
      if (!(chat instanceof Api.Chat || chat instanceof Api.Channel)) continue;
      const id = chat.id.toString();
      if (chat instanceof Api.Channel && chat.min && this.chats.has(id)) continue;
      this.chats.set(id, chat);
    }
  }

  rememberCall(input: Api.InputGroupCall, chatId: string, memberCount: number | null = null): void {
    this.calls.set(input.id.toString(), { input, chatId, memberCount });
  }

  knowsCall(id: string): boolean {
    return this.calls.has(id);
  }

  /** The person as last seen in this session. */
  person(id: string): Person | undefined {
    return this.users.get(id)?.person;
  }

  /** Whether this session can address the person (it has their access hash). */
  canAddress(id: string): boolean {
    return this.users.get(id)?.accessHash !== undefined;
  }

  chat(id: string): Api.Chat | Api.Channel | undefined {
    return this.chats.get(id);
  }

  call(id: string): KnownCall {
    const known = this.calls.get(id);
    if (!known) throw new AppError('CALL_NOT_FOUND', `Rollcall has not seen a call with id ${id} in this session.`);
    return known;
  }

  inputPeerUser(id: string): Api.InputPeerUser {
    const user = this.users.get(id);
    return new Api.InputPeerUser({ userId: user?.userId ?? returnBigInt(id), accessHash: user?.accessHash ?? returnBigInt(0) });
  }

  inputUser(id: string): Api.InputUser {
    const user = this.users.get(id);
    if (!user || user.accessHash === undefined) {
      throw new AppError('USER_ID_INVALID', `Rollcall has not seen a person with id ${id} in this session.`);
    }
    return new Api.InputUser({ userId: user.userId, accessHash: user.accessHash });
  }

  clear(): void {
    this.users.clear();
    this.chats.clear();
    this.calls.clear();
  }
}
