// The run journal: dataDir/runs/<runId>.jsonl, one JSON record a line, append-only. A request's
// people are written and synced to disk before the request is sent, and its answer after, so a
// crash leaves either "sent, answer unknown" (safe to send again: Telegram refuses a second
// invitation with USER_ALREADY_INVITED) or a recorded outcome; never a silent gap.
import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PersonOutcome, RunHeader } from '../../../shared/domain/invite';
import { TelegramId } from '../../../shared/domain/people';
import { ErrorCodeSchema } from '../../../shared/errors/schema';
import { AppError } from '../../../shared/ipc/result';

const Reason = z.strictObject({ code: ErrorCodeSchema, message: z.string() });

export const JournalRecord = z.discriminatedUnion('t', [
  /** The first line: the run and its plan. */
  z.strictObject({
    t: z.literal('run'),
    v: z.literal(1),
    id: z.string(),
    call: RunHeader.shape.call,
    selfId: TelegramId,
    startedAt: z.number(),
    batchSize: z.number().int().positive(),
    people: z.array(PersonOutcome),
  }),
  /** About to send request number `req` with these people. */
  z.strictObject({ t: z.literal('send'), req: z.number().int(), ids: z.array(TelegramId), at: z.number() }),
  /** Request `req` was answered; these outcomes follow from the answer (none for a split). */
  z.strictObject({ t: z.literal('reply'), req: z.number().int(), outcomes: z.array(PersonOutcome), at: z.number() }),
  /** Outcomes not tied to one answer (the rest of a stopped or cancelled run). */
  z.strictObject({ t: z.literal('outcomes'), outcomes: z.array(PersonOutcome), at: z.number() }),
  z.strictObject({ t: z.literal('flood'), until: z.number(), seconds: z.number().int().nonnegative(), at: z.number() }),
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

export const runsDir = (dataDir: string): string => join(dataDir, 'runs');
export const journalPath = (dataDir: string, runId: string): string => join(runsDir(dataDir), `${runId}.jsonl`);

const storageError = (error: unknown): AppError =>
  new AppError('STORAGE_FAILED', `Writing the run journal failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));

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
  ) {}

  /** Creates the journal with its first record, durably (the file's directory entry too). */
  static async create(dataDir: string, first: Extract<JournalRecord, { t: 'run' }>): Promise<JournalFile> {
    const dir = runsDir(dataDir);
    try {
      await mkdir(dir, { recursive: true });
      const handle = await open(journalPath(dataDir, first.id), 'wx');
      const journal = new JournalFile(handle, journalPath(dataDir, first.id));
      await journal.append(first);
      await syncDirectory(dir);
      return journal;
    } catch (error) {
      throw error instanceof AppError ? error : storageError(error);
    }
  }

  /** Opens an existing journal to append to it (resuming an interrupted run). */
  static async reopen(dataDir: string, runId: string): Promise<JournalFile> {
    try {
      return new JournalFile(await open(journalPath(dataDir, runId), 'a'), journalPath(dataDir, runId));
    } catch (error) {
      throw storageError(error);
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
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.handle.write(group.map((p) => p.line).join(''));
        await this.handle.datasync();
        group.forEach((p) => p.resolve());
      } catch (error) {
        this.failed = storageError(error);
        group.forEach((p) => p.reject(this.failed!));
      }
    }
    this.draining = false;
  }

  async close(): Promise<void> {
    while (this.draining || this.pending.length > 0) await new Promise((r) => setImmediate(r));
    await this.handle.close().catch(() => {});
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Some platforms (Windows) can't open a directory; the file's own sync is the most they offer.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Directory fsync is advisory where unsupported.
  } finally {
    await handle.close();
  }
}

/**
 * A journal's records. A line that does not parse is skipped: a crash can cut the last line
 * short, and one damaged line must not hide the rest of the run.
 */
export async function readJournal(path: string): Promise<JournalRecord[]> {
  const text = await readFile(path, 'utf8');
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JournalRecord.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // A torn line: skip it.
    }
  }
  return records;
}

/** The run ids that have a journal in dataDir. */
export async function listJournals(dataDir: string): Promise<string[]> {
  const names = await readdir(runsDir(dataDir)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length));
}
