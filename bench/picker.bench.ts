// The picker with 100,000 contacts, measured in Chromium through the web preview (the real core,
// the big sandbox world). The app runs in a process of its own, as the desktop app's core has
// Electron's main process to itself, and so does the sandbox, as Telegram's servers would.
// Needs the built renderer (npm run build).
//
//   picker-first-render        click on "Contacts" → the first rows painted. The picker asks for
//                              the contacts ahead, once the members are in (pickerSlice.ts says
//                              why); the bench clicks once they are ready, as an organiser who
//                              looks at the members first would. Goal ≤ 1000 ms; ideal one frame.
//   contacts-100000-all        the contacts asked for → all 100,000 received, built and indexed
//                              in the renderer; each of 3 fresh apps loads them once, and the
//                              line is the load with the median ratio. Ideal: the CPU floor, the
//                              sum of what no client can avoid for the same 100,000 contacts:
//                                server  the sandbox's own work on that very request, as it
//                                        counts it (stats busyMs: reading the world, writing,
//                                        gzipping and encrypting the answer): the wait no client
//                                        avoids;
//                                read, keep, build, check, stringify, index: timed alone, in a
//                                        process of their own as the app is
//                                        (support/contactsFloor.ts says what each is);
//                                send    stringify plus the page parsing the same JSON.
//                              The floor adds the parts up as one thread would do them; the app
//                              hands the people on in chunks, so the page's share (parse and
//                              index, ~150 ms) runs on the other core while the core builds the
//                              next chunk, and a ratio a little under 1 is possible.
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
// made here, person by person, from the same contacts; select-all's count against the contacts
// who can be invited (people who are users, less those the invite plan of a second core of the
// same code, in this process with its own session, leaves out).
// The reference people are the floor's own reading of the same generated world; a world that
// differed would fail the counts, not pass them.
// PICKER_BENCH_DEBUG=1 prints each key's commit and frame times; PICKER_BENCH_PROFILE=FILE
// writes CPU profiles of the typing to FILE, of select-all to FILE.select-all (sampled every
// 50 µs) with a trace of its frame (style, layout, paint) to FILE.select-all.trace, of the
// contacts' load in the page to FILE.contacts.page, and of the app's process (the core), its
// whole life, to the folder FILE.app (DevTools opens them all). Profiling slows what it
// watches: read its lines' times as relative.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import { CONTACTS_CHUNK } from '../electron/telegram/directory';
import type { Person } from '../shared/domain/people';
import { IDS } from '../sandbox/src/index';
import { contactsMethods } from '../sandbox/src/methods/contacts';
import { World } from '../sandbox/src/world/world';
import { startAppProcess, type AppProcess } from './support/appProcess';
import { startBenchCore } from './support/benchCore';
import type { ContactsFloorParts } from './support/contactsFloor';
import { startSandboxProcess, type SandboxProcess } from './support/sandboxProcess';
import { CHROMIUM_ARGS, findChromium } from '../e2e/support/chromium';
import { runAlone, type BenchLine } from './run';

const run = promisify(execFile);
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

/** The count the Contacts list shows: the generated 100,000 plus the organiser's named contacts. */
async function shownContacts(page: Page): Promise<number> {
  const countText = page.getByText(/^1\d\d,\d{3} people$/);
  await countText.waitFor({ timeout: 120_000 });
  return Number((await countText.textContent())!.replace(/\D/g, ''));
}

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

/** Loads of the contacts measured, each by a fresh app: the median by ratio is the line. */
const CONTACTS_LOADS = 3;

interface ContactsLoad {
  /** Asked → all received and indexed in the renderer. */
  ms: number;
  /** The sandbox's own time on that load's contacts.getContacts. */
  serverMs: number;
}
const SELECT_ALL_RUNS = 5;

/**
 * The CPU floor's parts that need no browser, timed in a Node process of their own
 * (bench/support/contactsFloor.ts says what each is) over the contacts reply the sandbox builds
 * (its own method's builder, a world of the same size). Returns them with the people as JSON.
 */
async function contactsFloorInNode(dir: string): Promise<ContactsFloorParts & { json: string }> {
  const world = World.open({ dataDir: join(dir, 'floor-world'), size: { contacts: CONTACTS } });
  // The sandbox's own contacts.getContacts (it reads only the world and the account).
  const getContacts = contactsMethods['contacts.GetContacts']!;
  const request = new Api.contacts.GetContacts({ hash: returnBigInt(0) });
  const reply = getContacts.run({ req: request as never, ctx: undefined as never, env: { world } as never, me: IDS.ada }) as Api.contacts.Contacts;
  const replyFile = join(dir, 'contacts-reply.bin');
  const peopleFile = join(dir, 'contacts-people.json');
  writeFileSync(replyFile, reply.getBytes());
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'support/contactsFloor.ts'), replyFile, peopleFile], { cwd: join(__dirname, '..'), maxBuffer: 1 << 20 });
  return { ...(JSON.parse(stdout) as ContactsFloorParts), json: readFileSync(peopleFile, 'utf8') };
}

/** A CPU profile of the page from now until stop(FILE) writes it to FILE. */
async function profilePage(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop(file) {
      writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      await cdp.detach();
    },
  };
}

/**
 * Who the app's plan lets select-all choose among the contacts, asked of a second core of the same
 * code in this process (its own data folder, the same sandbox account), once the measuring is
 * over: the app's own answer can't be the reference for the app.
 */
async function invitablePeople(root: string, sandbox: SandboxProcess, people: readonly Person[]): Promise<number> {
  let streamDone: (error: unknown) => void = () => {};
  const { core, call } = await startBenchCore(join(root, 'reference'), sandbox.info, (event, payload) => {
    const page = payload as { done?: boolean; error?: unknown };
    if (event === 'peopleStreamPage' && page.done) streamDone(page.error);
  });
  try {
    await call('authExploreSandbox', {});
    // The contacts, so this core knows them as the app does (their access hashes).
    const streamed = new Promise<unknown>((resolve) => (streamDone = resolve));
    await call('peopleStreamStart', { streamId: 'reference', from: { source: 'contacts' } });
    if (await streamed) throw new Error('the reference core failed to load the contacts');
    const { calls } = await call<{ calls: { id: string; chat: { title: string } }[] }>('callsList', {});
    const callId = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!.id;
    const skipped = new Set<string>();
    for (let i = 0; i < people.length; i += 5000) {
      const plan = await call<{ people: { personId: string; status: string }[] }>('invitePlan', { callId, personIds: people.slice(i, i + 5000).map((p) => p.id) });
      for (const outcome of plan.people) if (outcome.status === 'skipped') skipped.add(outcome.personId);
    }
    return people.filter((p) => p.kind === 'user' && !skipped.has(p.id)).length;
  } finally {
    await core.dispose();
  }
}

export default async function pickerBench(): Promise<BenchLine[]> {
  const root_ = mkdtempSync(join(tmpdir(), 'rollcall-bench-picker-'));
  // The CPU floor of loading the contacts, part by part, before the app starts: no part shares
  // the CPU with it (the page's half of the transfer is timed once the page is up).
  const parts = await contactsFloorInNode(root_);
  // A world whose organiser has 100,000 contacts, served from a process of its own.
  const sandbox = await startSandboxProcess(join(root_, 'sandbox'), ['--size', `contacts=${CONTACTS}`]);
  const profileFile = process.env.PICKER_BENCH_PROFILE;
  const browser = await chromium.launch({ executablePath: findChromium()?.path, args: CHROMIUM_ARGS });
  const apps: AppProcess[] = [];
  /** The app in a process of its own over a fresh data folder, and a page on it, in the sandbox. */
  const openApp = async (nodeArgs: string[] = []): Promise<Page> => {
    const app = await startAppProcess(join(root_, `data-${apps.length}`), join(root_, 'sandbox', 'sandbox.json'), nodeArgs);
    apps.push(app);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore the sandbox' }).click();
    await page.evaluate(PAGE_PROBES);
    return page;
  };
  /**
   * Opens the picker on the big call; the contacts are asked for once the members are in.
   * Resolves once all are received and indexed, with the sandbox's own time on that one request.
   */
  const loadContacts = async (page: Page): Promise<ContactsLoad> => {
    await sandbox.ask('stats reset');
    await page.getByRole('button', { name: /^Choose Rust Meetup Berlin/ }).click();
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    const ms = (await page.evaluate('window.__bench.contactsLoad()')) as number;
    const served = await sandbox.askJson<{ byMethod: Record<string, number>; busyMs: Record<string, number> }>('stats');
    if (served.byMethod['contacts.getContacts'] !== 1) throw new Error(`the app asked for the contacts ${served.byMethod['contacts.getContacts'] ?? 0} times, not once`);
    return { ms, serverMs: served.busyMs['contacts.getContacts']! };
  };
  try {
    // The contacts' load, once per fresh app (one load is one sample of a workload the machine's
    // noise moves by a tenth either way); the last app goes on to the other lines.
    const loads: ContactsLoad[] = [];
    for (let n = 1; n < CONTACTS_LOADS; n += 1) {
      const page = await openApp();
      loads.push(await loadContacts(page));
      await page.getByRole('tab', { name: /^Contacts/ }).click();
      const count = await shownContacts(page);
      if (count !== parts.people) throw new Error(`load ${n}: the picker shows ${count} contacts, the floor read ${parts.people}`);
      await page.close();
      await apps.at(-1)!.stop();
    }
    // One file per thread (tsx's loader has one of its own): the biggest is the app's.
    const page = await openApp(profileFile ? ['--cpu-prof', '--cpu-prof-dir', `${profileFile}.app`] : []);
    await page.evaluate('window.__bench.probeKeys()');

    // The floor: a keystroke in a plain text box (the call link) to its frame, in this browser.
    const link = page.getByRole('textbox', { name: 'Call link' });
    await link.focus();
    const floor = await typeAndSample(page, BASELINE_TYPING);
    await link.fill('');

    const loadProfile = profileFile ? await profilePage(page) : null;
    loads.push(await loadContacts(page));
    if (loadProfile) await loadProfile.stop(`${profileFile!}.contacts.page`);

    // First render: the click, then the first rows painted.
    const firstRender = (await page.evaluate('window.__bench.firstRender()')) as { ms: number; rows: number };
    const shown = await shownContacts(page);
    // The plan (who is in the call, invited before) arrives in chunks; measure once it has.
    await page.getByText('Checking who is already in the call or invited…').waitFor({ state: 'detached', timeout: 300_000 });

    const received = (await page.evaluate(`window.__bench.parseMs(${JSON.stringify(parts.json)})`)) as { ms: number; count: number };
    if (received.count !== shown || parts.people !== shown) throw new Error(`the picker shows ${shown} contacts, the floor read ${parts.people}, the page parsed ${received.count}`);
    // Each load against its own floor: the same parts, with the sandbox's time on that load's request.
    const restMs = parts.readMs + parts.keepMs + parts.buildMs + parts.checkMs + parts.stringifyMs + received.ms + parts.indexMs;
    const byRatio = [...loads].sort((a, b) => a.ms / (a.serverMs + restMs) - b.ms / (b.serverMs + restMs));
    const contacts = byRatio[Math.floor(byRatio.length / 2)]!;
    const serverMs = contacts.serverMs;
    const floorMs = serverMs + restMs;
    const floorParts =
      `server ${Math.round(serverMs)} (the sandbox's own count for this request) + GramJS read ${Math.round(parts.readMs)} (${(parts.bytes / 2 ** 20).toFixed(1)} MB gzipped; ` +
      `this and the Node parts below in a process of their own, medians of 3) + ` +
      `keep ${Math.round(parts.keepMs)} + build ${Math.round(parts.buildMs)} + check ${Math.round(parts.checkMs)} + ` +
      `send ${Math.round(parts.stringifyMs + received.ms)} (JSON out in Node, in in the page) + index ${Math.round(parts.indexMs)} ms`;

    // The same contacts as the reference for the counts (the floor read them from the same
    // generated world), and who the plan leaves out.
    const people = JSON.parse(parts.json) as Person[];
    const invitable = await invitablePeople(root_, sandbox, people);

    // Filtering: one sample per keystroke, each waited for, so none queues behind another.
    const filter = page.getByRole('searchbox', { name: 'Filter people' });
    await filter.focus();
    const countId = await filter.getAttribute('aria-describedby');
    const profile = profileFile ? await page.context().newCDPSession(page) : null;
    if (profile) await profile.send('Profiler.enable').then(() => profile.send('Profiler.start'));
    const { samples, work, seen } = await typeAndSample(page, TYPING, () => page.locator(`[id="${countId}"]`).innerText());
    const typed = typedAfterEach(TYPING);
    const fmt = (n: number) => n.toLocaleString('en');
    typed.forEach((text, i) => {
      const want = text.trim() ? `${fmt(bruteForceCount(people, text))} of ${fmt(people.length)} shown` : `${fmt(people.length)} people`;
      if (seen[i] !== want) throw new Error(`after typing "${text}" the list said "${seen[i]}", counted ${want}`);
    });
    if (profile) writeFileSync(profileFile!, JSON.stringify((await profile.send('Profiler.stop')).profile));
    if (process.env.PICKER_BENCH_DEBUG) TYPING.forEach((_, i) => console.log(JSON.stringify(typed[i]), round(work[i]), round(samples[i]), seen[i]));
    await filter.press('Escape');

    // Select all 100,000 (less the few who can't be invited).
    const paintFloor = (await page.evaluate('window.__bench.paintFloor(20)')) as number[];
    if (profile) await browser.startTracing(page, { path: `${profileFile!}.select-all.trace`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] });
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
    if (profile) writeFileSync(`${profileFile!}.select-all`, JSON.stringify((await profile.send('Profiler.stop')).profile));
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
        value: Math.round(contacts.ms),
        unit: 'ms',
        ideal: Math.round(floorMs),
        idealFrom: `the CPU floor, each part alone over the same contacts: ${floorParts}`,
        goal: { ratio: 1.2 },
        settings: `one contacts.getContacts reply, handed on in chunks of ${CONTACTS_CHUNK.toLocaleString('en')}`,
        checked: `in each load, all ${shown.toLocaleString('en')} contacts received and indexed (the count shown, the floor's reply read alike), asked for once`,
        note:
          `asked (ahead, once the members are in) → every chunk received, built and indexed in the renderer; the app and the sandbox each in a process of their own; ` +
          `the median by ratio of ${CONTACTS_LOADS} loads, each by a fresh app against its own server time (${loads.map((l) => `${Math.round(l.ms)} ms, ratio ${(l.ms / (l.serverMs + restMs)).toFixed(2)}`).join('; ')})`,
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
        checked: `"${selectAll.text}" painted in that frame; a second core's plan (the same code, its own session) says ${fmt(invitable)} of the ${fmt(people.length)} contacts can be invited`,
        note:
          `clicked at the start of a frame, timed to that frame painted, median of ${SELECT_ALL_RUNS} clicks from an empty selection (${clicks.map((c) => round(c.ms)).join(', ')} ms); handled → committed ${round(selectAll.committed)} ms; ` +
          `for scale, a frame that only changes one line of text takes median ${round(percentile(paintFloor, 50))} ms, max ${round(Math.max(...paintFloor))} ms by the same timing here`,
      },
      { name: 'picker-heap', value: round(heapMb), unit: 'MB', ideal: GOAL_HEAP_MB, idealFrom: 'a budget, not a floor', goal: { max: GOAL_HEAP_MB }, checked: '100,000 contacts loaded and selected', note: 'after GC' },
    ];
  } finally {
    await browser.close();
    for (const app of apps) await app.stop();
    await sandbox.stop();
    rmSync(root_, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(pickerBench);
