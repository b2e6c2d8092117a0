// Atomic file replacement: write a temporary file beside the target, then rename over it,
// so a crash mid-write leaves either the old file or the new one, never half of one.
import { renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

let counter = 0;
const tmpName = (path: string) => `${path}.${process.pid}.${++counter}.tmp`;

export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const tmp = tmpName(path);
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}

export async function writeFileAtomicAsync(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const tmp = tmpName(path);
  await writeFile(tmp, data, { mode });
  await rename(tmp, path);
}
