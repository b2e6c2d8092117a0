// controls.rateLimits as Telegram enforces limits: a sliding window per account and method;
// past it, 420 FLOOD_WAIT_X where X is the seconds until the oldest request leaves the window,
// or, for a limit with waitSeconds, a penalty of that many seconds during which every request of
// the method is refused (Telegram's hour-long waits on adding members).
import type { RateLimit } from '../controls';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  /** Records a request; returns 0 if it may run, else the seconds to wait (at least 1). */
  take(method: string, who: string, limit: RateLimit | undefined, nowMs = Date.now()): number {
    if (!limit) return 0;
    const key = `${who}\u0000${method}`;
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      if (until > nowMs) return Math.max(1, Math.ceil((until - nowMs) / 1000));
      this.blockedUntil.delete(key);
      this.hits.delete(key);
    }
    const windowMs = limit.windowSeconds * 1000;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - windowMs);
    if (recent.length >= limit.requests) {
      this.hits.set(key, recent);
      if (limit.waitSeconds !== undefined) {
        this.blockedUntil.set(key, nowMs + limit.waitSeconds * 1000);
        return Math.max(1, limit.waitSeconds);
      }
      return Math.max(1, Math.ceil((recent[0]! + windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return 0;
  }
}

/**
 * People invited (or added) per account over the last hour, for the strict profile's PEER_FLOOD:
 * once an account reaches the limit, every further request is refused until the hour frees.
 */
export class HourlyQuota {
  private readonly events = new Map<string, number[]>();

  private recent(who: string, nowMs: number): number[] {
    const list = (this.events.get(who) ?? []).filter((t) => t > nowMs - 3_600_000);
    this.events.set(who, list);
    return list;
  }

  /** Whether `who` has reached `limit` (null: no limit). */
  exhausted(who: string, limit: number | null, nowMs = Date.now()): boolean {
    return limit !== null && this.recent(who, nowMs).length >= limit;
  }

  add(who: string, count: number, nowMs = Date.now()): void {
    const list = this.recent(who, nowMs);
    for (let i = 0; i < count; i++) list.push(nowMs);
  }
}
