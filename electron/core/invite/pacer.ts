// Rollcall's own pacing: at most `ceiling` invitations (people in requests sent) per account in
// any hour, shared by every run of the account. Past it, the run waits (labelled as Rollcall's
// pacing, not Telegram's) until enough of the last hour's invitations have aged out.
//
// The last hour's sends are kept in DATA/pacing.json (0600, written atomically after each
// reservation, one small list per account, pruned to the hour), so quitting and starting again
// doesn't start a fresh hour. A damaged or unreadable file fails closed for a bounded time: every
// account's hour counts as full for one hour from the damage's discovery (at worst the organiser
// waits an hour; never sends more than the ceiling on a guess), and the next write replaces it.
import { z } from 'zod';
import { TelegramId } from '../../../shared/domain/people';
import { readFileIfExists, writeFileAtomic } from '../files';

export const PACING_FILE = 'pacing.json';
const HOUR_MS = 60 * 60 * 1000;

const Sent = z.strictObject({ at: z.number(), n: z.number().int().positive() });
type Sent = z.infer<typeof Sent>;
const Stored = z.strictObject({
  version: z.literal(1),
  accounts: z.record(TelegramId, z.array(Sent)),
  /** The file was found damaged: every account's hour is full until this time. */
  fullUntil: z.number().optional(),
});
type Stored = z.infer<typeof Stored>;

export class Pacer {
  private readonly sent = new Map<string, Sent[]>();
  private fullUntil = 0;
  private writing: Promise<void> = Promise.resolve();

  /**
   * ceiling: invitations per hour, read at each request (the settings can change it mid-run); null = none.
   * store: where the hour is kept across restarts (none: in memory only).
   */
  constructor(
    private readonly ceiling: () => number | null,
    private readonly store: { dataDir: string; log: (message: string) => void } | null = null,
  ) {}

  /** A pacer with the last hour read from DATA/pacing.json. Never throws. */
  static async load(dataDir: string, ceiling: () => number | null, log: (message: string) => void, now: number): Promise<Pacer> {
    const pacer = new Pacer(ceiling, { dataDir, log });
    try {
      const bytes = await readFileIfExists(dataDir, PACING_FILE);
      if (!bytes) return pacer;
      const stored = Stored.parse(JSON.parse(bytes.toString('utf8')));
      for (const [account, list] of Object.entries(stored.accounts)) pacer.sent.set(account, list.filter((e) => e.at > now - HOUR_MS && e.at <= now));
      pacer.fullUntil = stored.fullUntil ?? 0;
    } catch (error) {
      pacer.fullUntil = now + HOUR_MS;
      log(`${PACING_FILE} could not be read (${(error as Error).message.slice(0, 200)}); every account's hourly ceiling counts as reached for an hour.`);
    }
    return pacer;
  }

  /**
   * Reserves n invitations for the account at `now`: 0 if they may go now (and they are counted),
   * else the ms to wait. A request larger than the ceiling goes alone once the hour is empty.
   */
  reserve(account: string, n: number, now: number): number {
    const ceiling = this.ceiling();
    if (ceiling === null || ceiling <= 0) return 0;
    if (now < this.fullUntil) return this.fullUntil - now;
    const list = (this.sent.get(account) ?? []).filter((e) => e.at > now - HOUR_MS);
    this.sent.set(account, list);
    let used = list.reduce((sum, e) => sum + e.n, 0);
    if (used + n <= ceiling || used === 0) {
      list.push({ at: now, n });
      this.save(now);
      return 0;
    }
    // The wait until enough have aged out of the hour.
    for (const entry of list) {
      used -= entry.n;
      if (used + n <= ceiling) return Math.max(1, entry.at + HOUR_MS - now);
    }
    return Math.max(1, list[list.length - 1]!.at + HOUR_MS - now);
  }

  /** Invitations counted for the account in the hour before `now`. */
  used(account: string, now: number): number {
    return (this.sent.get(account) ?? []).filter((e) => e.at > now - HOUR_MS).reduce((sum, e) => sum + e.n, 0);
  }

  /** Resolves when every reservation so far is on disk (or its write failed, logged). */
  flush(): Promise<void> {
    return this.writing;
  }

  /** Writes the last hour (writes in order, one at a time; a failure is logged, pacing goes on in memory). */
  private save(now: number): void {
    const store = this.store;
    if (!store) return;
    const accounts: Stored['accounts'] = {};
    for (const [account, list] of this.sent) {
      const recent = list.filter((e) => e.at > now - HOUR_MS);
      if (recent.length > 0) accounts[account] = recent.map((e) => ({ ...e }));
    }
    const stored: Stored = { version: 1, accounts, ...(this.fullUntil > now ? { fullUntil: this.fullUntil } : {}) };
    this.writing = this.writing
      .then(() => writeFileAtomic(store.dataDir, PACING_FILE, `${JSON.stringify(stored)}\n`))
      .catch((error: unknown) => store.log(`${PACING_FILE} could not be written: ${(error as Error).message}`));
  }
}
