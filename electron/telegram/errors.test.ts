import { describe, expect, it } from 'vitest';
import { codeForTelegramError } from './errors';

describe('codeForTelegramError', () => {
  it('maps aliases, catalogue names and flood waits', () => {
    expect(codeForTelegramError('USER_IS_BLOCKED')).toBe('USER_BLOCKED');
    expect(codeForTelegramError('USER_ALREADY_INVITED')).toBe('USER_ALREADY_INVITED');
    expect(codeForTelegramError('FLOOD_WAIT_42')).toBe('FLOOD_WAIT');
    expect(codeForTelegramError('SOMETHING_NEW')).toBe('TELEGRAM_UNKNOWN');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'item 13: reads only its own aliases, so an error named %s is unknown',
    (name) => expect(codeForTelegramError(name)).toBe('TELEGRAM_UNKNOWN'),
  );
});
