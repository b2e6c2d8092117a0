// The one way Rollcall and its sandbox replace a file: write a temporary file beside it (0600,
// chmod'ed so the umask doesn't decide), fsync it, rename it over the target, fsync the folder.
// A crash leaves the old file or the new one, never half of one.
//
// The folder fsync is where the OSes differ: Windows can't open a folder (EISDIR) or refuses to
// flush one (EPERM), and some file systems answer EINVAL or ENOTSUP. By then the rename is done
// and the file's own data is on disk, so those refusals are tolerated (reported to
// `onFolderSyncRefused` at most): a completed save must not be reported as a failure.
//
// Errors name the file relative to its folder (`name`), never by absolute path: the app shows
// them to the user. The original error is kept as `cause`, its errno code as `code`.
//
// Both the async and the sync forms take the fs functions they use as an optional parameter, so
// tests can inject the errors each OS produces.
import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Codes a folder fsync may fail with where the OS or file system does not offer it. */
export const FOLDER_SYNC_REFUSALS: ReadonlySet<string> = new Set(['EPERM', 'EISDIR', 'EINVAL', 'ENOTSUP']);

/** A failed atomic write; `message` names the file relative to its folder. */
export class AtomicWriteError extends Error {
  readonly code: string | undefined;
  constructor(name: string, cause: unknown) {
    const code = errorCode(cause);
    super(`Writing ${name} failed${code ? ` (${code})` : ''}`, { cause });
    this.name = 'AtomicWriteError';
    this.code = code;
  }
}

/** The fs/promises functions the async form uses. */
export interface AtomicFs {
  open: (path: string, flags: string, mode?: number) => Promise<fsPromises.FileHandle>;
  rename: (from: string, to: string) => Promise<void>;
  rm: (path: string, options: { force: boolean }) => Promise<void>;
  mkdir: (path: string, options: { recursive: true; mode: number }) => Promise<unknown>;
}

/** The node:fs functions the sync form uses. */
export interface AtomicFsSync {
  openSync: (path: string, flags: string, mode?: number) => number;
  fchmodSync: (fd: number, mode: number) => void;
  writeFileSync: (fd: number, data: string | Uint8Array) => void;
  fsyncSync: (fd: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  rmSync: (path: string, options: { force: boolean }) => void;
  mkdirSync: (path: string, options: { recursive: true; mode: number }) => unknown;
}

export interface AtomicWriteOptions<Fs> {
  /** The file's mode, set with chmod (default 0600). */
  mode?: number;
  /** Told the code when the folder fsync was refused and skipped. */
  onFolderSyncRefused?: (code: string) => void;
  /** Replacements for the fs functions used (tests inject errors here). */
  fs?: Partial<Fs>;
}

const ASYNC_FS: AtomicFs = {
  open: (path, flags, mode) => fsPromises.open(path, flags, mode),
  rename: fsPromises.rename,
  rm: fsPromises.rm,
  mkdir: fsPromises.mkdir,
};

const SYNC_FS: AtomicFsSync = {
  openSync: fsSync.openSync,
  fchmodSync: fsSync.fchmodSync,
  writeFileSync: (fd, data) => fsSync.writeFileSync(fd, data),
  fsyncSync: fsSync.fsyncSync,
  closeSync: fsSync.closeSync,
  renameSync: fsSync.renameSync,
  rmSync: fsSync.rmSync,
  mkdirSync: fsSync.mkdirSync,
};

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const temporaryName = (name: string) => `${name}.${randomBytes(6).toString('hex')}.tmp`;

/** True when a folder-fsync failure is the OS declining, not the disk failing. */
function refused(error: unknown, onRefused?: (code: string) => void): boolean {
  const code = errorCode(error);
  if (code === undefined || !FOLDER_SYNC_REFUSALS.has(code)) return false;
  onRefused?.(code);
  return true;
}

/**
 * Flushes a folder's entries (a rename, a new file) to disk where the OS allows it. Refusals
 * (FOLDER_SYNC_REFUSALS) are skipped; other errors are thrown.
 */
export async function syncFolder(folder: string, options: Pick<AtomicWriteOptions<AtomicFs>, 'onFolderSyncRefused' | 'fs'> = {}): Promise<void> {
  const fs = { ...ASYNC_FS, ...options.fs };
  let handle: fsPromises.FileHandle;
  try {
    handle = await fs.open(folder, 'r');
  } catch (error) {
    if (refused(error, options.onFolderSyncRefused)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!refused(error, options.onFolderSyncRefused)) throw error;
  } finally {
    await handle.close();
  }
}

/** The sync form of syncFolder. */
export function syncFolderSync(folder: string, options: Pick<AtomicWriteOptions<AtomicFsSync>, 'onFolderSyncRefused' | 'fs'> = {}): void {
  const fs = { ...SYNC_FS, ...options.fs };
  let fd: number;
  try {
    fd = fs.openSync(folder, 'r');
  } catch (error) {
    if (refused(error, options.onFolderSyncRefused)) return;
    throw error;
  }
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    if (!refused(error, options.onFolderSyncRefused)) throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `folder/name` with `data` atomically (see the top of this file), creating `folder`
 * (0700) if needed. Throws AtomicWriteError naming `name`; the temporary file is removed.
 */
export async function writeFileAtomic(folder: string, name: string, data: string | Uint8Array, options: AtomicWriteOptions<AtomicFs> = {}): Promise<void> {
  const fs = { ...ASYNC_FS, ...options.fs };
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const target = join(folder, name);
  const temporary = join(folder, temporaryName(name));
  try {
    await fs.mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    const file = await fs.open(temporary, 'w', mode);
    try {
      await file.chmod(mode);
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw new AtomicWriteError(name, error);
  }
  // The new file is in place: only a real disk error from here on is a failure.
  try {
    await syncFolder(folder, options);
  } catch (error) {
    throw new AtomicWriteError(name, error);
  }
}

/** The sync form of writeFileAtomic, for the sandbox's start-up and shutdown paths. */
export function writeFileAtomicSync(folder: string, name: string, data: string | Uint8Array, options: AtomicWriteOptions<AtomicFsSync> = {}): void {
  const fs = { ...SYNC_FS, ...options.fs };
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const target = join(folder, name);
  const temporary = join(folder, temporaryName(name));
  try {
    fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    const fd = fs.openSync(temporary, 'w', mode);
    try {
      fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // The original error is the one worth reporting.
    }
    throw new AtomicWriteError(name, error);
  }
  try {
    syncFolderSync(folder, options);
  } catch (error) {
    throw new AtomicWriteError(name, error);
  }
}
