// controls.holds: answers kept back until the test lets them go, so a test can act "mid-request"
// (cancel, kill, stop, move a DC) at a moment it chose, instead of racing a latency timer. A held
// request has been carried out by the world (as latencyMs, only the answer waits); releasing it
// sends the world's answer, failing it sends an error instead, and closing the sandbox drops it.

import { methodName } from './rpc';

/** How a held answer ends. */
export type HoldOutcome = { kind: 'answer' } | { kind: 'error'; code: number; message: string } | { kind: 'drop' };

export interface HeldRequest {
  /** As in the schema, e.g. 'phone.inviteToGroupCall'. */
  readonly method: string;
  /** The request as the world read it (its users, its call…). */
  readonly request: unknown;
  /** Sends the world's answer. */
  release(): void;
  /** Answers this error instead; what the world did stays done. */
  fail(code: number, message: string): void;
}

interface HoldRule {
  /** Requests still let through before holding starts. */
  skip: number;
  /** Requests still to hold (null: every one until unhold). */
  count: number | null;
}

interface Entry extends HeldRequest {
  settle(outcome: HoldOutcome): void;
}

export interface HoldOptions {
  /** Let this many requests of the method through first (default 0). */
  skip?: number;
  /** Hold only this many, then let the rest through (default: every one until unhold). */
  count?: number;
}

export class Holds {
  private readonly rules = new Map<string, HoldRule>();
  private readonly waiting: Entry[] = [];
  private readonly watchers = new Set<() => void>();

  /** Holds the answers of `method` (every one, or as the options say) until released. */
  hold(method: string, options: HoldOptions = {}): void {
    this.rules.set(method, { skip: options.skip ?? 0, count: options.count ?? null });
  }

  /** Stops holding new requests of `method` (of every method when omitted); those held stay held. */
  unhold(method?: string): void {
    if (method === undefined) this.rules.clear();
    else this.rules.delete(method);
  }

  /** The answers waiting now, oldest first. */
  held(method?: string): HeldRequest[] {
    return this.waiting.filter((e) => method === undefined || e.method === method);
  }

  /** Resolves once at least `n` answers of `method` are waiting (rejects after timeoutMs). */
  until(method: string, n: number, timeoutMs = 15_000): Promise<HeldRequest[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const held = this.held(method);
        if (held.length < n) return;
        this.watchers.delete(check);
        clearTimeout(timer);
        resolve(held);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`${this.held(method).length} of ${n} ${method} answers held after ${timeoutMs} ms`));
      }, timeoutMs);
      this.watchers.add(check);
      check();
    });
  }

  /** Sends the `n` oldest held answers of `method` (every method when omitted); returns how many. */
  release(method?: string, n = Infinity): number {
    return this.settle(method, n, { kind: 'answer' });
  }

  /** Answers the `n` oldest held requests of `method` with this error instead; returns how many. */
  fail(method: string | undefined, code: number, message: string, n = Infinity): number {
    return this.settle(method, n, { kind: 'error', code, message });
  }

  /** The sandbox is closing: no held answer will ever leave, and nothing new is held. */
  drop(): void {
    this.rules.clear();
    this.settle(undefined, Infinity, { kind: 'drop' });
  }

  /**
   * The protocol layer asks, for each request carried out: null to answer now, or the outcome
   * the test chooses for it.
   */
  gate(className: string, request: unknown): Promise<HoldOutcome> | null {
    const method = methodName(className);
    const rule = this.rules.get(method);
    if (!rule) return null;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return null;
    }
    if (rule.count !== null) {
      if (rule.count === 0) return null;
      rule.count -= 1;
    }
    return new Promise((resolve) => {
      const entry: Entry = {
        method,
        request,
        settle: (outcome) => {
          const at = this.waiting.indexOf(entry);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          resolve(outcome);
        },
        release: () => entry.settle({ kind: 'answer' }),
        fail: (code, message) => entry.settle({ kind: 'error', code, message }),
      };
      this.waiting.push(entry);
      for (const wake of [...this.watchers]) wake();
    });
  }

  private settle(method: string | undefined, n: number, outcome: HoldOutcome): number {
    const chosen = this.waiting.filter((e) => method === undefined || e.method === method).slice(0, n);
    for (const entry of chosen) entry.settle(outcome);
    return chosen.length;
  }

  /** What `controls` prints: the rules and how many answers wait, per method. */
  toJSON(): { rules: Record<string, HoldRule>; held: Record<string, number> } {
    const held: Record<string, number> = {};
    for (const e of this.waiting) held[e.method] = (held[e.method] ?? 0) + 1;
    return { rules: Object.fromEntries(this.rules), held };
  }
}
