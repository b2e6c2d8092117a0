// controls.rateLimits as Telegram enforces limits: a sliding window per account and method;
// past it, 420 FLOOD_WAIT_X where X is the seconds until the oldest request leaves the window.
import type { RateLimit } from '../controls';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records a request; returns 0 if it may run, else the seconds to wait (at least 1). */
  take(method: string, who: string, limit: RateLimit | undefined, nowMs = Date.now()): number {
    if (!limit) return 0;
    const key = `${who}\u0000${method}`;
    const windowMs = limit.windowSeconds * 1000;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - windowMs);
    if (recent.length >= limit.requests) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return 0;
  }
}
