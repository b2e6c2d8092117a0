// The picker with 100,000 contacts, measured in Chromium through the web preview (the real core,
// the big sandbox world, the sandbox in a process of its own as Telegram's servers would be).
// Needs the built renderer (npm run build).
//
//   picker-first-render        click on "Contacts" → the first rows painted. The picker asks for
//                              the contacts ahead, once the members are in (pickerSlice.ts says
//                              why); the bench clicks once they are ready, as an organiser who
//                              looks at the members first would. Goal ≤ 1000 ms; ideal one frame.
//   contacts-100000-all        the contacts asked for → all 100,000 received, built and indexed
//                              in the renderer. Ideal: the CPU floor, the sum of what no client
//                              can avoid for the same 100,000 contacts:
//                                server  the sandbox's own work on this very request, as it
//                                        counts it (stats busyMs: reading the world, writing,
//                                        gzipping and encrypting the answer): the wait no client
//                                        avoids;
//                                read    GramJS reading the same reply bytes, timed alone here:
//                                        AES-IGE decryption, gzip inflation (pako), TL parsing;
//                                keep    the users by id, a plain Map: a client that invites them
//                                        later must keep their access hashes;
//                                build   the people from the users (buildPerson): GramJS objects
//                                        never leave electron/telegram (ARCHITECTURE.md);
//                                check   the contract's peopleStreamPage schema over the people,
//                                        in one event: every event is validated (the security rules);
//                                send    the same people as JSON: serialised in Node, parsed in
//                                        the page;
//                                index   peopleIndex's indexPeople over the same people (Node).
//                              The app must ask exactly once. Goal ratio ≤ 1.2.
//   picker-filter-commit-p95   keystroke handled → filtered list committed to the DOM (filter,
//                              React, DOM writes), 95th percentile over a typed session; goal ≤ 8 ms,
//                              half of the one frame it is compared with
//   picker-filter-frame-p95    keystroke → its frame painted, same session; the ideal is the
//                              browser's own floor, the same measure for a keystroke in a plain
//                              text box on the same page; goal: at most one frame more
//   picker-select-all          "Select all" clicked at the start of a frame → that frame painted
//                              with the new count (handled to painted); goal: within one frame
//   picker-heap                the page's JS heap after a GC, 100,000 contacts loaded and selected
//
// Each line checks its result: after every keystroke the list's "N of M shown" against a count
// made here, person by person, from the same contacts (fetched through the core); select-all's
// count against the contacts who can be invited (the core's invite plan, people who are users).
// The reference people are the floor's own reading of the same generated world; a world that
// differed would fail the counts, not pass them.
// PICKER_BENCH_DEBUG=1 prints each key's commit and frame times; PICKER_BENCH_PROFILE=FILE
// writes CPU profiles of the typing to FILE, of select-all to FILE.select-all (sampled every
// 50 µs) with a trace of its frame (style, layout, paint) to FILE.select-all.trace, and of the
// contacts' load to FILE.contacts.node (this process: the core) and FILE.contacts.page (DevTools
// opens them all). Profiling slows what it watches: read its lines' times as relative.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { constants, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { IGE } from 'telegram/crypto/IGE';
import { GZIPPacked } from 'telegram/tl/core';
import { returnBigInt } from 'telegram/Helpers';
import { startPreviewServer } from '../electron/preview/server';
import { buildPerson } from '../electron/telegram/buildPeople';
import type { Person } from '../shared/domain/people';
import { eventContract } from '../shared/ipc/contract';
import { IDS } from '../sandbox/src/index';
import { contactsMethods } from '../sandbox/src/methods/contacts';
import { World } from '../sandbox/src/world/world';
import { startSandboxProcess } from './support/sandboxProcess';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';
import { runAlone, type BenchLine } from './run';


const root = join(__dirname, '..');
const CONTACTS = 100_000;
const FRAME_MS = 1000 / 60;
const GOAL_HEAP_MB = 150;
const GOAL_COMMIT_MS = 8;

/** Typed as an organiser would: words, a username, a phone prefix, corrections. */
const TYPING: string[] = [
  ...'amara'.split(''), 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace',
  ...'berg'.split(''), 'Backspace', 'Backspace', 'Backspace', 'Backspace',
  ...'@zofia_'.split(''), ...Array<string>(7).fill('Backspace'),
  ...'420000123'.split(''), ...Array<string>(9).fill('Backspace'),
  ...'lena m'.split(''), ...Array<string>(6).fill('Backspace'),
  ...'yusuf xu'.split(''),
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const BASELINE_TYPING = [...'https://t.me/rust_meetup_berlin?videochat'.split(''), ...Array<string>(12).fill('Backspace')];

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Runs in the page (plain JS: this file is compiled without the DOM's types). Every timing ends
 * with a message posted from requestAnimationFrame, which is delivered once that frame painted.
 */
const PAGE_PROBES = `
window.__bench = (() => {
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(null);
  });
  const until = (ready) => new Promise((resolve) => {
    const check = () => { const value = ready(); if (value) afterPaint(() => resolve(value)); else requestAnimationFrame(check); };
    requestAnimationFrame(check);
  });
  const samples = [];
  const work = [];
  return {
    samples,
    work,
    reset() {
      samples.length = 0;
      work.length = 0;
    },
    waitSamples(n) {
      return until(() => samples.length > n);
    },
    probeKeys() {
      let started = 0;
      document.addEventListener('keydown', (e) => {
        const t0 = e.timeStamp;
        started = performance.now();
        afterPaint(() => samples.push(performance.now() - t0));
      }, true);
      // After React's own listener: its synchronous render and commit run in a microtask queued first.
      window.addEventListener('input', () => queueMicrotask(() => work.push(performance.now() - started)));
    },
    /** The contacts asked for (ahead) → all received and indexed, from the renderer's marks, once they are. */
    contactsLoad() {
      return until(() => {
        const asked = performance.getEntriesByName('rollcall:contacts-asked')[0];
        const ready = performance.getEntriesByName('rollcall:contacts-ready')[0];
        return asked && ready ? ready.startTime - asked.startTime : null;
      });
    },
    async firstRender() {
      const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent.startsWith('Contacts'));
      if (!tab) throw new Error('no Contacts tab');
      const t0 = performance.now();
      tab.click();
      const rows = await until(() => {
        const list = document.querySelector('[role="listbox"][aria-label="Contacts"]');
        return list && list.querySelector('[role="option"]') ? list.querySelectorAll('[role="option"]').length : null;
      });
      return { ms: performance.now() - t0, rows };
    },
    /** JSON.parse of the same people the core sends, in this page: the receiving half of the transfer. */
    parseMs(text) {
      const t0 = performance.now();
      const people = JSON.parse(text);
      return { ms: performance.now() - t0, count: people.length };
    },
    // The same timing for a frame whose only change is one line of text the bench adds to the
    // page: what "handled to painted" costs this browser before the app does anything.
    async paintFloor(n) {
      const line = document.body.appendChild(document.createElement('p'));
      const times = [];
      for (let i = 0; i < n; i++) {
        times.push(await new Promise((resolve) => requestAnimationFrame(() => {
          const t0 = performance.now();
          line.textContent = 'bench ' + i;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - t0);
          channel.port2.postMessage(null);
        })));
      }
      line.remove();
      return times;
    },
    // The click is handled at the start of a frame (in its requestAnimationFrame), and a message
    // posted there arrives once that frame painted: handled to painted, without the wait for a
    // frame that a click at a random moment would add. The count must be on screen by then.
    selectAll() {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Select all');
      if (!button) throw new Error('no Select all button');
      const status = () => [...document.querySelectorAll('[role="status"]')].find((s) => /selected$/.test(s.textContent));
      return new Promise((resolve) => requestAnimationFrame(() => {
        const t0 = performance.now();
        let committed = 0;
        button.addEventListener('click', () => queueMicrotask(() => { committed = performance.now() - t0; }), { once: true });
        button.click();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - t0, committed, text: status()?.textContent ?? '' });
        channel.port2.postMessage(null);
      }));
    },
  };
})();
`;

const sampleCount = (page: Page): Promise<number> => page.evaluate('window.__bench.samples.length') as Promise<number>;

/**
 * Presses each key, waiting for its frame before the next; returns paint and commit times, and
 * after each key what `after` returned (read once the frame painted, outside the timings).
 */
async function typeAndSample(page: Page, keys: readonly string[], after?: () => Promise<string>): Promise<{ samples: number[]; work: number[]; seen: string[] }> {
  await page.evaluate('window.__bench.reset()');
  const seen: string[] = [];
  for (const key of keys) {
    const before = await sampleCount(page);
    await page.keyboard.press(key);
    await page.evaluate(`window.__bench.waitSamples(${before})`);
    if (after) seen.push(await after());
  }
  return {
    samples: (await page.evaluate('window.__bench.samples.slice()')) as number[],
    work: (await page.evaluate('window.__bench.work.slice()')) as number[],
    seen,
  };
}

/**
 * The filter's rule, person by person and written apart from the app's index: a person matches
 * when their name (lower case, accents dropped), their username or their phone contains what was
 * typed (lower case, accents dropped, a leading @ dropped; a phone number as its digits).
 */
function bruteForceCount(people: readonly Person[], typed: string): number {
  const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let q = fold(typed.trim()).replace(/^@/, '');
  if (/^\+?[\d\s().-]+$/.test(q) && /\d/.test(q)) q = q.replace(/\D/g, '');
  if (q === '') return people.length;
  let count = 0;
  for (const p of people) {
    if (fold(p.name).includes(q) || (p.username ?? '').toLowerCase().includes(q) || (p.phone ?? '').replace(/\D/g, '').includes(q)) count++;
  }
  return count;
}

/** What the filter box holds after each key of `keys`. */
function typedAfterEach(keys: readonly string[]): string[] {
  let text = '';
  return keys.map((key) => (text = key === 'Backspace' ? text.slice(0, -1) : text + key));
}

const FLOOR_RUNS = 3;
const SELECT_ALL_RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A part of the CPU floor, timed alone. */
function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

/**
 * The contacts reply as the sandbox builds it (its own method's builders, a world of the same
 * size), and what reading it costs: the parts of the floor that need no browser, median of
 * FLOOR_RUNS each.
 */
async function contactsFloorInNode(): Promise<{
  readMs: number;
  keepMs: number;
  buildMs: number;
  checkMs: number;
  stringifyMs: number;
  indexMs: number;
  json: string;
  people: number;
  bytes: number;
}> {
  // The renderer's own index builder, run in Node (the file needs no DOM for it); imported by a
  // computed name because this project's Node types have no DOM for the rest of that file.
  const { indexPeople } = (await import(['..', 'renderer/src/features/picker/peopleIndex'].join('/'))) as { indexPeople: (people: readonly Person[]) => unknown };
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-floor-'));
  try {
    const world = World.open({ dataDir: dir, size: { contacts: CONTACTS } });
    // The sandbox's own contacts.getContacts (it reads only the world and the account).
    const getContacts = contactsMethods['contacts.GetContacts']!;
    const request = new Api.contacts.GetContacts({ hash: returnBigInt(0) });
    const ms = { read: [] as number[], keep: [] as number[], build: [] as number[], check: [] as number[], stringify: [] as number[], index: [] as number[] };
    let last = { json: '', people: 0, bytes: 0 };
    for (let run = 0; run < FLOOR_RUNS; run += 1) {
      const reply = getContacts.run({ req: request as never, ctx: undefined as never, env: { world } as never, me: IDS.ada }) as Api.contacts.Contacts;
      const bytes = reply.getBytes();
      // The server's own work (gzip and encryption included) is counted by the sandbox serving
      // the app, in its stats' busyMs; the reply is packed here only to time reading it.
      const packed = gzipSync(bytes, { level: constants.Z_BEST_SPEED });
      const cipher = Buffer.concat([packed, Buffer.alloc((16 - (packed.length % 16)) % 16)]);
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
      last = { json: stringify.value, people: people.length, bytes: packed.length };
    }
    return {
      readMs: median(ms.read),
      keepMs: median(ms.keep),
      buildMs: median(ms.build),
      checkMs: median(ms.check),
      stringifyMs: median(ms.stringify),
      indexMs: median(ms.index),
      ...last,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU profiles of this process (the core) and of the page, from now until stop(FILE) writes FILE.node and FILE.page. */
async function profileBothSides(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const node = new Session();
  node.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => node.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      writeFileSync(`${file}.node`, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
      writeFileSync(`${file}.page`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      node.disconnect();
      await cdp.detach();
    },
  };
}

export default async function pickerBench(): Promise<BenchLine[]> {
  // The CPU floor of loading the contacts, part by part, before the app starts: no part shares
  // the CPU or the heap with it (the page's half of the transfer is timed once the page is up).
  const parts = await contactsFloorInNode();
  const env = { ...process.env };
  delete env.ROLLCALL_DATA_DIR;
  const root_ = mkdtempSync(join(tmpdir(), 'rollcall-bench-picker-'));
  // A world whose organiser has 100,000 contacts, served from a process of its own.
  const sandbox = await startSandboxProcess(join(root_, 'sandbox'), ['--size', `contacts=${CONTACTS}`]);
  const app = await startPreviewServer({
    port: 0,
    rendererDir: join(root, 'out/renderer'),
    appVersion: 'bench',
    env,
    dataDir: join(root_, 'data'),
    keyDir: join(root_, 'key'),
    sandbox: { external: sandbox.info },
  });
  const browser = await chromium.launch({ executablePath: findChromium()?.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore the sandbox' }).click();
    await page.evaluate(PAGE_PROBES);
    await page.evaluate('window.__bench.probeKeys()');

    // The floor: a keystroke in a plain text box (the call link) to its frame, in this browser.
    const link = page.getByRole('textbox', { name: 'Call link' });
    await link.focus();
    const floor = await typeAndSample(page, BASELINE_TYPING);
    await link.fill('');

    await sandbox.ask('stats reset');
    const loadProfile = process.env.PICKER_BENCH_PROFILE ? await profileBothSides(page) : null;
    await page.getByRole('button', { name: /^Choose Rust Meetup Berlin/ }).click();
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    // The contacts, asked for once the members are in: all of them received and indexed.
    const contactsLoad = (await page.evaluate('window.__bench.contactsLoad()')) as number;
    if (loadProfile) await loadProfile.stop(`${process.env.PICKER_BENCH_PROFILE!}.contacts`);

    // First render: the click, then the first rows painted.
    const firstRender = (await page.evaluate('window.__bench.firstRender()')) as { ms: number; rows: number };
    // The generated 100,000 plus the organiser's named contacts.
    const countText = page.getByText(/^1\d\d,\d{3} people$/);
    await countText.waitFor({ timeout: 120_000 });
    const shown = Number((await countText.textContent())!.replace(/\D/g, ''));
    // The plan (who is in the call, invited before) arrives in chunks; measure once it has.
    await page.getByText('Checking who is already in the call or invited…').waitFor({ state: 'detached', timeout: 300_000 });

    const received = (await page.evaluate(`window.__bench.parseMs(${JSON.stringify(parts.json)})`)) as { ms: number; count: number };
    if (received.count !== shown || parts.people !== shown) throw new Error(`the picker shows ${shown} contacts, the floor read ${parts.people}, the page parsed ${received.count}`);
    // The server's share, as the sandbox serving the app counted its own work on the one request.
    const served = await sandbox.askJson<{ byMethod: Record<string, number>; busyMs: Record<string, number> }>('stats');
    if (served.byMethod['contacts.getContacts'] !== 1) throw new Error(`the app asked for the contacts ${served.byMethod['contacts.getContacts'] ?? 0} times, not once`);
    const serverMs = served.busyMs['contacts.getContacts']!;
    const floorMs = serverMs + parts.readMs + parts.keepMs + parts.buildMs + parts.checkMs + parts.stringifyMs + received.ms + parts.indexMs;
    const floorParts =
      `server ${Math.round(serverMs)} (the sandbox's own count for this request) + GramJS read ${Math.round(parts.readMs)} (${(parts.bytes / 2 ** 20).toFixed(1)} MB gzipped) + ` +
      `keep ${Math.round(parts.keepMs)} + build ${Math.round(parts.buildMs)} + check ${Math.round(parts.checkMs)} + ` +
      `send ${Math.round(parts.stringifyMs + received.ms)} (JSON out in Node, in in the page) + index ${Math.round(parts.indexMs)} ms`;

    // The same contacts as the reference for the counts (the floor read them from the same
    // generated world), and who the core's plan leaves out.
    const people = JSON.parse(parts.json) as Person[];
    const { calls } = await app.core.handlers.callsList({});
    const callId = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!.id;
    const skipped = new Set<string>();
    for (let i = 0; i < people.length; i += 5000) {
      const plan = await app.core.handlers.invitePlan({ callId, personIds: people.slice(i, i + 5000).map((p) => p.id) });
      for (const outcome of plan.people) if (outcome.status === 'skipped') skipped.add(outcome.personId);
    }
    const invitable = people.filter((p) => p.kind === 'user' && !skipped.has(p.id)).length;

    // Filtering: one sample per keystroke, each waited for, so none queues behind another.
    const filter = page.getByRole('searchbox', { name: 'Filter people' });
    await filter.focus();
    const countId = await filter.getAttribute('aria-describedby');
    const profile = process.env.PICKER_BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (profile) await profile.send('Profiler.enable').then(() => profile.send('Profiler.start'));
    const { samples, work, seen } = await typeAndSample(page, TYPING, () => page.locator(`[id="${countId}"]`).innerText());
    const typed = typedAfterEach(TYPING);
    const fmt = (n: number) => n.toLocaleString('en');
    typed.forEach((text, i) => {
      const want = text.trim() ? `${fmt(bruteForceCount(people, text))} of ${fmt(people.length)} shown` : `${fmt(people.length)} people`;
      if (seen[i] !== want) throw new Error(`after typing "${text}" the list said "${seen[i]}", counted ${want}`);
    });
    if (profile) writeFileSync(process.env.PICKER_BENCH_PROFILE!, JSON.stringify((await profile.send('Profiler.stop')).profile));
    if (process.env.PICKER_BENCH_DEBUG) TYPING.forEach((_, i) => console.log(JSON.stringify(typed[i]), round(work[i]), round(samples[i]), seen[i]));
    await filter.press('Escape');

    // Select all 100,000 (less the few who can't be invited).
    const paintFloor = (await page.evaluate('window.__bench.paintFloor(20)')) as number[];
    if (profile) await browser.startTracing(page, { path: `${process.env.PICKER_BENCH_PROFILE!}.select-all.trace`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] });
    // One frame: sampled every 50 µs, not every 1 ms.
    if (profile) await profile.send('Profiler.setSamplingInterval', { interval: 50 }).then(() => profile.send('Profiler.start'));
    // Median of SELECT_ALL_RUNS clicks, each from an empty selection: one frame is too short a
    // sample for one click to speak for the machine (a GC or a late task can land in it).
    const clicks: { ms: number; committed: number; text: string }[] = [];
    for (let run = 0; run < SELECT_ALL_RUNS; run += 1) {
      if (run > 0) {
        await page.getByRole('button', { name: 'Clear selection' }).click();
        await page.waitForFunction(`[...document.querySelectorAll('[role="status"]')].some((s) => /^Nobody selected/.test(s.textContent))`);
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      }
      clicks.push((await page.evaluate('window.__bench.selectAll()')) as { ms: number; committed: number; text: string });
    }
    const byTime = [...clicks].sort((a, b) => a.ms - b.ms);
    const selectAll = byTime[Math.floor(byTime.length / 2)]!;
    const wrongText = clicks.find((click) => click.text !== `${fmt(invitable)} people selected`);
    if (wrongText) throw new Error(`select-all painted "${wrongText.text}", counted ${fmt(invitable)}`);
    if (profile) writeFileSync(`${process.env.PICKER_BENCH_PROFILE!}.select-all`, JSON.stringify((await profile.send('Profiler.stop')).profile));
    if (profile) await browser.stopTracing();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const heapMb = heap.usedSize / 2 ** 20;

    const p95 = percentile(samples, 95);
    const commitP95 = percentile(work, 95);
    // What a picker that cost nothing would score here: the browser's own keystroke-to-frame time.
    const floorP95 = percentile(floor.samples, 95);
    const session = `${samples.length} keystrokes over ${fmt(people.length)} contacts`;
    const checkedCounts = `after each of the ${samples.length} keystrokes the list's count equalled a person-by-person count of the same contacts`;
    return [
      {
        name: 'picker-first-render',
        value: round(firstRender.ms),
        unit: 'ms',
        ideal: round(FRAME_MS),
        idealFrom: 'one display frame at 60 Hz',
        goal: { max: 1000 },
        checked: `${firstRender.rows} rows painted in the Contacts listbox; ${shown.toLocaleString('en')} people counted`,
        note: `click → first rows painted; the contacts were asked for ahead, once the members were in, and ready before the click`,
      },
      {
        name: 'contacts-100000-all',
        value: Math.round(contactsLoad),
        unit: 'ms',
        ideal: Math.round(floorMs),
        idealFrom: `the CPU floor, each part alone over the same contacts: ${floorParts}`,
        goal: { ratio: 1.2 },
        settings: 'one contacts.getContacts reply, handed on in chunks of 5,000',
        checked: `all ${shown.toLocaleString('en')} contacts received and indexed (the count shown, the floor's reply read alike)`,
        note: 'asked (ahead, once the members are in) → every chunk received, built and indexed in the renderer; the sandbox in its own process',
      },
      {
        name: 'picker-filter-commit-p95',
        value: round(commitP95),
        unit: 'ms',
        ideal: round(FRAME_MS),
        idealFrom: 'one display frame at 60 Hz, for reference: the goal is half of it, leaving the other half to style, layout and paint',
        goal: { max: GOAL_COMMIT_MS },
        checked: checkedCounts,
        note: `${session}; keystroke handled → list committed (filter, React, DOM writes); median ${round(percentile(work, 50))} ms, max ${round(Math.max(...work))} ms`,
      },
      {
        name: 'picker-filter-frame-p95',
        value: round(p95),
        unit: 'ms',
        ideal: round(floorP95),
        idealFrom: `this browser's own floor on the same page: a keystroke in a plain text box to its frame, p95 over ${floor.samples.length} keys`,
        goal: { max: round(floorP95 + FRAME_MS) },
        checked: checkedCounts,
        note: `${session}; keystroke → frame painted; median ${round(percentile(samples, 50))} ms, max ${round(Math.max(...samples))} ms; goal: the floor plus one frame (${round(FRAME_MS)} ms)`,
      },
      {
        name: 'picker-select-all',
        value: round(selectAll.ms),
        unit: 'ms',
        ideal: round(FRAME_MS),
        idealFrom: 'one display frame at 60 Hz',
        goal: { max: round(FRAME_MS) },
        checked: `"${selectAll.text}" painted in that frame; the core's plan says ${fmt(invitable)} of the ${fmt(people.length)} contacts can be invited`,
        note:
          `clicked at the start of a frame, timed to that frame painted, median of ${SELECT_ALL_RUNS} clicks from an empty selection (${clicks.map((c) => round(c.ms)).join(', ')} ms); handled → committed ${round(selectAll.committed)} ms; ` +
          `for scale, a frame that only changes one line of text takes median ${round(percentile(paintFloor, 50))} ms, max ${round(Math.max(...paintFloor))} ms by the same timing here`,
      },
      { name: 'picker-heap', value: round(heapMb), unit: 'MB', ideal: GOAL_HEAP_MB, idealFrom: 'a budget, not a floor', goal: { max: GOAL_HEAP_MB }, checked: '100,000 contacts loaded and selected', note: 'after GC' },
    ];
  } finally {
    await browser.close();
    await app.close();
    await sandbox.stop();
    rmSync(root_, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(pickerBench);
