// Rollcall's own pacing: at most `ceiling` invitations (people in requests sent) per account in
// any hour, shared by every run of the account. Past it, the run waits (labelled as Rollcall's
// pacing, not Telegram's) until enough of the last hour's invitations have aged out.
// In memory: after a restart the hour starts again from the runs' journals' absence of it — a
// known gap (README "How Rollcall protects your account").

const HOUR_MS = 60 * 60 * 1000;

export class Pacer {
  private readonly sent = new Map<string, { at: number; n: number }[]>();

  /** ceiling: invitations per hour, read at each request (the settings can change it mid-run); null = none. */
  constructor(private readonly ceiling: () => number | null) {}

  /**
   * Reserves n invitations for the account at `now`: 0 if they may go now (and they are counted),
   * else the ms to wait. A request larger than the ceiling goes alone once the hour is empty.
   */
  reserve(account: string, n: number, now: number): number {
    const ceiling = this.ceiling();
    if (ceiling === null || ceiling <= 0) return 0;
    const list = (this.sent.get(account) ?? []).filter((e) => e.at > now - HOUR_MS);
    this.sent.set(account, list);
    let used = list.reduce((sum, e) => sum + e.n, 0);
    if (used + n <= ceiling || used === 0) {
      list.push({ at: now, n });
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
}
