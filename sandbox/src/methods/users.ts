// users.*: profiles by InputUser.
import { Api } from 'telegram';
import { RpcFailure } from '../rpc';
import { signedIn, type MethodTable } from './env';
import { resolveUser } from './inputs';
import { Entities, long, userToApi } from './tl';

export const usersMethods: MethodTable = {
  // Unresolvable entries are left out, as Telegram does; a list of nothing but bad ids is an error.
  'users.GetUsers': signedIn<Api.users.GetUsers>(({ req, env, me }) => {
    const users: Api.TypeUser[] = [];
    for (const input of req.id) {
      try {
        users.push(userToApi(env.world, me, resolveUser(env.world, me, input)));
      } catch (error) {
        if (!(error instanceof RpcFailure)) throw error;
      }
    }
    if (users.length === 0 && req.id.length > 0) throw new RpcFailure(400, 'USER_ID_INVALID');
    return users;
  }),

  'users.GetFullUser': signedIn<Api.users.GetFullUser>(({ req, env, me }) => {
    const { world } = env;
    const user = resolveUser(world, me, req.id);
    const common = world.chatsOf(user.id).filter((c) => world.isMember(c.id, me)).length;
    return new Api.users.UserFull({
      fullUser: new Api.UserFull({
        id: long(user.id),
        about: user.about,
        settings: new Api.PeerSettings({}),
        notifySettings: new Api.PeerNotifySettings({}),
        commonChatsCount: user.id === me ? 0 : common,
        phoneCallsAvailable: user.kind === 'person' || undefined,
        videoCallsAvailable: user.kind === 'person' || undefined,
        botInfo:
          user.kind === 'bot'
            ? new Api.BotInfo({ userId: long(user.id), description: `${user.firstName} is a bot of the sandbox.` })
            : undefined,
      }),
      chats: [],
      users: new Entities(world, me).user(user.id).apiUsers(),
    });
  }),
};
