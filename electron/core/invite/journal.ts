// The run journal: dataDir/runs/<runId>.jsonl, one JSON record a line, append-only. A request's
// people are written and synced to disk before the request is sent, and its answer after, so a
// crash leaves either "sent, answer unknown" (safe to send again: Telegram refuses a second
// invitation with USER_ALREADY_INVITED) or a recorded outcome; never a silent gap.
//
// A journal is read only if it is what it claims to be: a plain file no larger than
// MAX_JOURNAL_BYTES, named by a run id, whose run record carries that same id, with no line
// longer than MAX_JOURNAL_LINE_BYTES. Anything else is set aside (moved to runs/set-aside/, with
// the reason logged): never loaded, never resumed, never deleted.
import { constants } from 'node:fs';
import { chmod, lstat, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PersonOutcome, RUN_ID_PATTERN, RunHeader, RunId } from '../../../shared/domain/invite';
import { TelegramId } from '../../../shared/domain/people';
import { ErrorCodeSchema } from '../../../shared/errors/schema';
import { MAX_PEOPLE_PER_RUN } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { syncFolder } from '../../../platform/atomicWrite';
import { PRIVATE_FILE_MODE, ensurePrivateDir, fsReason } from '../files';

const Reason = z.strictObject({ code: ErrorCodeSchema, message: z.string() });

export const JournalRecord = z.discriminatedUnion('t', [
  /** The first line: the run and its plan. */
  z.strictObject({
    t: z.literal('run'),
    v: z.literal(1),
    id: RunId,
    call: RunHeader.shape.call,
    selfId: TelegramId,
    startedAt: z.number(),
    batchSize: z.number().int().positive(),
    people: z.array(PersonOutcome).max(MAX_PEOPLE_PER_RUN),
  }),
  /** About to send request number `req` with these people. */
  z.strictObject({ t: z.literal('send'), req: z.number().int(), ids: z.array(TelegramId), at: z.number() }),
  /** Request `req` was answered; these outcomes follow from the answer (none for a split). */
  z.strictObject({ t: z.literal('reply'), req: z.number().int(), outcomes: z.array(PersonOutcome), at: z.number() }),
  /** Outcomes not tied to one answer (the rest of a stopped or cancelled run). */
  z.strictObject({ t: z.literal('outcomes'), outcomes: z.array(PersonOutcome), at: z.number() }),
  z.strictObject({ t: z.literal('flood'), until: z.number(), seconds: z.number().int().nonnegative(), at: z.number() }),
  /**
   * People's attendance as it changed (the call's participants, followed while the app is
   * open); a Rollcall from before attendance skips these lines as it skips any it can't read.
   */
  z.strictObject({
    t: z.literal('attendance'),
    people: z.array(z.strictObject({ id: TelegramId, joinedAt: z.number().nullable(), leftAt: z.number().nullable() })),
    at: z.number(),
  }),
  /** Sending goes on: after a flood wait, or after an interruption. */
  z.strictObject({ t: z.literal('resume'), at: z.number() }),
  z.strictObject({
    t: z.literal('end'),
    state: z.enum(['done', 'stopped', 'cancelled']),
    stopReason: Reason.nullable(),
    at: z.number(),
  }),
]);
export type JournalRecord = z.infer<typeof JournalRecord>;

/**
 * The longest line a journal may have. The longest record is the run record (or an `outcomes`
 * record for the rest of a stopped run): one outcome per person, at most MAX_PEOPLE_PER_RUN of
 * them. An outcome is ~150 bytes of keys, ids, status and times plus the person's name (first +
 * last name, 128 characters at most 4 bytes each), username (32) and a reason message (Rollcall's
 * own, under 300): under 1 KiB. So 1 KiB a person, plus 1 MiB for the call and the rest.
 */
export const MAX_JOURNAL_LINE_BYTES = MAX_PEOPLE_PER_RUN * 1024 + 1024 * 1024;
/**
 * The largest journal read. Each person is in the run record once and in one answer (`reply`)
 * or `outcomes` record once more: twice the longest line. `send` lines add ~15 bytes a person
 * per attempt, and `flood`/`resume` lines ~60 bytes each: far less than the 50 MiB of headroom.
 * That is 250 MiB for a 100,000-person run of worst-case names. Measured: a 100,000-person run
 * with short names (and 50 refusals split out) journals 34 MiB and replays in ~0.85 s; a file over
 * the cap is set aside on its size alone, and an endless line once MAX_JOURNAL_LINE_BYTES are read.
 */
export const MAX_JOURNAL_BYTES = 2 * MAX_JOURNAL_LINE_BYTES + 50 * 1024 * 1024;

export const runsDir = (dataDir: string): string => join(dataDir, 'runs');
/** Where journals that can't be trusted go: out of runs/, so they are never listed again. */
export const setAsideDir = (dataDir: string): string => join(runsDir(dataDir), 'set-aside');

/** The journal of a run; refuses anything but a run id (a name can't leave runs/). */
export function journalPath(dataDir: string, runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) throw new AppError('INTERNAL', 'A run journal was asked for by a name that is not a run id.');
  return join(runsDir(dataDir), `${runId}.jsonl`);
}

/** The journal's name relative to the data folder, for messages. */
const journalName = (runId: string): string => `runs/${RUN_ID_PATTERN.test(runId) ? runId : '(invalid id)'}.jsonl`;

const storageError = (action: 'Writing' | 'Opening', runId: string, error: unknown): AppError =>
  error instanceof AppError ? error : new AppError('STORAGE_FAILED', `${action} the run journal ${journalName(runId)} failed: ${fsReason(error)}.`);

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: AppError) => void;
}

/**
 * An open journal. Appends that arrive while a write is syncing are written together with one
 * fsync (group commit): with several requests in flight, each still waits for its own line to
 * be durable, but the disk sees one sync per burst instead of one per line.
 */
export class JournalFile {
  private pending: Pending[] = [];
  private draining = false;
  private failed: AppError | null = null;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly runId: string,
  ) {}

  /** Creates the journal with its first record, durably (the file's directory entry too). */
  static async create(dataDir: string, first: Extract<JournalRecord, { t: 'run' }>): Promise<JournalFile> {
    const journal = await JournalFile.createEmpty(dataDir, first.id);
    await journal.append(first).catch(async (error: unknown) => {
      await journal.discard();
      throw error;
    });
    return journal;
  }

  /**
   * Creates the run's journal file, empty, with its directory entry on disk: what doesn't need
   * the run's plan, so it can happen while the plan's reads are on the wire. Its first append
   * must be the run record; discard() removes a file whose run never started.
   */
  static async createEmpty(dataDir: string, runId: string): Promise<JournalFile> {
    const dir = runsDir(dataDir);
    try {
      const path = journalPath(dataDir, runId);
      await ensurePrivateDir(dir);
      const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
      const journal = new JournalFile(handle, path, runId);
      try {
        await handle.chmod(PRIVATE_FILE_MODE);
        // Where the OS refuses a folder fsync (Windows), the file's own sync is the most it offers.
        await syncFolder(dir);
      } catch (error) {
        await journal.discard();
        throw error;
      }
      return journal;
    } catch (error) {
      throw storageError('Writing', runId, error);
    }
  }

  /** Opens an existing journal to append to it (resuming an interrupted run). */
  static async reopen(dataDir: string, runId: string): Promise<JournalFile> {
    try {
      const path = journalPath(dataDir, runId);
      // Appending to a journal that is gone would create a new one: it must be there.
      const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
      await handle.chmod(PRIVATE_FILE_MODE).catch(() => {});
      return new JournalFile(handle, path, runId);
    } catch (error) {
      throw storageError('Opening', runId, error);
    }
  }

  /** Resolves once the record is on disk; rejects with STORAGE_FAILED. */
  append(record: JournalRecord): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // Appends made in the same turn (a window's first "send" lines) join the first write and sync.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.handle.write(group.map((p) => p.line).join(''));
        await this.handle.datasync();
        group.forEach((p) => p.resolve());
      } catch (error) {
        this.failed = storageError('Writing', this.runId, error);
        group.forEach((p) => p.reject(this.failed!));
      }
    }
    this.draining = false;
  }

  async close(): Promise<void> {
    while (this.draining || this.pending.length > 0) await new Promise((r) => setImmediate(r));
    await this.handle.close().catch(() => {});
  }

  /** Closes and removes a journal whose run never started (nothing was sent from it). */
  async discard(): Promise<void> {
    await this.close();
    await unlink(this.path).catch(() => {});
  }
}

/** Why a journal can't be trusted; the history sets such a journal aside. */
export class UntrustedJournal extends Error {}

/**
 * A journal's records, read line by line with both caps (see MAX_JOURNAL_BYTES). Throws
 * UntrustedJournal when the file is not a plain file, too large, has an endless line, or its run
 * record is missing or names another run than `runId` (the file's name). After the run record,
 * a line that does not parse is skipped: a crash can cut the last line short, and one damaged
 * line must not hide the rest of the run.
 */
export async function readJournal(path: string, runId: string): Promise<JournalRecord[]> {
  const before = await lstat(path);
  if (!before.isFile()) throw new UntrustedJournal('it is not a plain file');
  if (before.size > MAX_JOURNAL_BYTES) throw new UntrustedJournal(`it is larger than ${MAX_JOURNAL_BYTES} bytes (${before.size})`);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new UntrustedJournal('it is a link');
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size > MAX_JOURNAL_BYTES) throw new UntrustedJournal('it changed while it was being read');
    const records: JournalRecord[] = [];
    let first = true;
    for await (const line of lines(handle, MAX_JOURNAL_LINE_BYTES, MAX_JOURNAL_BYTES)) {
      if (!line.trim()) continue;
      if (first) {
        records.push(runRecord(line, runId));
        first = false;
        continue;
      }
      try {
        const parsed = JournalRecord.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // A torn line: skip it.
      }
    }
    if (first) throw new UntrustedJournal('it has no run record');
    return records;
  } finally {
    await handle.close().catch(() => {});
  }
}

function runRecord(line: string, runId: string): Extract<JournalRecord, { t: 'run' }> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UntrustedJournal('its first line is not a run record');
  }
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id !== runId) throw new UntrustedJournal(`its run id ${JSON.stringify(id.slice(0, 80))} does not match its file name`);
  const parsed = JournalRecord.safeParse(value);
  if (!parsed.success || parsed.data.t !== 'run') throw new UntrustedJournal('its first line is not a run record');
  return parsed.data;
}

/**
 * The file's lines, split on "\n" as the bytes arrive: a line is never held beyond maxLine bytes
 * and the file never read beyond maxBytes, so an endless line costs at most maxLine of memory.
 * (readline would hold a whole line, however long, before handing it over.) "\n" never occurs
 * inside a UTF-8 sequence, so each line decodes on its own.
 */
async function* lines(handle: FileHandle, maxLine: number, maxBytes: number): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let held = 0;
  let read = 0;
  for await (const chunk of handle.createReadStream({ start: 0, end: maxBytes, autoClose: false }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    if (read > maxBytes) throw new UntrustedJournal(`it is larger than ${maxBytes} bytes`);
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      if (held + piece.length > maxLine) throw new UntrustedJournal(`it has a line longer than ${maxLine} bytes`);
      yield (held > 0 ? Buffer.concat([...parts, piece]) : piece).toString('utf8');
      parts = [];
      held = 0;
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (held + rest.length > maxLine) throw new UntrustedJournal(`it has a line longer than ${maxLine} bytes`);
    if (rest.length > 0) {
      parts.push(rest);
      held += rest.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts).toString('utf8');
}

/** The file names (<name>.jsonl) in runs/: journals, or things that pose as one. */
export async function listJournals(dataDir: string): Promise<string[]> {
  const names = await readdir(runsDir(dataDir)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.jsonl'));
}

/**
 * Moves runs/<name> to runs/set-aside/ (under a fresh name if one is taken) and says why. The
 * file is kept as it was, for whoever wants to look at it.
 */
export async function setAside(dataDir: string, name: string, reason: string, log: (message: string) => void): Promise<void> {
  const shown = JSON.stringify(name.slice(0, 100));
  try {
    const folder = setAsideDir(dataDir);
    await ensurePrivateDir(folder);
    let target = join(folder, name);
    for (let n = 1; await lstat(target).then(() => true, () => false); n++) target = join(folder, `${name}.${n}`);
    await rename(join(runsDir(dataDir), name), target);
    // Private like every journal (never through a link: chmod would follow it).
    if ((await lstat(target)).isFile()) await chmod(target, PRIVATE_FILE_MODE);
    log(`Run journal ${shown} was set aside in runs/set-aside/ and not loaded: ${reason}.`);
  } catch (error) {
    log(`Run journal ${shown} was not loaded (${reason}) and could not be set aside: ${fsReason(error)}.`);
  }
}
