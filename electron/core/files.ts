// Small files that must never be half-written: settings, the encrypted session, key files. And
// the two rules every file Rollcall writes follows:
//  - private: folders 0700, files 0600 (they hold names, usernames, Telegram ids, call titles and
//    the session), set with chmod after creating them, because the mode given to mkdir/open is
//    masked by the umask;
//  - errors name files relative to the data folder ("runs/x.jsonl", "settings.json"): a
//    STORAGE_FAILED message reaches the renderer, and Node's own messages carry absolute paths.
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileAtomic as writeAtomically, type AtomicFs, type AtomicWriteOptions } from '../../platform/atomicWrite';
import { AppError } from '../../shared/ipc/result';

export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE };

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EISDIR: 'a folder is in its place',
  ENOTDIR: 'a file is in the way of a folder',
  EEXIST: 'a file is in the way',
  ENOENT: 'it is missing',
  EIO: 'the disk reported an error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  ELOOP: 'it is a link',
};

/** Why a file operation failed, in words that name no path. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return 'an unexpected error';
  return `${REASONS[code] ?? 'the system refused'} (${code.replace(/[^\w]/g, '').slice(0, 24)})`;
}

/**
 * Makes a folder of Rollcall's own (creating it and any missing parents) and sets it to 0700,
 * also when an older Rollcall created it wider: tightening it costs one chmod at start.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(path, PRIVATE_DIR_MODE);
}

/**
 * Writes `folder/name` through a temporary file, synced, renamed over the target (and syncs the
 * folder where the OS allows it: see platform/atomicWrite.ts). `folder` is the data folder (or the
 * key folder): messages name `name` only. `fs` is for tests that inject the OSes' errors.
 */
export async function writeFileAtomic(
  folder: string,
  name: string,
  data: string | Uint8Array,
  { mode = PRIVATE_FILE_MODE, fs }: { mode?: number; fs?: AtomicWriteOptions<AtomicFs>['fs'] } = {},
): Promise<void> {
  try {
    await writeAtomically(folder, name, data, { mode, fs });
  } catch (error) {
    throw new AppError('STORAGE_FAILED', `Writing ${name} failed: ${fsReason(error)}.`);
  }
}

/** The bytes of `folder/name`, or null when it does not exist. */
export async function readFileIfExists(folder: string, name: string): Promise<Buffer | null> {
  try {
    return await readFile(join(folder, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('STORAGE_FAILED', `Reading ${name} failed: ${fsReason(error)}.`);
  }
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
