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
import { z } from 'zod';
import { TelegramId } from '../../../shared/domain/people';
import { AppError } from '../../../shared/ipc/result';
import { readFileIfExists, writeFileAtomic } from '../files';

export const ACCOUNT_LIMITS_FILE = 'account-limits.json';
export const PEER_FLOOD_COOLDOWN_MS = 48 * 60 * 60 * 1000;

const Stored = z.strictObject({
  version: z.literal(1),
  accounts: z.record(TelegramId, z.strictObject({ since: z.number(), until: z.number(), code: z.literal('PEER_FLOOD') })),
});
type Stored = z.infer<typeof Stored>;

/** "2025-01-02 14:05 UTC": the same words in the app, in the journal and in tests. */
export const formatUtc = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class AccountLimits {
  private constructor(
    private readonly dataDir: string,
    private stored: Stored,
  ) {}

  /** Reads the file; a damaged one counts as no cool-down (logged), never as a crash. */
  static async load(dataDir: string, log: (message: string) => void): Promise<AccountLimits> {
    const bytes = await readFileIfExists(dataDir, ACCOUNT_LIMITS_FILE).catch((error: unknown) => {
      log(`${ACCOUNT_LIMITS_FILE} could not be read (${(error as Error).message}); no cool-down is known.`);
      return null;
    });
    let stored: Stored = { version: 1, accounts: {} };
    if (bytes) {
      try {
        stored = Stored.parse(JSON.parse(bytes.toString('utf8')));
      } catch {
        log(`${ACCOUNT_LIMITS_FILE} could not be read; no cool-down is known.`);
      }
    }
    return new AccountLimits(dataDir, stored);
  }

  /** When the account's cool-down ends, if it is still running at `now`. */
  until(account: string, now: number): number | null {
    const entry = Object.hasOwn(this.stored.accounts, account) ? this.stored.accounts[account] : undefined;
    return entry && entry.until > now ? entry.until : null;
  }

  /** Throws ACCOUNT_COOLING_DOWN while the account's cool-down runs. Sends nothing. */
  assertFree(account: string, now: number): void {
    const until = this.until(account, now);
    if (until !== null) {
      throw new AppError('ACCOUNT_COOLING_DOWN', `Telegram answered PEER_FLOOD; Rollcall sends no invites from this account until ${formatUtc(until)}.`);
    }
  }

  /** Notes a PEER_FLOOD at `now` in memory (save() writes it); returns the cool-down's end. A later end never shortens. */
  note(account: string, now: number): number {
    const until = Math.max(now + PEER_FLOOD_COOLDOWN_MS, this.until(account, now) ?? 0);
    this.stored = { version: 1, accounts: { ...this.stored.accounts, [account]: { since: now, until, code: 'PEER_FLOOD' } } };
    return until;
  }

  /** Writes every cool-down to DATA/account-limits.json (0600, atomically). */
  async save(): Promise<void> {
    await writeFileAtomic(this.dataDir, ACCOUNT_LIMITS_FILE, `${JSON.stringify(this.stored, null, 2)}\n`);
  }
}
