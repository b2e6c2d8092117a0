// controls.inviteUpdatesShape: each of the seed's seven Updates constructors reaches the real
// GramJS client over TCP and parses; only the long forms say whom the message invited.
import { Api } from 'telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITE_UPDATES_SHAPES, type InviteUpdatesShape } from '../src/controls';
import { IDS } from '../src/index';
import { inputCall, inputUser, invitedIn, openSandbox, signedIn, type TestSandbox } from './sandboxFixture';
import type { TelegramClient } from 'telegram';

let sandbox: TestSandbox;
let ada: TelegramClient;
beforeAll(async () => {
  sandbox = await openSandbox();
  ada = await signedIn(sandbox, 'ada');
});
afterAll(() => sandbox.dispose());

const EXPECTED: Record<InviteUpdatesShape, { cls: unknown; lists: boolean }> = {
  updates: { cls: Api.Updates, lists: true },
  updatesCombined: { cls: Api.UpdatesCombined, lists: true },
  updateShort: { cls: Api.UpdateShort, lists: true },
  updatesTooLong: { cls: Api.UpdatesTooLong, lists: false },
  updateShortMessage: { cls: Api.UpdateShortMessage, lists: false },
  updateShortChatMessage: { cls: Api.UpdateShortChatMessage, lists: false },
  updateShortSentMessage: { cls: Api.UpdateShortSentMessage, lists: false },
};

describe('invite answers in each Updates constructor', () => {
  // One fresh invitee per shape: generated members of the big group who are not in the call.
  const invitees = Array.from({ length: INVITE_UPDATES_SHAPES.length }, (_, i) => 6_000_000_000n + 100n + BigInt(i));

  it.each(INVITE_UPDATES_SHAPES.map((shape, i) => [shape, i] as const))('%s', async (shape, i) => {
    sandbox.controls.inviteUpdatesShape = shape;
    const live = sandbox.world.callOf(IDS.rustMeetup)!;
    const result = await ada.invoke(
      new Api.phone.InviteToGroupCall({ call: inputCall(live), users: [inputUser(sandbox, invitees[i]!)] }),
    );
    expect(result).toBeInstanceOf(EXPECTED[shape].cls);
    expect(result.className).toBe(shape.charAt(0).toUpperCase() + shape.slice(1));
    expect(invitedIn(result)).toEqual(EXPECTED[shape].lists ? [invitees[i]] : []);
    // The invitation happened whatever the answer looked like.
    expect(sandbox.world.deliveries(live.id, invitees[i]!)).toBe(1);
    if (result instanceof Api.UpdateShortSentMessage || result instanceof Api.UpdateShortChatMessage || result instanceof Api.UpdateShortMessage) {
      expect(result.id).toBeGreaterThan(0);
      expect(result.ptsCount).toBe(1);
    }
  });
});
