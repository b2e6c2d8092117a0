import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import { describe, expect, it } from 'vitest';
import { PeerCache } from './peers';

const user = (id: number, fields: Partial<ConstructorParameters<typeof Api.User>[0]> = {}) =>
  new Api.User({ id: returnBigInt(id), accessHash: returnBigInt(id * 7), firstName: `Person ${id}`, username: `p${id}`, ...fields });

describe('PeerCache', () => {
  it('keeps how to address a user and who they are, as plain data', () => {
    const cache = new PeerCache();
    cache.rememberUsers([user(1), user(2, { bot: true, username: undefined, phone: '4915112345678' }), new Api.UserEmpty({ id: returnBigInt(3) })]);
    expect(cache.person('1')).toEqual({ id: '1', name: 'Person 1', username: 'p1', phone: null, kind: 'user', isContact: false });
    expect(cache.person('2')).toMatchObject({ kind: 'bot', phone: '+4915112345678', username: null });
    expect(cache.person('3')).toBeUndefined();
    expect(cache.canAddress('1')).toBe(true);
    expect(cache.canAddress('3')).toBe(false);
    expect(cache.inputUser('1')).toMatchObject({ userId: returnBigInt(1), accessHash: returnBigInt(7) });
    expect(cache.inputPeerUser('2')).toMatchObject({ userId: returnBigInt(2), accessHash: returnBigInt(14) });
    expect(() => cache.inputUser('3')).toThrow(expect.objectContaining({ code: 'USER_ID_INVALID' }));
  });

  it('a "min" user from an update never replaces what a full one said (it has no usable access hash)', () => {
    const cache = new PeerCache();
    cache.rememberUsers([user(1)]);
    cache.rememberUsers([user(1, { min: true, accessHash: returnBigInt(99), firstName: 'Changed' })]);
    expect(cache.person('1')?.name).toBe('Person 1');
    expect(cache.inputUser('1').accessHash).toEqual(returnBigInt(7));
  });

  it('does not hold on to GramJS’s objects: 20,000 users cost a fraction of what the objects themselves do', () => {
    // The heap is only comparable after a forced collection: expose V8's gc to this test.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
    const before = heap();
    const cache = new PeerCache();
    // In a frame of its own, so nothing of this function's keeps GramJS's objects alive after it.
    const withObjects = (() => {
      const users = Array.from({ length: 20_000 }, (_, i) => user(i + 1, { lastName: 'Example', phone: '4915100000000' }));
      cache.rememberUsers(users);
      return heap() - before;
    })();
    const kept = heap() - before;
    expect(cache.person('20000')?.name).toBe('Person 20000 Example');
    expect(kept).toBeLessThan(withObjects / 3);
  });
});
