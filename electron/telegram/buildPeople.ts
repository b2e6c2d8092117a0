// GramJS users → the plain Person the renderer sees.
import { Api } from 'telegram';
import type { Person, PersonKind } from '../../shared/domain/people';

export function personKind(user: Api.User): PersonKind {
  if (user.self) return 'self';
  if (user.deleted) return 'deleted';
  if (user.bot) return 'bot';
  return 'user';
}

export function personName(user: Api.User): string {
  if (user.deleted) return 'Deleted Account';
  const { firstName: first, lastName: last } = user;
  const name = (first && last ? `${first} ${last}` : first || last || '').trim();
  return name || (user.username ? `@${user.username}` : user.phone ? `+${user.phone}` : `User ${user.id.toString()}`);
}

export function buildPerson(user: Api.User): Person {
  return {
    id: user.id.toString(),
    name: personName(user),
    username: user.username ?? user.usernames?.find((u) => u.active)?.username ?? null,
    phone: user.phone ? `+${user.phone}` : null,
    kind: personKind(user),
    isContact: Boolean(user.contact),
  };
}

/** Users among a reply's users, in the given order of ids, skipping UserEmpty and unknown ids. */
export function usersById(users: readonly Api.TypeUser[]): Map<string, Api.User> {
  const byId = new Map<string, Api.User>();
  for (const user of users) if (user instanceof Api.User) byId.set(user.id.toString(), user);
  return byId;
}
