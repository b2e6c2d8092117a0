// The app's atomic write on every OS, proven by injecting the errors each OS produces into the
// fs functions the one helper (platform/atomicWrite.ts) uses: Windows can't open a folder
// (EISDIR) or refuses to fsync one (EPERM); neither may turn a completed save into
// STORAGE_FAILED. A real failure still is one, named relative to the data folder.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtomicFs } from '../../platform/atomicWrite';
import { AppError } from '../../shared/ipc/result';
import { writeFileAtomic } from './files';

const errno = (code: string) => Object.assign(new Error(`${code}: refused, open '/abs/path/secret'`), { code });
const folder = () => mkdtempSync(join(tmpdir(), 'rollcall-files-'));

/** fs.open as the helper calls it, with `override` deciding what happens to each path first. */
function openWith(override: (path: string, handle: () => Promise<FileHandle>) => Promise<FileHandle>): AtomicFs['open'] {
  return (path, flags, mode) => override(path, () => open(path, flags, mode));
}

/** A real handle whose `method` fails with `code`. */
async function failing(handle: Promise<FileHandle>, method: 'sync' | 'writeFile', code: string): Promise<FileHandle> {
  const real = await handle;
  return new Proxy(real, {
    get(target, key) {
      if (key === method) return async () => Promise.reject(errno(code));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('writeFileAtomic across OSes', () => {
  it.each(['EPERM', 'EINVAL', 'ENOTSUP'])('item 6: a folder fsync refused with %s: the save completes and reads back', async (code) => {
    const dir = folder();
    const fs = { open: openWith((path, real) => (path === dir ? failing(real(), 'sync', code) : real())) };
    await writeFileAtomic(dir, 'settings.json', '{"a":1}\n', { fs });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('item 6: a folder that cannot be opened (EISDIR, as on Windows): the save completes and reads back', async () => {
    const dir = folder();
    const fs = { open: openWith((path, real) => (path === dir ? Promise.reject(errno('EISDIR')) : real())) };
    await writeFileAtomic(dir, 'session.bin', new Uint8Array([1, 2, 3]), { fs });
    expect([...readFileSync(join(dir, 'session.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['session.bin']);
  });

  it('item 6: a second save over the first after a refused folder fsync replaces it', async () => {
    const dir = folder();
    const fs = { open: openWith((path, real) => (path === dir ? failing(real(), 'sync', 'EPERM') : real())) };
    await writeFileAtomic(dir, 'settings.json', 'old', { fs });
    await writeFileAtomic(dir, 'settings.json', 'new', { fs });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('new');
  });

  it('item 6: a file write failure is STORAGE_FAILED naming the file relative to the folder; the temporary file is removed and the old file kept', async () => {
    const dir = folder();
    await writeFileAtomic(dir, 'settings.json', 'old');
    const fs = { open: openWith((path, real) => (path.endsWith('.tmp') ? failing(real(), 'writeFile', 'ENOSPC') : real())) };
    const error = await writeFileAtomic(dir, 'settings.json', 'new', { fs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect((error as AppError).message).toBe('Writing settings.json failed: the disk is full (ENOSPC).');
    expect((error as AppError).message).not.toContain(dir);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('old');
  });

  it('item 6: a folder fsync that fails for real (EIO) is still STORAGE_FAILED', async () => {
    const dir = folder();
    const fs = { open: openWith((path, real) => (path === dir ? failing(real(), 'sync', 'EIO') : real())) };
    const error = await writeFileAtomic(dir, 'settings.json', 'x', { fs }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('STORAGE_FAILED');
    expect((error as AppError).message).toBe('Writing settings.json failed: the disk reported an error (EIO).');
  });

  it('item 6: a failed rename is STORAGE_FAILED and leaves no temporary file', async () => {
    const dir = folder();
    const fs = { rename: () => Promise.reject(errno('EACCES')) };
    const error = await writeFileAtomic(dir, 'session.bin', 'x', { fs }).catch((e: unknown) => e);
    expect((error as AppError).message).toBe('Writing session.bin failed: permission denied (EACCES).');
    expect(readdirSync(dir)).toEqual([]);
  });
});
