// The CPU floor of loading 100,000 contacts, part by part, in a Node process of its own: the app
// runs in one (bench/support/appProcess.ts), so its floor must too. Measured in the bench's own
// process, whose heap holds the generated world and Playwright's client, GramJS read the same
// reply a fifth slower than the app did, and the app "beat" its floor (ratio 0.8).
//
//   node --expose-gc --import tsx bench/support/contactsFloor.ts REPLY PEOPLE
//
// REPLY: a contacts.contacts reply's TL bytes, as the sandbox builds them. Prints one line of JSON
// (medians of RUNS of each part, in ms) and writes the people, as the app sends them, to PEOPLE.
//   read   GramJS reading the reply as it arrives: AES-IGE decryption, gzip inflation (pako), TL
//          parsing, with the native 64-bit reader the app installs into GramJS
//          (electron/telegram/client.ts): a client can read at least that fast;
//   keep   the users by id, a plain Map: a client that invites them later must keep their access
//          hashes;
//   build  the people from the users (buildPerson): GramJS objects never leave electron/telegram
//          (ARCHITECTURE.md);
//   check  the contract's peopleStreamPage schema over the people, in one event: every event is
//          validated (the security rules);
//   stringify  the same people as JSON, serialised in Node (the page's parse is timed in the page);
//   index  peopleIndex's indexPeople over the same people (Node; the renderer's own builder).
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { IGE } from 'telegram/crypto/IGE';
import { GZIPPacked } from 'telegram/tl/core';
import '../../electron/telegram/client';
import { buildPerson } from '../../electron/telegram/buildPeople';
import type { Person } from '../../shared/domain/people';
import { eventContract } from '../../shared/ipc/contract';

const RUNS = 3;

/** Node's collector, exposed by --expose-gc. */
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
}

export interface ContactsFloorParts {
  readMs: number;
  keepMs: number;
  buildMs: number;
  checkMs: number;
  stringifyMs: number;
  indexMs: number;
  /** People read from the reply. */
  people: number;
  /** The reply gzipped, as it travels. */
  bytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A part, timed alone. */
function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

async function main(replyFile: string, peopleFile: string): Promise<void> {
  // The renderer's own index builder, run in Node (the file needs no DOM for it); imported by a
  // computed name because this project's Node types have no DOM for the rest of that file.
  const { indexPeople } = (await import(['../..', 'renderer/src/features/picker/peopleIndex'].join('/'))) as { indexPeople: (people: readonly Person[]) => unknown };
  const bytes = readFileSync(replyFile);
  // The server's own work (gzip and encryption included) is counted by the sandbox serving the
  // app; the reply is packed here only to time reading it.
  const packed = gzipSync(bytes, { level: constants.Z_BEST_SPEED });
  const cipher = Buffer.concat([packed, Buffer.alloc((16 - (packed.length % 16)) % 16)]);
  const ms = { read: [] as number[], keep: [] as number[], build: [] as number[], check: [] as number[], stringify: [] as number[], index: [] as number[] };
  let json = '';
  let count = 0;
  for (let run = 0; run < RUNS; run += 1) {
    // Each run starts from a heap without the last run's users and people, as the app's one read
    // does: measured without, the runs slowed as the heap grew (2.7, 3.0, 3.4 s).
    gc();
    const ige = new IGE(randomBytes(32), randomBytes(32));
    const read = timed(() => {
      ige.decryptIge(cipher);
      return new BinaryReader(GZIPPacked.ungzip(packed)).tgReadObject() as Api.contacts.Contacts;
    });
    const users = read.value.users.filter((u): u is Api.User => u instanceof Api.User);
    const keep = timed(() => new Map(users.map((u) => [u.id.toString(), u])));
    const build = timed(() => users.map(buildPerson));
    const people = build.value;
    const check = timed(() => eventContract.peopleStreamPage.safeParse({ streamId: 'floor', people, total: people.length, done: false, error: null }));
    if (!check.value.success || keep.value.size !== people.length) throw new Error('the floor read a reply the contract refuses');
    const stringify = timed(() => JSON.stringify(people));
    const index = timed(() => indexPeople(people));
    ms.read.push(read.ms);
    ms.keep.push(keep.ms);
    ms.build.push(build.ms);
    ms.check.push(check.ms);
    ms.stringify.push(stringify.ms);
    ms.index.push(index.ms);
    json = stringify.value;
    count = people.length;
  }
  writeFileSync(peopleFile, json);
  const parts: ContactsFloorParts = {
    readMs: median(ms.read),
    keepMs: median(ms.keep),
    buildMs: median(ms.build),
    checkMs: median(ms.check),
    stringifyMs: median(ms.stringify),
    indexMs: median(ms.index),
    people: count,
    bytes: packed.length,
  };
  console.log(JSON.stringify(parts));
}

if (require.main === module) {
  const [replyFile, peopleFile] = process.argv.slice(2);
  if (!replyFile || !peopleFile) {
    console.error('usage: node --expose-gc --import tsx bench/support/contactsFloor.ts REPLY PEOPLE');
    process.exit(2);
  }
  main(replyFile, peopleFile).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
