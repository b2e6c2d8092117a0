// What any local process may cost the sandbox. It runs inside the app's main process and listens
// on loopback, where every peer is 127.0.0.1: a connection can't be tied to a process cheaply, so
// the sandbox tells clients apart by auth key once they present one (GramJS: one key per client),
// and holds connections that haven't (new, or mid key exchange) to a small shared pool whose
// oldest member makes room for a newcomer. A flood then costs the flooder its own connections,
// not a signed-in client's, and a client reconnecting with its key is never queued behind it.
import type { Socket } from 'node:net';

export interface ServerLimits {
  /** Open connections in all (default 512). Past it, the oldest connection without a key makes room, or the new one is refused. */
  maxConnections: number;
  /** Open connections that have presented no known auth key yet (default 64); the oldest makes room for a new one. */
  maxUnkeyedConnections: number;
  /** Open connections per auth key (default 16); the oldest of that key makes room for a new one. */
  maxConnectionsPerKey: number;
  /** A connection with a key that sends and receives nothing this long is closed (default 120 s; GramJS pings every 9 s). */
  idleTimeoutMs: number;
  /** The same for a connection without a key (default 10 s: GramJS sends its first frame right after connecting). */
  unkeyedIdleTimeoutMs: number;
  /** Key exchanges that may start at once (token bucket size, default 32). */
  keyExchangeBurst: number;
  /** Key exchanges per second after the burst (default 4); `Infinity` lifts the limit. Past it: transport error -429, then close. */
  keyExchangesPerSecond: number;
  /** Auth keys kept (default 1,000): past it, keys no connection uses go, never-signed-in ones first, least recently used first. */
  maxAuthKeys: number;
  /** Keys unused this many days go (default 30), unless a connection uses them. */
  authKeyMaxIdleDays: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxConnections: 512,
  maxUnkeyedConnections: 64,
  maxConnectionsPerKey: 16,
  idleTimeoutMs: 120_000,
  unkeyedIdleTimeoutMs: 10_000,
  keyExchangeBurst: 32,
  keyExchangesPerSecond: 4,
  maxAuthKeys: 1000,
  authKeyMaxIdleDays: 30,
});

/** Token bucket: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    if (this.perSecond === Infinity) return true;
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** What the admission needs of a connection. */
export interface Admitted {
  destroy(reason: string): void;
}

/** Counts open connections by key and enforces the caps; unkeyed ones in arrival order. */
export class Admission<C extends Admitted> {
  private readonly unkeyed = new Set<C>();
  private readonly byKey = new Map<string, Set<C>>();
  private readonly keyOf = new Map<C, string>();
  private count = 0;

  constructor(
    private readonly limits: ServerLimits,
    private readonly refused: () => void,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Room for a new connection: false when the total cap holds and no unkeyed one can make room. */
  makeRoom(socket: Socket): boolean {
    if (this.count >= this.limits.maxConnections && !this.evictOldestUnkeyed('connection cap reached')) {
      this.refused();
      socket.destroy();
      return false;
    }
    if (this.unkeyed.size >= this.limits.maxUnkeyedConnections) this.evictOldestUnkeyed('cap on connections without a key reached');
    return true;
  }

  add(connection: C): void {
    this.unkeyed.add(connection);
    this.count++;
  }

  /** The connection presented this key: count it there, and close the key's oldest past the cap. */
  keyed(connection: C, keyId: string): void {
    const previous = this.keyOf.get(connection);
    if (previous === keyId) return;
    if (previous !== undefined) this.byKey.get(previous)?.delete(connection);
    this.unkeyed.delete(connection);
    this.keyOf.set(connection, keyId);
    const set = this.byKey.get(keyId) ?? new Set<C>();
    this.byKey.set(keyId, set);
    set.add(connection);
    if (set.size > this.limits.maxConnectionsPerKey) {
      const oldest = set.values().next().value!;
      this.refused();
      oldest.destroy(`more than ${this.limits.maxConnectionsPerKey} connections for auth key ${keyId}`);
    }
  }

  removed(connection: C): void {
    if (this.unkeyed.delete(connection)) {
      this.count--;
      return;
    }
    const keyId = this.keyOf.get(connection);
    if (keyId === undefined) return;
    this.keyOf.delete(connection);
    this.count--;
    const set = this.byKey.get(keyId);
    set?.delete(connection);
    if (set?.size === 0) this.byKey.delete(keyId);
  }

  /** Whether an open connection speaks with this key (such keys are never pruned). */
  inUse(keyId: string): boolean {
    return this.byKey.has(keyId);
  }

  all(): C[] {
    return [...this.unkeyed, ...this.keyOf.keys()];
  }

  private evictOldestUnkeyed(reason: string): boolean {
    const oldest = this.unkeyed.values().next().value;
    if (!oldest) return false;
    this.refused();
    // destroy() reports back through removed(), which frees the slot at once.
    oldest.destroy(reason);
    if (this.unkeyed.has(oldest)) this.removed(oldest);
    return true;
  }
}
