import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import { parseCallLink } from './callLink';

function codeOf(link: string): string {
  try {
    parseCallLink(link);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('parseCallLink', () => {
  it.each([
    ['https://t.me/rust_meetup_berlin?videochat', 'rust_meetup_berlin', 'videochat', null],
    ['https://t.me/rust_meetup_berlin?videochat=abc123', 'rust_meetup_berlin', 'videochat', 'abc123'],
    ['http://t.me/rust_meetup_berlin?voicechat', 'rust_meetup_berlin', 'voicechat', null],
    ['t.me/adas_podcast?livestream', 'adas_podcast', 'livestream', null],
    ['  https://telegram.me/Rust_Meetup_Berlin?videochat  ', 'Rust_Meetup_Berlin', 'videochat', null],
    ['https://www.t.me/rust_meetup_berlin/?voicechat=ff00', 'rust_meetup_berlin', 'voicechat', 'ff00'],
    ['https://telegram.dog/rust_meetup_berlin?videochat', 'rust_meetup_berlin', 'videochat', null],
    ['https://rust_meetup_berlin.t.me?videochat', 'rust_meetup_berlin', 'videochat', null],
    ['https://t.me/s/adas_podcast?livestream', 'adas_podcast', 'livestream', null],
    ['tg://resolve?domain=rust_meetup_berlin&videochat', 'rust_meetup_berlin', 'videochat', null],
    ['tg://resolve?domain=rust_meetup_berlin&voicechat=hash1', 'rust_meetup_berlin', 'voicechat', 'hash1'],
    ['TG://resolve?domain=adas_podcast&livestream=', 'adas_podcast', 'livestream', null],
  ])('reads %s', (link, username, kind, inviteHash) => {
    expect(parseCallLink(link)).toEqual({ username, kind, inviteHash });
  });

  it.each([
    ['', 'LINK_INVALID'],
    ['   ', 'LINK_INVALID'],
    ['hello there', 'LINK_INVALID'],
    ['rust_meetup_berlin', 'LINK_INVALID'],
    ['@rust_meetup_berlin', 'LINK_INVALID'],
    ['https://', 'LINK_INVALID'],
    ['https://t.me/ab?videochat', 'LINK_INVALID'],
    ['https://t.me/9lives?videochat', 'LINK_INVALID'],
    ['https://example.com/rust_meetup_berlin?videochat', 'LINK_NOT_TELEGRAM'],
    ['zoom.us/j/123?videochat', 'LINK_NOT_TELEGRAM'],
    ['https://t.me.evil.example/rust_meetup_berlin?videochat', 'LINK_NOT_TELEGRAM'],
    ['ftp://t.me/rust_meetup_berlin?videochat', 'LINK_NOT_TELEGRAM'],
    ['https://t.me/rust_meetup_berlin', 'LINK_NOT_A_CALL'],
    ['https://t.me/rust_meetup_berlin?start=1', 'LINK_NOT_A_CALL'],
    ['https://t.me/rust_meetup_berlin/42', 'LINK_NOT_A_CALL'],
    ['https://t.me/rust_meetup_berlin/42?videochat', 'LINK_NOT_A_CALL'],
    ['https://t.me/+AbCdEfGhIjk', 'LINK_NOT_A_CALL'],
    ['https://t.me/+442071234567', 'LINK_NOT_A_CALL'],
    ['https://t.me/joinchat/AbCdEf', 'LINK_NOT_A_CALL'],
    ['https://t.me/c/1234567/89', 'LINK_NOT_A_CALL'],
    ['https://t.me/addstickers/Animals', 'LINK_NOT_A_CALL'],
    ['https://t.me/', 'LINK_NOT_A_CALL'],
    ['tg://join?invite=AbCd', 'LINK_NOT_A_CALL'],
    ['tg://resolve?domain=rust_meetup_berlin', 'LINK_NOT_A_CALL'],
    ['tg://resolve?videochat', 'LINK_NOT_A_CALL'],
  ])('refuses %j with %s', (link, code) => {
    expect(codeOf(link)).toBe(code);
  });

  it('says which part is wrong', () => {
    expect(() => parseCallLink('https://example.com/x?videochat')).toThrow(/example\.com/);
    expect(() => parseCallLink('https://t.me/rust_meetup_berlin')).toThrow(/@rust_meetup_berlin.*videochat/);
  });
});
