// members-10000-rtt50: every member of a 10,000-member supergroup, fetched the way the picker
// does (peopleMembers through the contract, 1,000 a reply, until nextOffset is null), with the
// real core and GramJS against a sandbox that answers each request after 50 ms. The sandbox runs
// in its own process (npm run sandbox), as Telegram's servers would: in this process its CPU
// would queue behind the client's and the bench would measure the shared thread.
//
// Ideal = pages × RTT ÷ parallelism: Telegram serves at most 200 members per
// channels.getParticipants and pages them by plain offset, so the core asks for the 5 pages of a
// 1,000-member reply at once (MEMBERS_PARALLELISM); consecutive replies follow one another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeoplePage } from '../shared/domain/people';
import { createDispatcher } from '../electron/ipc/dispatcher';
import { createCore } from '../electron/core/core';
import { createKeyFileSecretStore } from '../electron/core/secrets';
import { MEMBERS_PAGE, MEMBERS_PARALLELISM } from '../electron/telegram/directory';
import { runAlone, type BenchLine } from './run';
import { startSandboxProcess } from './support/sandboxProcess';

const MEMBERS = 10_000;
const RTT_MS = 50;
const PER_REPLY = 1000;
const RUNS = 3;

async function call<T>(dispatch: ReturnType<typeof createDispatcher>, channel: string, request: unknown): Promise<T> {
  const result = await dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export default async function membersBench(): Promise<BenchLine[]> {
  const root = mkdtempSync(join(tmpdir(), 'rollcall-bench-members-'));
  const server = await startSandboxProcess(join(root, 'sandbox'), ['--size', `members=${MEMBERS}`, '--latency', String(RTT_MS)]);
  const core = createCore({
    runtime: 'web-preview',
    appName: 'Rollcall',
    appVersion: 'bench',
    versions: { node: process.versions.node, electron: null, chrome: null },
    env: {},
    emit: () => {},
    dataDir: join(root, 'data'),
    secrets: createKeyFileSecretStore(join(root, 'key')),
    sandbox: { external: server.info },
    log: () => {},
  });
  const dispatch = createDispatcher(core.handlers);
  try {
    await core.ready();
    await call(dispatch, 'authExploreSandbox', {});
    const { calls } = await call<{ calls: { id: string; chat: { title: string } }[] }>(dispatch, 'callsList', {});
    const callId = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!.id;

    const fetchAll = async (): Promise<{ ms: number; people: number; total: number }> => {
      const started = performance.now();
      const ids = new Set<string>();
      let offset: string | null = null;
      let total: number;
      do {
        const page: PeoplePage = await call<PeoplePage>(dispatch, 'peopleMembers', { callId, offset, limit: PER_REPLY });
        for (const person of page.people) ids.add(person.id);
        total = page.total;
        offset = page.nextOffset;
      } while (offset);
      return { ms: performance.now() - started, people: ids.size, total };
    };

    await fetchAll(); // warm-up: JIT, the sandbox's generated users
    const times: number[] = [];
    let last = { ms: 0, people: 0, total: 0 };
    for (let i = 0; i < RUNS; i += 1) {
      last = await fetchAll();
      times.push(last.ms);
    }
    if (last.people !== last.total) throw new Error(`fetched ${last.people} distinct members of ${last.total}`);
    // The same fetch with no latency: what the client and the sandbox cost on their own (the floor).
    await server.ask('latency 0');
    await fetchAll();
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i += 1) floor.push((await fetchAll()).ms);
    const floorMedian = floor.sort((a, b) => a - b)[Math.floor(floor.length / 2)]!;
    const pages = Math.ceil(last.total / MEMBERS_PAGE);
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    return [
      {
        name: 'members-10000-rtt50',
        value: Math.round(median),
        unit: 'ms',
        ideal: Math.round(Math.max(RTT_MS, floorMedian)),
        idealFrom: `max(network floor ${RTT_MS} ms: every page in flight at once, Telegram pages by plain offset; CPU floor ${Math.round(floorMedian)} ms: the same fetch at RTT 0)`,
        goal: { ratio: 1.2 },
        settings: `${pages} pages of ${MEMBERS_PAGE}, ${MEMBERS_PARALLELISM} in flight`,
        checked: `all ${last.total} members present, each once`,
        note: `sandbox in its own process, median of ${RUNS}`,
      },
    ];
  } finally {
    await core.dispose();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

// `npx tsx bench/members.bench.ts` runs it alone.
if (require.main === module) runAlone(membersBench);
