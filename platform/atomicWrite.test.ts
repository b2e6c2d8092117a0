// The sync form (the sandbox's world, keys and sandbox.json) and syncFolder, with the errors each
// OS produces injected into the fs functions they take. The async form is tested through the
// app in electron/core/files.test.ts.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, syncFolder, writeFileAtomicSync } from './atomicWrite';

const errno = (code: string) => Object.assign(new Error(`${code}: refused`), { code });
const folder = () => mkdtempSync(join(tmpdir(), 'rollcall-atomic-'));

describe('writeFileAtomicSync', () => {
  it.each(['EPERM', 'EISDIR', 'EINVAL', 'ENOTSUP'])('item 6: a folder fsync refused with %s: the write completes, reads back, and the refusal is reported', (code) => {
    const dir = folder();
    let folderFd = -1;
    const refusals: string[] = [];
    const injected = {
      openSync: (path: string, flags: string, mode?: number) => {
        if (path === dir && code === 'EISDIR') throw errno(code);
        const fd = fs.openSync(path, flags, mode);
        if (path === dir) folderFd = fd;
        return fd;
      },
      fsyncSync: (fd: number) => {
        if (fd === folderFd) throw errno(code);
        fs.fsyncSync(fd);
      },
    };
    writeFileAtomicSync(dir, 'world.json', '{"format":1}', { fs: injected, onFolderSyncRefused: (c) => refusals.push(c) });
    expect(readFileSync(join(dir, 'world.json'), 'utf8')).toBe('{"format":1}');
    expect(readdirSync(dir)).toEqual(['world.json']);
    expect(refusals).toEqual([code]);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'world.json')).mode & 0o777).toBe(0o600);
  });

  it('item 6: a file write failure throws an error naming the file relative to its folder; the temporary file is removed', () => {
    const dir = folder();
    const injected = {
      writeFileSync: () => {
        throw errno('ENOSPC');
      },
    };
    let error: unknown;
    try {
      writeFileAtomicSync(dir, 'auth-keys.json', 'x', { fs: injected });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AtomicWriteError);
    expect((error as AtomicWriteError).message).toBe('Writing auth-keys.json failed (ENOSPC)');
    expect((error as AtomicWriteError).code).toBe('ENOSPC');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('item 6: the file is 0600 whatever the umask and the mode asked of open', () => {
    const dir = folder();
    const injected = { openSync: (path: string, flags: string) => fs.openSync(path, flags, 0o666) };
    writeFileAtomicSync(dir, 'sandbox.json', '{}', { fs: injected });
    if (process.platform !== 'win32') expect(statSync(join(dir, 'sandbox.json')).mode & 0o777).toBe(0o600);
  });
});

describe('syncFolder', () => {
  it('item 6: syncs a real folder, skips a refused one, throws a real disk error', async () => {
    const dir = folder();
    await syncFolder(dir);
    await syncFolder(dir, { fs: { open: () => Promise.reject(errno('EISDIR')) } });
    await expect(syncFolder(dir, { fs: { open: () => Promise.reject(errno('EIO')) } })).rejects.toMatchObject({ code: 'EIO' });
  });
});
