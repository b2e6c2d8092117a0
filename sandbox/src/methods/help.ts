// help.*: the configuration a client reads right after connecting.
import { Api } from 'telegram';
import { open, type MethodTable } from './env';

export const helpMethods: MethodTable = {
  // Limits are Telegram's published defaults; dc_options list every DC of the sandbox.
  'help.GetConfig': open(({ env, ctx }) => {
    const now = env.world.now();
    return new Api.Config({
      date: now,
      expires: now + 3600,
      testMode: false,
      thisDc: ctx.dcId,
      dcOptions: env.dcs.list.map((dc) => new Api.DcOption({ id: dc.id, ipAddress: dc.host, port: dc.port })),
      dcTxtDomainName: 'sandbox.invalid',
      chatSizeMax: 200,
      megagroupSizeMax: 200_000,
      forwardedCountMax: 100,
      onlineUpdatePeriodMs: 210_000,
      offlineBlurTimeoutMs: 5_000,
      offlineIdleTimeoutMs: 30_000,
      onlineCloudTimeoutMs: 300_000,
      notifyCloudDelayMs: 30_000,
      notifyDefaultDelayMs: 1_500,
      pushChatPeriodMs: 60_000,
      pushChatLimit: 2,
      editTimeLimit: 172_800,
      revokeTimeLimit: 2_147_483_647,
      revokePmTimeLimit: 2_147_483_647,
      ratingEDecay: 2_419_200,
      stickersRecentLimit: 200,
      channelsReadMediaPeriod: 604_800,
      callReceiveTimeoutMs: 20_000,
      callRingTimeoutMs: 90_000,
      callConnectTimeoutMs: 30_000,
      callPacketTimeoutMs: 10_000,
      meUrlPrefix: 'https://t.me/',
      captionLengthMax: 1024,
      messageLengthMax: 4096,
      webfileDcId: env.dcs.firstId,
    });
  }),
  'help.GetNearestDc': open(({ env, ctx }) =>
    new Api.NearestDc({ country: 'DE', thisDc: ctx.dcId, nearestDc: env.dcs.networkDc ?? ctx.dcId }),
  ),
};
