// Small files that must never be half-written: settings, the encrypted session, key files.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/ipc/result';

/** Writes to a temporary file, syncs it, then renames it over the target (and syncs the folder). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const folder = dirname(path);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const file = await open(temporary, 'w', mode);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AppError('STORAGE_FAILED', `Writing ${path} failed: ${(error as Error).message}`.slice(0, 300));
  }
}

/** The file's bytes, or null when it does not exist. */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('STORAGE_FAILED', `Reading ${path} failed: ${(error as Error).message}`.slice(0, 300));
  }
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
