// The PEER_FLOOD cool-down: when Telegram says an account is being limited, Rollcall sends no
// invites from it until the cool-down ends, across restarts. Kept in DATA/account-limits.json
// (0600, written atomically), one entry per Telegram account id.
//
// The length: PEER_FLOOD carries no duration. Telegram's spam limits are lifted on a date that
// only @SpamBot tells, and reports put them at days rather than hours (TELEGRAM-EVIDENCE.md:
// "PEER_FLOOD = the account is being limited"; Telethon issues 4284/3985 report flood waits on
// adding members up to 77,464 s, over 21 hours, short of PEER_FLOOD). Sending while limited
// makes the limit longer. So 48 hours: past the longest flood wait reported, on the short side
// of "days", and the organiser is told to ask @SpamBot for the real end.
//
// A damaged file fails closed, for a bounded time: it may have held a cool-down that began a
// moment ago, so Rollcall can't tell whether any account is limited. It is set aside (renamed
// `account-limits.json.damaged-STAMP`, kept for a look), and a new file records a cool-down for
// every account of PEER_FLOOD_COOLDOWN_MS from the damage's discovery (ACCOUNT_LIMITS_DAMAGED,
// which names both files). It ends by itself, and the organiser can lift it sooner by deleting
// the new file once @SpamBot says the account is not limited: never locked out for good, never
// sending on a guess. A file that can't be read at all (permissions, I/O) counts the same, in
// memory only (nothing is renamed or written over it).
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TelegramId } from '../../../shared/domain/people';
import { AppError } from '../../../shared/ipc/result';
import { readFileIfExists, writeFileAtomic } from '../files';

export const ACCOUNT_LIMITS_FILE = 'account-limits.json';
export const PEER_FLOOD_COOLDOWN_MS = 48 * 60 * 60 * 1000;

const Stored = z.strictObject({
  version: z.literal(1),
  accounts: z.record(TelegramId, z.strictObject({ since: z.number(), until: z.number(), code: z.literal('PEER_FLOOD') })),
  /** The file was found damaged at `since`: every account cools down until `until`. `setAside`: the damaged copy's name. */
  damaged: z.strictObject({ since: z.number(), until: z.number(), setAside: z.string().nullable() }).optional(),
});
type Stored = z.infer<typeof Stored>;

/** "2025-01-02 14:05 UTC": the same words in the app, in the journal and in tests. */
export const formatUtc = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class AccountLimits {
  private constructor(
    private readonly dataDir: string,
    private stored: Stored,
  ) {}

  /**
   * Reads the file. A damaged one is set aside and every account cools down from `now` (see the
   * top of this file); a missing one means no cool-down. Never throws.
   */
  static async load(dataDir: string, log: (message: string) => void, now: number = Date.now()): Promise<AccountLimits> {
    const holdAll = (setAside: string | null): Stored => ({ version: 1, accounts: {}, damaged: { since: now, until: now + PEER_FLOOD_COOLDOWN_MS, setAside } });
    let bytes: Buffer | null;
    try {
      bytes = await readFileIfExists(dataDir, ACCOUNT_LIMITS_FILE);
    } catch (error) {
      log(`${ACCOUNT_LIMITS_FILE} could not be read (${(error as Error).message}); every account cools down until ${formatUtc(now + PEER_FLOOD_COOLDOWN_MS)}.`);
      return new AccountLimits(dataDir, holdAll(null));
    }
    if (!bytes) return new AccountLimits(dataDir, { version: 1, accounts: {} });
    try {
      return new AccountLimits(dataDir, Stored.parse(JSON.parse(bytes.toString('utf8'))));
    } catch {
      const setAside = `${ACCOUNT_LIMITS_FILE}.damaged-${new Date(now).toISOString().replace(/[-:.]/g, '')}`;
      const limits = new AccountLimits(dataDir, holdAll(setAside));
      try {
        await rename(join(dataDir, ACCOUNT_LIMITS_FILE), join(dataDir, setAside));
        await limits.save();
      } catch (error) {
        // Still held in memory for this session; the next start finds the damage again.
        log(`${ACCOUNT_LIMITS_FILE} was damaged and could not be set aside (${(error as Error).message}).`);
      }
      log(`${ACCOUNT_LIMITS_FILE} was damaged: set aside as ${setAside}; every account cools down until ${formatUtc(now + PEER_FLOOD_COOLDOWN_MS)}.`);
      return limits;
    }
  }

  /** When the account's cool-down ends, if it is still running at `now` (a damaged file's hold counts). */
  until(account: string, now: number): number | null {
    const own = this.ownUntil(account, now);
    const all = this.damagedUntil(now);
    return own === null && all === null ? null : Math.max(own ?? 0, all ?? 0);
  }

  private ownUntil(account: string, now: number): number | null {
    const entry = Object.hasOwn(this.stored.accounts, account) ? this.stored.accounts[account] : undefined;
    return entry && entry.until > now ? entry.until : null;
  }

  private damagedUntil(now: number): number | null {
    const damaged = this.stored.damaged;
    return damaged && damaged.until > now ? damaged.until : null;
  }

  /**
   * Throws ACCOUNT_COOLING_DOWN while the account's own cool-down runs, or ACCOUNT_LIMITS_DAMAGED
   * while a damaged file's hold does (naming the files). Sends nothing.
   */
  assertFree(account: string, now: number): void {
    const own = this.ownUntil(account, now);
    if (own !== null) {
      throw new AppError('ACCOUNT_COOLING_DOWN', `Telegram answered PEER_FLOOD; Rollcall sends no invites from this account until ${formatUtc(own)}.`);
    }
    const all = this.damagedUntil(now);
    if (all !== null) {
      const kept = this.stored.damaged!.setAside;
      throw new AppError(
        'ACCOUNT_LIMITS_DAMAGED',
        `${join(this.dataDir, ACCOUNT_LIMITS_FILE)} was damaged on ${formatUtc(this.stored.damaged!.since)}${kept ? ` (kept as ${kept})` : ''}; no invites from any account until ${formatUtc(all)}, or until you delete ${ACCOUNT_LIMITS_FILE} and restart Rollcall.`,
      );
    }
  }

  /** Notes a PEER_FLOOD at `now` in memory (save() writes it); returns the cool-down's end. A later end never shortens. */
  note(account: string, now: number): number {
    const until = Math.max(now + PEER_FLOOD_COOLDOWN_MS, this.ownUntil(account, now) ?? 0);
    this.stored = { ...this.stored, accounts: { ...this.stored.accounts, [account]: { since: now, until, code: 'PEER_FLOOD' } } };
    return until;
  }

  /** Writes every cool-down to DATA/account-limits.json (0600, atomically). */
  async save(): Promise<void> {
    await writeFileAtomic(this.dataDir, ACCOUNT_LIMITS_FILE, `${JSON.stringify(this.stored, null, 2)}\n`);
  }
}
