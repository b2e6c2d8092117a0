// The sandbox's own throughput numbers, through the real GramJS client over TCP, in one process:
//   contacts-100000   contacts.getContacts with 100,000 generated contacts, end to end, and the
//                     sandbox's share of it (stats().busyMs: its own work, request to bytes out)
//   members-page      one 200-member channels.getParticipants page at offset 9,800 of 10,000
//   members-parallel  5 such pages in flight at once with latencyMs = 50 (the app's members bench)
// The client is GramJS as published, whose reading of 64-bit fields dominates its share (Rollcall's
// core reads them natively, electron/telegram/client.ts, and is faster end to end).
// `npx tsx sandbox/bench/throughput.ts [contacts|members]...` (all by default). Profile with
// `node --cpu-prof --import tsx sandbox/bench/throughput.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { IDS, startSandbox, type Sandbox } from '../src/index';
import { connectClient } from '../test/gramjs';

const RUNS = Number(process.env.RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function signIn(sandbox: Sandbox): Promise<TelegramClient> {
  const client = await connectClient({ ...sandbox.info });
  client.floodSleepThreshold = 0;
  await client.start({ phoneNumber: sandbox.info.demo.phone, phoneCode: async () => sandbox.info.demo.code, onError: (e) => { throw e; } });
  return client;
}

async function contacts(sandbox: Sandbox, client: TelegramClient): Promise<void> {
  const times: number[] = [];
  const busy: number[] = [];
  let users = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const busyBefore = sandbox.server.stats().busyMs;
    const answer = (await client.invoke(new Api.contacts.GetContacts({ hash: bigInt(0) }))) as Api.contacts.Contacts;
    if (i > 0) {
      times.push(performance.now() - started);
      busy.push(sandbox.server.stats().busyMs - busyBefore);
    }
    users = answer.users.length;
  }
  // The client's share, measured apart: reading the same answer's bytes as GramJS does.
  const bytes = (await client.invoke(new Api.contacts.GetContacts({ hash: bigInt(0) }))).getBytes();
  const parse: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    new BinaryReader(bytes).tgReadObject();
    parse.push(performance.now() - started);
  }
  console.log(
    `contacts-${users}: ${median(times).toFixed(0)} ms end to end, ${median(busy).toFixed(0)} ms of it in the sandbox ` +
      `(GramJS reading the ${(bytes.length / 1e6).toFixed(1)} MB answer alone: ${median(parse).toFixed(0)} ms), median of ${RUNS}`,
  );
}

async function members(sandbox: Sandbox, client: TelegramClient): Promise<void> {
  const channel = new Api.InputChannel({
    channelId: bigInt(IDS.rustMeetup.toString()),
    accessHash: bigInt(sandbox.world.channelAccessHash(IDS.rustMeetup).toString()),
  });
  const page = (offset: number) =>
    client.invoke(new Api.channels.GetParticipants({ channel, filter: new Api.ChannelParticipantsRecent(), offset, limit: 200, hash: bigInt(0) }));
  const one: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i <= 10; i++) {
    const started = performance.now();
    const busyBefore = sandbox.server.stats().busyMs;
    await page(9_800);
    if (i > 0) {
      one.push(performance.now() - started);
      busy.push(sandbox.server.stats().busyMs - busyBefore);
    }
  }
  console.log(
    `members-page: ${median(one).toFixed(1)} ms for 200 members at offset 9,800, ${median(busy).toFixed(1)} ms of it in the sandbox, no latency, median of 10`,
  );
  sandbox.controls.latencyMs = 50;
  const parallel: number[] = [];
  for (let i = 0; i <= 10; i++) {
    const started = performance.now();
    await Promise.all([0, 1, 2, 3, 4].map((k) => page(9_000 + k * 200)));
    if (i > 0) parallel.push(performance.now() - started);
  }
  sandbox.controls.latencyMs = 0;
  console.log(`members-parallel: ${median(parallel).toFixed(1)} ms for 5 pages in flight with latencyMs 50 (ideal 50), median of 10`);
}

async function main(which: string[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-sandbox-bench-'));
  const sandbox = await startSandbox({ dataDir, size: { contacts: 100_000, members: 10_000 } });
  let client: TelegramClient | null = null;
  try {
    client = await signIn(sandbox);
    if (which.length === 0 || which.includes('members')) await members(sandbox, client);
    if (which.length === 0 || which.includes('contacts')) await contacts(sandbox, client);
  } finally {
    await client?.destroy().catch(() => undefined);
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
