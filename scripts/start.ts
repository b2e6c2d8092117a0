// `npm start`: build, then run Rollcall in Electron; where the Electron binary can't be had,
// say so in one line and serve the same app as the web preview instead.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchPreview } from '../electron/preview/launch';
import { findElectronBinary } from './electronBinary';

const root = join(__dirname, '..');
execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const binary = findElectronBinary();
if ('path' in binary) {
  const child = spawn(binary.path, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron can't start here (${binary.missing}); opening the web preview instead.`);
  void launchPreview({ port: 0 });
}
