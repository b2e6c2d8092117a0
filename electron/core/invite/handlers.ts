// The invite and run channels of the IPC contract, served by the engine. The core spreads
// these into its Handlers; requests arrive already validated by the dispatcher.
import type { Handlers } from '../../ipc/dispatcher';
import type { InviteEngine } from './engine';

export type InviteHandlers = Pick<
  Handlers,
  | 'invitePlan'
  | 'inviteStart'
  | 'inviteCancel'
  | 'inviteRetry'
  | 'inviteAddToGroup'
  | 'inviteExportLink'
  | 'inviteResume'
  | 'inviteFloodAnswer'
  | 'runsList'
  | 'runsInterrupted'
  | 'runGet'
  | 'runExportCsv'
>;

export function createInviteHandlers(engine: InviteEngine): InviteHandlers {
  return {
    invitePlan: ({ callId, personIds }) => engine.plan(callId, personIds),
    inviteStart: ({ callId, personIds }) => engine.start(callId, personIds),
    inviteCancel: ({ runId }) => engine.cancel(runId),
    inviteRetry: ({ runId, personIds }) => engine.retry(runId, personIds),
    inviteAddToGroup: ({ runId, personIds }) => engine.addToGroup(runId, personIds),
    inviteExportLink: async ({ callId, role }) => ({ link: await engine.exportLink(callId, role) }),
    inviteResume: ({ runId }) => engine.resume(runId),
    inviteFloodAnswer: ({ runId, answer }) => engine.answerFloodWait(runId, answer),
    runsList: async () => ({ runs: await engine.list() }),
    runsInterrupted: async () => ({ runs: await engine.interrupted() }),
    runGet: ({ runId }) => engine.get(runId),
    runExportCsv: ({ runId, language }) => engine.exportCsv(runId, language),
  };
}
