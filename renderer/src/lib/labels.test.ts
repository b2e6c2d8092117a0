import { describe, expect, it } from 'vitest';
import { call, person } from '../testSupport/fixtures';
import {
  CHAT_KIND_LABEL,
  RUN_STATE_LABEL,
  SKIP_REASON_LABEL,
  STATUS_LABEL,
  callName,
  joinAsLabel,
  kindSkipReason,
  personHandle,
  roleLabel,
  statusPhrase,
  targetLabel,
} from './labels';

describe('labels', () => {
  it('item 8: every status, skip reason, run state and chat kind has words', () => {
    for (const table of [STATUS_LABEL, SKIP_REASON_LABEL, RUN_STATE_LABEL, CHAT_KIND_LABEL]) {
      for (const words of Object.values(table)) expect(words.trim()).not.toBe('');
    }
    expect(STATUS_LABEL.skipped).toBe('Left out');
    expect(RUN_STATE_LABEL.floodWait).toBe('Waiting for Telegram');
  });

  it('item 8: statusPhrase is lower-case after a count and agrees with it for non-members', () => {
    expect(statusPhrase('alreadyInvited', 3)).toBe('already invited');
    expect(statusPhrase('notMember', 1)).toBe('not a member');
    expect(statusPhrase('notMember', 2)).toBe('not members');
  });

  it('item 8: kindSkipReason leaves out self, bots and deleted accounts, and nobody else', () => {
    expect(kindSkipReason('self')).toBe('self');
    expect(kindSkipReason('bot')).toBe('bot');
    expect(kindSkipReason('deleted')).toBe('deleted');
    expect(kindSkipReason('user')).toBeNull();
  });

  it('item 8: callName joins the chat and the call title, from a summary or a run', () => {
    expect(callName(call())).toBe('Rust Meetup Berlin — Monthly meetup');
    expect(callName(call({ title: null }))).toBe('Rust Meetup Berlin');
    expect(callName({ title: 'Q&A', chatTitle: 'Book club' })).toBe('Book club — Q&A');
  });

  it('item 8: joinAsLabel and roleLabel describe the account in the call', () => {
    expect(joinAsLabel({ kind: 'self', title: null })).toBe('Joined as yourself');
    expect(joinAsLabel({ kind: 'channel', title: 'Meetup News' })).toBe('Joined as the channel Meetup News');
    expect(joinAsLabel({ kind: 'channel', title: null })).toBe('Joined as the channel');
    expect(joinAsLabel({ kind: 'notJoined', title: null })).toBe('Not in the call');
    expect(roleLabel(call({ canManage: true }))).toBe('You manage this call');
    expect(roleLabel(call({ canManage: false }))).toBe('You don’t manage this call');
  });

  it('item 8: personHandle prefers the username, else the phone with one plus sign', () => {
    expect(personHandle(person({ username: 'ada', phone: '441234' }))).toBe('@ada');
    expect(personHandle(person({ username: null, phone: '441234' }))).toBe('+441234');
    expect(personHandle(person({ username: null, phone: '+441234' }))).toBe('+441234');
    expect(personHandle(person({ username: null, phone: null }))).toBe('');
  });

  it('item 8: targetLabel names where sign-in goes', () => {
    expect(targetLabel('sandbox')).toBe('the sandbox');
    expect(targetLabel('telegram')).toBe('Telegram');
  });
});
