// Auth keys persisted in the data folder, with the account each one is signed in as and the
// layer its client declared. A restarted sandbox reloads them, so saved sessions stay valid
// (GramJS hangs on "broken authorization key" when a server forgets its key).
//
// Any local process can run key exchanges, so the store is bounded: past `maxAuthKeys` the keys
// no open connection uses go, never-signed-in ones first, least recently used first; keys unused
// for `maxIdleDays` go too. A key in use by an open connection is never dropped. Changes are
// appended to auth-keys.log (a new key is on disk before its dh_gen_ok, as before) and folded
// into the auth-keys.json snapshot once the log holds as many lines as there are keys, so a
// key exchange costs one small append instead of a rewrite of every key.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDir, tightenFile, writeFileAtomic, writeFileAtomicAsync } from './atomic';
import { authKeyIdOf } from './crypto';

export interface AuthKeyRecord {
  /** Hex of the 8 auth_key_id bytes as they appear on the wire. */
  readonly id: string;
  readonly key: Buffer;
  userId: bigint | null;
  /** The layer the client declared with invokeWithLayer, or null before it does. */
  layer: number | null;
  readonly createdAt: number;
  /** Unix time of the last encrypted message with this key (kept in memory, saved with the snapshot). */
  lastUsedAt: number;
  /** The salt derived in the key exchange, valid for the key's first 30 minutes. */
  readonly initialSalt: bigint;
  /** Unix time a temporary key (p_q_inner_data_temp) stops being accepted, or null. */
  readonly expiresAt: number | null;
}

interface StoredKey {
  id: string;
  key: string;
  userId: string | null;
  layer: number | null;
  createdAt: number;
  lastUsedAt?: number;
  initialSalt: string;
  expiresAt: number | null;
}

interface StoredFile {
  version: 1;
  saltSecret: string;
  keys: StoredKey[];
}

/** One line of auth-keys.log. */
type LogEntry = { add: StoredKey } | { set: { id: string; userId: string | null; layer: number | null } } | { drop: string[] };

export interface KeyStoreOptions {
  maxKeys: number;
  maxIdleDays: number;
  /** Keys an open connection speaks with: never dropped. */
  inUse?: (id: string) => boolean;
  onPruned?: (count: number) => void;
}

const SNAPSHOT = 'auth-keys.json';
const LOG = 'auth-keys.log';
const now = () => Math.floor(Date.now() / 1000);

export class KeyStore {
  /** Secret from which every key's server salts are derived (see salts.ts). */
  readonly saltSecret: Buffer;
  private readonly keys = new Map<string, AuthKeyRecord>();
  private readonly snapshotPath: string;
  private readonly logPath: string;
  private readonly options: KeyStoreOptions;
  private logLines = 0;
  private queued: string[] = [];
  private waiters: (() => void)[] = [];
  private compactWanted = false;
  private writing: Promise<void> | null = null;

  constructor(dataDir: string, options: Partial<KeyStoreOptions> = {}) {
    this.options = { maxKeys: 1000, maxIdleDays: 30, ...options };
    privateDir(dataDir);
    this.snapshotPath = join(dataDir, SNAPSHOT);
    this.logPath = join(dataDir, LOG);
    let saltSecret: Buffer | null = null;
    if (existsSync(this.snapshotPath)) {
      const file = JSON.parse(readFileSync(this.snapshotPath, 'utf8')) as StoredFile;
      saltSecret = Buffer.from(file.saltSecret, 'hex');
      for (const k of file.keys) this.keys.set(k.id, fromStored(k));
    }
    if (existsSync(this.logPath)) {
      for (const line of readFileSync(this.logPath, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: LogEntry;
        try {
          entry = JSON.parse(line) as LogEntry;
        } catch {
          break; // a line torn by a crash ends the log
        }
        this.replay(entry);
      }
    }
    this.saltSecret = saltSecret ?? randomBytes(32);
    // Start from a fresh snapshot and an empty log, both private, whatever an older version left.
    this.prune(false);
    writeFileAtomic(this.snapshotPath, this.serialize());
    writeFileSync(this.logPath, '', { mode: 0o600 });
    tightenFile(this.logPath);
  }

  get size(): number {
    return this.keys.size;
  }

  get(id: string): AuthKeyRecord | undefined {
    const record = this.keys.get(id);
    if (record?.expiresAt && record.expiresAt < Date.now() / 1000) return undefined;
    return record;
  }

  all(): IterableIterator<AuthKeyRecord> {
    return this.keys.values();
  }

  /** Notes that a message arrived with this key (for least-recently-used pruning). */
  touch(record: AuthKeyRecord): void {
    record.lastUsedAt = now();
  }

  /** Adds a key made by a key exchange; resolves once it is on disk. */
  add(key: Buffer, initialSalt: bigint, expiresIn: number | null): Promise<AuthKeyRecord> {
    const at = now();
    const record: AuthKeyRecord = {
      id: authKeyIdOf(key).toString('hex'),
      key,
      userId: null,
      layer: null,
      createdAt: at,
      lastUsedAt: at,
      initialSalt,
      expiresAt: expiresIn === null ? null : at + expiresIn,
    };
    this.keys.set(record.id, record);
    const written = this.append({ add: toStored(record) });
    if (this.keys.size > this.options.maxKeys) this.prune(true);
    return written.then(() => record);
  }

  /** Persists a change of a key's account or layer; resolves once it is on disk. */
  save(record: AuthKeyRecord): Promise<void> {
    return this.append({ set: { id: record.id, userId: record.userId === null ? null : record.userId.toString(), layer: record.layer } });
  }

  /** Drops expired, long-unused and (past the cap) least recently used keys that no connection uses. */
  prune(log = true): void {
    const inUse = this.options.inUse ?? (() => false);
    const at = now();
    const idleBefore = at - this.options.maxIdleDays * 86_400;
    const dropped: string[] = [];
    for (const record of this.keys.values()) {
      if (inUse(record.id)) continue;
      if ((record.expiresAt !== null && record.expiresAt < at) || record.lastUsedAt < idleBefore) dropped.push(record.id);
    }
    for (const id of dropped) this.keys.delete(id);
    let excess = this.keys.size - this.options.maxKeys;
    if (excess > 0) {
      // Never-signed-in keys first, then signed-in ones; least recently used first within each.
      const order = [...this.keys.values()]
        .filter((r) => !inUse(r.id))
        .sort((a, b) => Number(a.userId !== null) - Number(b.userId !== null) || a.lastUsedAt - b.lastUsedAt || a.createdAt - b.createdAt);
      for (const record of order) {
        if (excess-- <= 0) break;
        this.keys.delete(record.id);
        dropped.push(record.id);
      }
    }
    if (dropped.length === 0) return;
    this.options.onPruned?.(dropped.length);
    // Otherwise the snapshot written next says it all.
    if (log) void this.append({ drop: dropped });
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Folds the log into a new snapshot (on close: the last-use times are saved with it). */
  async compact(): Promise<void> {
    this.compactWanted = true;
    this.kick();
    await this.flush();
  }

  private append(entry: LogEntry): Promise<void> {
    this.queued.push(`${JSON.stringify(entry)}\n`);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.kick();
    return done;
  }

  private kick(): void {
    this.writing ??= this.writeLoop().finally(() => {
      this.writing = null;
    });
  }

  /** One writer at a time: queued lines go out in one append; a compaction replaces both files. */
  private async writeLoop(): Promise<void> {
    while (this.queued.length > 0 || this.compactWanted) {
      const waiters = this.waiters.splice(0);
      if (this.compactWanted) {
        // The snapshot is taken now, so it holds every change queued so far.
        this.compactWanted = false;
        this.queued = [];
        this.prune(false);
        await writeFileAtomicAsync(this.snapshotPath, this.serialize());
        await writeFile(this.logPath, '', { mode: 0o600 });
        this.logLines = 0;
      } else {
        const lines = this.queued.splice(0);
        await appendFile(this.logPath, lines.join(''), { mode: 0o600 });
        this.logLines += lines.length;
        if (this.logLines >= Math.max(256, this.keys.size)) this.compactWanted = true;
      }
      for (const wake of waiters) wake();
    }
  }

  private replay(entry: LogEntry): void {
    if ('add' in entry) this.keys.set(entry.add.id, fromStored(entry.add));
    else if ('set' in entry) {
      const record = this.keys.get(entry.set.id);
      if (record) {
        record.userId = entry.set.userId === null ? null : BigInt(entry.set.userId);
        record.layer = entry.set.layer;
      }
    } else for (const id of entry.drop) this.keys.delete(id);
  }

  private serialize(): string {
    const file: StoredFile = { version: 1, saltSecret: this.saltSecret.toString('hex'), keys: [...this.keys.values()].map(toStored) };
    return JSON.stringify(file);
  }
}

function toStored(k: AuthKeyRecord): StoredKey {
  return {
    id: k.id,
    key: k.key.toString('base64'),
    userId: k.userId === null ? null : k.userId.toString(),
    layer: k.layer,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    initialSalt: k.initialSalt.toString(),
    expiresAt: k.expiresAt,
  };
}

function fromStored(k: StoredKey): AuthKeyRecord {
  return {
    id: k.id,
    key: Buffer.from(k.key, 'base64'),
    userId: k.userId === null ? null : BigInt(k.userId),
    layer: k.layer,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt ?? k.createdAt,
    initialSalt: BigInt(k.initialSalt),
    expiresAt: k.expiresAt,
  };
}
