// Request counts a test or a person can read (sandbox.stats(), the CLI's `stats`): every request
// the dispatcher receives, per method and per account, and the errors it answered, by message.
// Requests count once each, whatever they are answered with (a scripted failure included).

export interface RequestStats {
  /** All requests received. */
  total: number;
  /** method (schema spelling, e.g. 'phone.inviteToGroupCall') → requests. */
  byMethod: Record<string, number>;
  /** account ('user:ID', or 'key:AUTH_KEY_ID' before sign-in) → method → requests. */
  byAccount: Record<string, Record<string, number>>;
  /** method → 'CODE MESSAGE' → errors answered. */
  errors: Record<string, Record<string, number>>;
  /**
   * method → milliseconds of the sandbox's own work on its requests (reading the world, writing
   * the answer; not latencyMs): a bench subtracts or counts the server's share with it.
   */
  busyMs: Record<string, number>;
}

export class StatsCollector {
  private stats: RequestStats = StatsCollector.empty();

  private static empty(): RequestStats {
    return { total: 0, byMethod: {}, byAccount: {}, errors: {}, busyMs: {} };
  }

  request(method: string, account: string): void {
    this.stats.total += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    const mine = (this.stats.byAccount[account] ??= {});
    mine[method] = (mine[method] ?? 0) + 1;
  }

  error(method: string, code: number, message: string): void {
    const mine = (this.stats.errors[method] ??= {});
    const key = `${code} ${message}`;
    mine[key] = (mine[key] ?? 0) + 1;
  }

  busy(method: string, ms: number): void {
    this.stats.busyMs[method] = (this.stats.busyMs[method] ?? 0) + ms;
  }

  /** A copy, safe to keep while requests go on. */
  snapshot(): RequestStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsCollector.empty();
  }
}
