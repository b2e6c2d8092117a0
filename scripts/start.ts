// `npm start [-- --sandbox DIR/sandbox.json]`: build, then run Rollcall in Electron; where the
// Electron binary can't be had, say so in one line and serve the same app as the web preview
// instead. `--sandbox` (or $ROLLCALL_SANDBOX) uses a sandbox started on its own (npm run sandbox).
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SANDBOX_ENV, externalSandbox } from '../electron/core/sandboxFile';
import { launchPreview } from '../electron/preview/launch';
import { findElectronBinary } from './electronBinary';

const root = join(__dirname, '..');
const { values } = parseArgs({ options: { sandbox: { type: 'string' } } });
const sandboxPath = values.sandbox || process.env[SANDBOX_ENV];
let external: ReturnType<typeof externalSandbox>;
try {
  // Checked before the build, so a wrong path says so at once.
  external = externalSandbox(sandboxPath, {});
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const binary = findElectronBinary();
if ('path' in binary) {
  const env = sandboxPath ? { ...process.env, [SANDBOX_ENV]: resolve(sandboxPath) } : process.env;
  const child = spawn(binary.path, [root], { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron can't start here (${binary.missing}); opening the web preview instead.`);
  void launchPreview({ port: 0, external });
}
