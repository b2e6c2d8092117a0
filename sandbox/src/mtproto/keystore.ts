// Auth keys persisted in the data folder, with the account each one is signed in as and the
// layer its client declared. A restarted sandbox reloads them, so saved sessions stay valid
// (GramJS hangs on "broken authorization key" when a server forgets its key).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicAsync } from './atomic';
import { authKeyIdOf } from './crypto';

export interface AuthKeyRecord {
  /** Hex of the 8 auth_key_id bytes as they appear on the wire. */
  readonly id: string;
  readonly key: Buffer;
  userId: bigint | null;
  /** The layer the client declared with invokeWithLayer, or null before it does. */
  layer: number | null;
  readonly createdAt: number;
  /** The salt derived in the key exchange, valid for the key's first 30 minutes. */
  readonly initialSalt: bigint;
  /** Unix time a temporary key (p_q_inner_data_temp) stops being accepted, or null. */
  readonly expiresAt: number | null;
}

interface StoredFile {
  version: 1;
  saltSecret: string;
  keys: { id: string; key: string; userId: string | null; layer: number | null; createdAt: number; initialSalt: string; expiresAt: number | null }[];
}

const FILE = 'auth-keys.json';

export class KeyStore {
  /** Secret from which every key's server salts are derived (see salts.ts). */
  readonly saltSecret: Buffer;
  private readonly keys = new Map<string, AuthKeyRecord>();
  private readonly path: string;
  private dirty = false;
  private writing: Promise<void> | null = null;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, FILE);
    if (existsSync(this.path)) {
      const file = JSON.parse(readFileSync(this.path, 'utf8')) as StoredFile;
      this.saltSecret = Buffer.from(file.saltSecret, 'hex');
      for (const k of file.keys) {
        this.keys.set(k.id, {
          id: k.id,
          key: Buffer.from(k.key, 'base64'),
          userId: k.userId === null ? null : BigInt(k.userId),
          layer: k.layer,
          createdAt: k.createdAt,
          initialSalt: BigInt(k.initialSalt),
          expiresAt: k.expiresAt,
        });
      }
    } else {
      this.saltSecret = randomBytes(32);
    }
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

  /** Adds a key made by a key exchange; resolves once it is on disk. */
  add(key: Buffer, initialSalt: bigint, expiresIn: number | null): Promise<AuthKeyRecord> {
    const now = Math.floor(Date.now() / 1000);
    const record: AuthKeyRecord = {
      id: authKeyIdOf(key).toString('hex'),
      key,
      userId: null,
      layer: null,
      createdAt: now,
      initialSalt,
      expiresAt: expiresIn === null ? null : now + expiresIn,
    };
    this.keys.set(record.id, record);
    return this.save().then(() => record);
  }

  /** Writes the whole store (tmp file + rename); concurrent calls share one write loop. */
  save(): Promise<void> {
    this.dirty = true;
    if (!this.writing) {
      this.writing = this.writeLoop().finally(() => {
        this.writing = null;
      });
    }
    return this.writing;
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const file: StoredFile = {
        version: 1,
        saltSecret: this.saltSecret.toString('hex'),
        keys: [...this.keys.values()].map((k) => ({
          id: k.id,
          key: k.key.toString('base64'),
          userId: k.userId === null ? null : k.userId.toString(),
          layer: k.layer,
          createdAt: k.createdAt,
          initialSalt: k.initialSalt.toString(),
          expiresAt: k.expiresAt,
        })),
      };
      await writeFileAtomicAsync(this.path, JSON.stringify(file));
    }
  }
}
