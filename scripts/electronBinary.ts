import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Electron binary's path, or why there is none. Found the way the `electron` package finds it
 * (ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/dist/<path.txt>) but without requiring
 * the package, which would try to download a missing binary; where there is no network the
 * binary is missing and Electron specs skip.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(path)
    ? { path }
    : { missing: `no Electron binary at ${path} (it is downloaded on first use; this machine cannot download it)` };
}
