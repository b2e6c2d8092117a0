// Small facts about people shown in several places. Their words are messages (shared/i18n);
// these only pick or shape values.
import type { SkipReason } from '../../../shared/domain/invite';
import type { Person } from '../../../shared/domain/people';

/** What the person's kind alone says about inviting them, before any plan arrives. */
export function kindSkipReason(kind: Person['kind']): SkipReason | null {
  if (kind === 'self') return 'self';
  if (kind === 'bot') return 'bot';
  if (kind === 'deleted') return 'deleted';
  return null;
}

/** "@ada" or "+4915112345678": a value, never translated (shown left to right). */
export function personHandle(person: Pick<Person, 'username' | 'phone'>): string {
  if (person.username) return `@${person.username}`;
  if (person.phone) return `+${person.phone.replace(/^\+/, '')}`;
  return '';
}
