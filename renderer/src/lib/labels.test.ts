import { describe, expect, it } from 'vitest';
import { person } from '../testSupport/fixtures';
import { kindSkipReason, personHandle } from './labels';

describe('labels', () => {
  it('item 8: kindSkipReason leaves out self, bots and deleted accounts, and nobody else', () => {
    expect(kindSkipReason('self')).toBe('self');
    expect(kindSkipReason('bot')).toBe('bot');
    expect(kindSkipReason('deleted')).toBe('deleted');
    expect(kindSkipReason('user')).toBeNull();
  });

  it('item 8: personHandle prefers the username, else the phone with one plus sign', () => {
    expect(personHandle(person({ username: 'ada', phone: '441234' }))).toBe('@ada');
    expect(personHandle(person({ username: null, phone: '441234' }))).toBe('+441234');
    expect(personHandle(person({ username: null, phone: '+441234' }))).toBe('+441234');
    expect(personHandle(person({ username: null, phone: null }))).toBe('');
  });
});
