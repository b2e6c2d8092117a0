// Issue 11, item 2: the members of a big group streamed through the contract, the real core and
// GramJS against the sandbox: every member once and in order, the first page of 200 first, the
// requests in flight bounded and each page asked for once, a stopped stream that asks for
// nothing more, and a flood wait mid-stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../shared/domain/people';
import { MEMBERS_FIRST_IN_FLIGHT, MEMBERS_IN_FLIGHT, MEMBERS_PAGE } from '../telegram/directory';
import { startTestCore, type TestCore } from './testSupport/host';
import { newStreamId, pagesOf, streamPeople } from './testSupport/people';

const MEMBERS = 10_000;
const METHOD = 'channels.getParticipants';

let t: TestCore;
let rust: CallSummary;
let order: string[];
const sandbox = () => t.core.embeddedSandbox()!;
const requests = () => sandbox().stats().byMethod[METHOD] ?? 0;

beforeAll(async () => {
  t = await startTestCore({ sandbox: { size: { members: MEMBERS } } });
  await t.ok('authExploreSandbox', {});
  rust = (await t.ok('callsList', {})).calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const { world } = sandbox();
  order = [...world.model.members(world.model.chat(world.ids.rustMeetup)!)].map((m) => m.userId.toString());
});
afterAll(() => t.close());

describe('item 2: streaming the members of a big group', () => {
  it('item 2: every member exactly once, in the group’s order; the first page is 200 and comes first', async () => {
    expect(order.length).toBeGreaterThanOrEqual(MEMBERS);
    const before = requests();
    const { people, total, error, pages } = await streamPeople(t, { source: 'members', callId: rust.id });
    expect(error).toBeNull();
    expect(total).toBe(order.length);
    expect(people.map((p) => p.id)).toEqual(order);
    expect(pages[0]).toMatchObject({ total: order.length, done: false });
    expect(pages[0]!.people.map((p) => p.id)).toEqual(order.slice(0, MEMBERS_PAGE));
    expect(pages.at(-1)).toMatchObject({ people: [], done: true, error: null });
    // One request per page, none twice.
    expect(requests() - before).toBe(Math.ceil(order.length / MEMBERS_PAGE));
  });

  it('item 2: the first page is asked for first, never more than MEMBERS_FIRST_IN_FLIGHT requests are out until it is handed on nor MEMBERS_IN_FLIGHT after, and each page is asked for once', async () => {
    // Every answer is held until the test lets it go, oldest first, so what is out at each step is
    // what the sandbox holds; a later round trip (callsList) on the same connection shows that
    // nothing else was sent before it.
    const { holds } = sandbox().controls;
    const pages = Math.ceil(order.length / MEMBERS_PAGE);
    // The request as the sandbox read it: channels.getParticipants with its offset.
    const offsetOf = (held: { request: unknown }) => (held.request as { offset: number }).offset;
    holds.hold(METHOD);
    try {
      const streamId = newStreamId();
      const handedOn = () => pagesOf(t, streamId).filter((p) => p.people.length > 0).length;
      await t.ok('peopleStreamStart', { streamId, from: { source: 'members', callId: rust.id } });
      const asked: number[] = [];
      for (let released = 0; released < pages; released += 1) {
        const out = Math.min(released === 0 ? MEMBERS_FIRST_IN_FLIGHT : MEMBERS_IN_FLIGHT, pages - released);
        await holds.until(METHOD, out);
        await t.ok('callsList', {});
        const held = holds.held(METHOD);
        expect(held).toHaveLength(out);
        if (released === 0) expect(offsetOf(held[0]!)).toBe(0);
        asked.push(offsetOf(held[0]!));
        held[0]!.release();
        await t.nextEvent('peopleStreamPage', (p) => p.streamId === streamId && handedOn() === released + 1);
      }
      const last = await t.nextEvent('peopleStreamPage', (p) => p.streamId === streamId && p.done);
      expect(last.error).toBeNull();
      expect(holds.held(METHOD)).toHaveLength(0);
      expect(asked).toEqual(Array.from({ length: pages }, (_, i) => i * MEMBERS_PAGE));
      expect(pagesOf(t, streamId).flatMap((p) => p.people.map((person) => person.id))).toEqual(order);
    } finally {
      holds.unhold(METHOD);
      holds.release(METHOD);
    }
  });

  it('item 2: a stopped stream sends no further request', async () => {
    // Sending every page takes several round trips: the stop, asked for on the first page, comes first.
    sandbox().controls.latencyMs = 100;
    try {
      const before = requests();
      const streamId = newStreamId();
      await t.ok('peopleStreamStart', { streamId, from: { source: 'members', callId: rust.id } });
      await t.nextEvent('peopleStreamPage', (p) => p.streamId === streamId);
      // The reply comes once the requests in flight are answered: nothing more can be sent after it.
      expect(await t.ok('peopleStreamStop', { streamId })).toEqual({ stopped: true });
      const sent = requests() - before;
      expect(sent).toBeLessThan(Math.ceil(order.length / MEMBERS_PAGE));
      await t.ok('callsList', {});
      expect(requests() - before).toBe(sent);
      expect(pagesOf(t, streamId).some((p) => p.done)).toBe(false);
      expect(await t.ok('peopleStreamStop', { streamId })).toEqual({ stopped: false });
    } finally {
      sandbox().controls.latencyMs = 0;
    }
  });

  it('item 2: a flood wait mid-stream ends it with the wait, keeps the pages before it, and sends nothing after', async () => {
    // The sandbox counts requests from here on: three pass, then FLOOD_WAIT.
    sandbox().controls.rateLimits[METHOD] = { requests: 3, windowSeconds: 3600 };
    try {
      const before = requests();
      const { people, error, pages } = await streamPeople(t, { source: 'members', callId: rust.id });
      expect(error).toMatchObject({ code: 'FLOOD_WAIT', retryAfterSeconds: expect.any(Number) });
      expect(people.map((p) => p.id)).toEqual(order.slice(0, 3 * MEMBERS_PAGE));
      const handedOn = pages.filter((p) => p.people.length > 0).length;
      expect(handedOn).toBe(3);
      const sent = requests() - before;
      // The refused request was already in flight with at most MEMBERS_IN_FLIGHT - 1 others.
      expect(sent).toBeLessThanOrEqual(handedOn + MEMBERS_IN_FLIGHT);
      await t.ok('callsList', {});
      expect(requests() - before).toBe(sent);
    } finally {
      delete sandbox().controls.rateLimits[METHOD];
    }
  });
});
