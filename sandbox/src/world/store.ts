// Persists the world in its data folder. The file is replaced atomically (write a temporary
// file, fsync, rename: platform/atomicWrite.ts), so a crash leaves either the old state or the
// new one, never half.
// It holds names and phone numbers: the folder is 0700 and the file 0600, whatever the umask.
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../platform/atomicWrite';
import type { WorldState } from './types';

export const WORLD_FILE = 'world.json';

// JSON has no bigint: ids travel as {"$bigint":"123"}.
function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? { $bigint: value.toString() } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.$bigint === 'string' && Object.keys(record).length === 1) return BigInt(record.$bigint);
  }
  return value;
}

const posix = process.platform !== 'win32';

export function loadState(dataDir: string): WorldState | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, WORLD_FILE), 'utf8');
    // An older version left it as the umask said.
    if (posix) chmodSync(join(dataDir, WORLD_FILE), 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = JSON.parse(text, reviver) as WorldState;
  if (state.format !== 1) throw new Error(`${WORLD_FILE}: unsupported format ${String(state.format)}`);
  return state;
}

export function saveState(dataDir: string, state: WorldState): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (posix) chmodSync(dataDir, 0o700);
  writeFileAtomicSync(dataDir, WORLD_FILE, JSON.stringify(state, replacer));
}
