import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseHello } from './socketProtocol';

describe('the preview socket protocol', () => {
  it('item 1: a hello is exactly {type:"hello", token} with a non-empty string token', () => {
    expect(parseHello('{"type":"hello","token":"abc"}')).toBe('abc');
    expect(parseHello('{"token":"abc","type":"hello"}')).toBe('abc');
    for (const text of [
      '',
      'null',
      '[]',
      '"hello"',
      '{"type":"hello"}',
      '{"type":"hello","token":""}',
      '{"type":"hello","token":1}',
      '{"type":"hello","token":["abc"]}',
      '{"type":"Hello","token":"abc"}',
      '{"type":"hello","token":"abc","id":1}',
      '{"id":1,"channel":"appInfo","payload":{}}',
      `{"type":"hello","token":"${'x'.repeat(300)}"}`,
    ]) {
      expect(parseHello(text), text).toBeNull();
    }
  });

  it('reads a call shallowly and refuses what is not one', () => {
    expect(parseClientMessage('{"id":1,"channel":"appInfo","payload":{}}')).toEqual({ id: 1, channel: 'appInfo', payload: {} });
    expect(parseClientMessage('{"type":"hello","token":"abc"}')).toBeNull();
    expect(parseClientMessage('[1]')).toBeNull();
    expect(parseClientMessage('nope')).toBeNull();
  });
});
