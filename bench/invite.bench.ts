// Inviting 1,000 people: the engine (journal fsync'ed, events, planning) behind the contract's
// invite handlers, the core's InviteGateway, the real GramJS client, the sandbox over TCP in
// this process. Each run uses a fresh call, so nobody is invited to it yet, and is checked
// against the sandbox's delivery counts: all 1,000 invited, each exactly once, nobody else.
//
//   invite-1000-rtt50        the sandbox answers every request after 50 ms, no rate limit.
//                            Ideal = the same requests with the same window sent straight
//                            through the gateway in the same run (no engine, no journal): the
//                            engine's own overhead is the ratio. The window is a setting,
//                            printed beside it.
//   invite-1000-ratelimited  10 phone.inviteToGroupCall per 2 s per account (a sliding window,
//                            FLOOD_WAIT_X past it, X rounded up to whole seconds), answered at
//                            once. Ideal = the limit's own minimum, (⌈batches ÷ 10⌉ − 1) × 2 s.
//                            What no client can avoid on top: X is rounded up, so each wait
//                            also covers the time the window's own requests took to send.
//
// Times are medians of RUNS, from the inviteStart request to the run's final progress event;
// BENCH_VERBOSE=1 prints every run.
import type { RunSnapshot } from '../shared/domain/invite';
import type { InviteProgress } from '../shared/ipc/contract';
import type { Sandbox } from '../sandbox/src/index';
import { DEFAULT_BATCH_SIZE, DEFAULT_WINDOW, createInviteEngine } from '../electron/core/invite/engine';
import { createInviteHandlers } from '../electron/core/invite/handlers';
import { IDS, openSandboxSession, type SandboxSession } from '../electron/core/invite/testSupport/sandboxSession';
import { createDispatcher, type Dispatch, type Handlers } from '../electron/ipc/dispatcher';
import { runAlone, type BenchLine } from './run';

const PEOPLE = 1000;
const RTT_MS = 50;
const LIMIT = { requests: 10, windowSeconds: 2 };
const RUNS = 3;
const BATCHES = Math.ceil(PEOPLE / DEFAULT_BATCH_SIZE);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default async function inviteBench(): Promise<BenchLine[]> {
  const session = await openSandboxSession({ size: { members: PEOPLE + 100, callParticipants: 0 } });
  const finished = new Map<string, (run: InviteProgress['run']) => void>();
  const engine = createInviteEngine({
    gateway: () => session.gateway,
    dataDir: session.dataDir,
    emit: (event, payload) => {
      if (event !== 'inviteProgress') return;
      const { run } = payload as InviteProgress;
      if (run.state === 'done' || run.state === 'stopped' || run.state === 'cancelled') finished.get(run.id)?.(run);
    },
    log: () => {},
  });
  const dispatch = createDispatcher(createInviteHandlers(engine) as Handlers);
  const { sandbox } = session;
  try {
    const viaEngine = async (): Promise<number> => {
      const { callId, people } = await freshCall(session);
      const started = performance.now();
      const snapshot = await call<RunSnapshot>(dispatch, 'inviteStart', { callId, personIds: people });
      const run = await new Promise<InviteProgress['run']>((resolve) => finished.set(snapshot.run.id, resolve));
      const ms = performance.now() - started;
      if (run.state !== 'done' || run.counts.invited !== PEOPLE) throw new Error(`run ${run.id} ended ${run.state}: ${JSON.stringify(run.counts)}`);
      checkDeliveries(sandbox, callId, people);
      return ms;
    };
    const straight = async (): Promise<number> => {
      const { callId, people } = await freshCall(session);
      const batches = Array.from({ length: BATCHES }, (_, i) => people.slice(i * DEFAULT_BATCH_SIZE, (i + 1) * DEFAULT_BATCH_SIZE));
      const started = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < batches.length) await session.gateway.inviteBatch(callId, batches[next++]!);
      };
      await Promise.all(Array.from({ length: DEFAULT_WINDOW }, worker));
      const ms = performance.now() - started;
      checkDeliveries(sandbox, callId, people);
      return ms;
    };
    /** Medians of RUNS rounds; each round runs every workload once, so they see the same world. */
    const rounds = async (workloads: (() => Promise<number>)[], pause = 0): Promise<number[]> => {
      const all: number[][] = workloads.map(() => []);
      for (let i = 0; i < RUNS; i += 1) {
        for (const [w, measure] of workloads.entries()) {
          if (pause) await new Promise((r) => setTimeout(r, pause));
          all[w]!.push(await measure());
          if (process.env.BENCH_VERBOSE) console.log(`  round ${i + 1}, workload ${w + 1}: ${Math.round(all[w]!.at(-1)!)} ms`);
        }
      }
      return all.map((times) => Math.round(median(times)));
    };

    await viaEngine(); // warm-up: JIT, the sandbox's generated users, the journal folder
    sandbox.controls.latencyMs = RTT_MS;
    const [engineMs, floorMs] = await rounds([viaEngine, straight]);
    sandbox.controls.latencyMs = 0;
    sandbox.controls.rateLimits = { 'phone.inviteToGroupCall': LIMIT };
    // Each run waits for the previous run's requests to leave the limiter's window.
    const [limitedMs] = await rounds([viaEngine], LIMIT.windowSeconds * 1000);

    const checked = 'all invited, each delivered once';
    return [
      {
        name: 'invite-1000-rtt50',
        value: engineMs,
        unit: 'ms',
        ideal: floorMs,
        idealFrom: 'the same requests straight through the gateway in the same run (no engine, no journal)',
        goal: { ratio: 1.05 },
        settings: `${BATCHES} batches of ${DEFAULT_BATCH_SIZE}, ${DEFAULT_WINDOW} in flight`,
        checked,
        note: `${PEOPLE} people, journal fsync'ed; median of ${RUNS}`,
      },
      {
        name: 'invite-1000-ratelimited',
        value: limitedMs,
        unit: 'ms',
        ideal: (Math.ceil(BATCHES / LIMIT.requests) - 1) * LIMIT.windowSeconds * 1000,
        idealFrom: `the rate limit's minimum: ${LIMIT.requests} requests per ${LIMIT.windowSeconds} s`,
        goal: { ratio: 1.05 },
        settings: `${BATCHES} batches of ${DEFAULT_BATCH_SIZE}, ${DEFAULT_WINDOW} in flight`,
        checked,
        note: `flood waits waited out by the engine; median of ${RUNS}`,
      },
    ];
  } finally {
    await engine.dispose();
    await session.close();
  }
}

async function call<T>(dispatch: Dispatch, channel: string, request: unknown): Promise<T> {
  const result = await dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A fresh call in the big group, and 1,000 of its members as the picker lists them. */
async function freshCall(session: SandboxSession): Promise<{ callId: string; people: string[] }> {
  const callId = await session.freshCall(IDS.rustMeetup);
  const members = await session.members(callId);
  const people = members.filter((p) => p.kind === 'user' && p.id !== String(IDS.ada)).map((p) => p.id);
  if (people.length < PEOPLE) throw new Error(`only ${people.length} members to invite`);
  return { callId, people: people.slice(0, PEOPLE) };
}

/** Every one of them invited exactly once, nobody else. */
function checkDeliveries(sandbox: Sandbox, callId: string, people: string[]): void {
  const counts = sandbox.world.deliveryCounts(BigInt(callId));
  const wanted = new Set(people);
  for (const [userId, n] of counts) {
    if (!wanted.has(String(userId))) throw new Error(`user ${userId} was invited but not asked for`);
    if (n !== 1) throw new Error(`user ${userId} was invited ${n} times`);
  }
  if (counts.size !== people.length) throw new Error(`${counts.size} of ${people.length} people were invited`);
}

// `npx tsx bench/invite.bench.ts` runs it alone.
if (require.main === module) runAlone(inviteBench);
