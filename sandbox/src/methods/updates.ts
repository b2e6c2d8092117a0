// updates.*: the state of an account's message box and what it missed. Private chats and basic
// groups share the account's common box (pts per account); each channel has its own pts.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import { signedIn, type MethodTable } from './env';
import { assertCanRead, resolveChannel } from './inputs';
import { Entities, messageToApi } from './tl';

const DIFFERENCE_LIMIT = 1000;

export const updatesMethods: MethodTable = {
  'updates.GetState': signedIn(({ env, me }) => {
    return new Api.updates.State({ pts: env.world.commonPts(me), qts: 0, date: env.world.now(), seq: 0, unreadCount: 0 });
  }),

  'updates.GetDifference': signedIn<Api.updates.GetDifference>(({ req, env, me }) => {
    const { world } = env;
    const current = world.commonPts(me);
    const now = world.now();
    if (req.pts >= current) return new Api.updates.DifferenceEmpty({ date: now, seq: 0 });
    const limit = Math.min(req.ptsTotalLimit ?? DIFFERENCE_LIMIT, DIFFERENCE_LIMIT);
    const messages = world.commonMessagesAfter(me, req.pts, limit);
    const reached = req.pts + messages.length;
    const entities = new Entities(world, me);
    messages.forEach((m) => entities.message(m));
    const state = new Api.updates.State({ pts: reached, qts: 0, date: now, seq: 0, unreadCount: 0 });
    const body = {
      newMessages: messages.map((m) => messageToApi(world, me, m)),
      newEncryptedMessages: [],
      otherUpdates: [],
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    };
    return reached < current
      ? new Api.updates.DifferenceSlice({ ...body, intermediateState: state })
      : new Api.updates.Difference({ ...body, state });
  }),

  'updates.GetChannelDifference': signedIn<Api.updates.GetChannelDifference>(({ req, env, me }) => {
    const { world } = env;
    const chat = resolveChannel(world, req.channel);
    assertCanRead(world, me, chat);
    if (req.pts <= 0) throw new RpcFailure(400, 'PERSISTENT_TIMESTAMP_INVALID');
    if (req.pts >= chat.pts) return new Api.updates.ChannelDifferenceEmpty({ final: true, pts: chat.pts });
    // Message i of the channel (0-based) raised its pts to i + 2 (boxes start at 1).
    const limit = Math.max(1, Math.min(req.limit || 100, 1000));
    const messages = world.channelMessages(chat.id).slice(req.pts - 1, req.pts - 1 + limit);
    const pts = req.pts + messages.length;
    const entities = new Entities(world, me).chat(chat.id);
    messages.forEach((m) => entities.message(m));
    return new Api.updates.ChannelDifference({
      final: pts >= chat.pts || undefined,
      pts,
      newMessages: messages.map((m) => messageToApi(world, me, m)),
      otherUpdates: [],
      chats: entities.apiChats(),
      users: entities.apiUsers(),
    });
  }),
};
