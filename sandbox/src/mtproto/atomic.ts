// Atomic file replacement: write a temporary file beside the target, then rename over it,
// so a crash mid-write leaves either the old file or the new one, never half of one. The one
// helper the app uses too (platform/atomicWrite.ts) does the work, folder fsync included.
// Everything in the sandbox's data folder is private to its user (auth keys sign anyone in;
// the world holds names and numbers): folders 0700, files 0600, set with chmod so neither the
// umask nor a wider mode left by an older version decides.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeFileAtomic as writeAtomically, writeFileAtomicSync } from '../../../platform/atomicWrite';

/** Creates the folder (and its parents) if needed and makes it 0700. */
export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(path, 0o700);
}

/** Makes an existing file 0600. */
export function tightenFile(path: string): void {
  if (process.platform !== 'win32' && existsSync(path)) chmodSync(path, 0o600);
}

export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  writeFileAtomicSync(dirname(path), basename(path), data, { mode });
}

export async function writeFileAtomicAsync(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  await writeAtomically(dirname(path), basename(path), data, { mode });
}
