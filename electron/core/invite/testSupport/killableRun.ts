// A whole app process, reduced to one invite run, that a test can SIGKILL mid-run: it opens its
// own GramJS link to the sandbox with the test's session, starts a run with an engine over the
// given data folder, prints "started <runId>", and keeps sending until it is killed.
// Usage: tsx killableRun.ts '<json KillableRunConfig>'
import { getSelf } from '../../../telegram/auth';
import { openLink } from '../../../telegram/client';
import * as directory from '../../../telegram/directory';
import { createInviteGateway } from '../../../telegram/inviteGateway';
import { createInviteEngine } from '../engine';

export interface KillableRunConfig {
  endpoint: { host: string; port: number; dcId: number; fingerprint: string; publicKeyPem: string; session: string };
  dataDir: string;
  callId: string;
  personIds: string[];
  window: number;
}

async function main(config: KillableRunConfig): Promise<void> {
  const { session, ...address } = config.endpoint;
  const link = await openLink({ endpoint: { kind: 'sandbox', ...address }, session, appVersion: 'test' });
  await getSelf({ link });
  await directory.listCalls({ link });
  await directory.streamMembers({ link, callId: config.callId, onPage: () => {} });
  const gateway = createInviteGateway(link);
  const engine = createInviteEngine({ gateway: () => gateway, dataDir: config.dataDir, emit: () => {}, window: config.window });
  const run = await engine.start(config.callId, config.personIds);
  process.stdout.write(`started ${run.run.id}\n`);
  await engine.settled(run.run.id);
  process.stdout.write('finished\n');
}

main(JSON.parse(process.argv[2] ?? '{}') as KillableRunConfig).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
