// Starts the web preview for a person (npm run preview:web, and npm start where Electron can't
// run): prints its address, keeps its data between runs, stops cleanly on Ctrl-C.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SandboxInfo } from '../../sandbox/src/index';
import { exploreSandboxOptions } from '../core/embeddedSandbox';
import { externalSandboxDataDir } from '../core/sandboxFile';
import { startPreviewServer } from './server';

const root = join(__dirname, '../..');

/** Where a person's preview keeps its sign-in and run history: $ROLLCALL_DATA_DIR, else beside Electron's own. */
export function defaultPreviewDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ROLLCALL_DATA_DIR) return env.ROLLCALL_DATA_DIR;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'Rollcall', 'web-preview');
}

/** `external`: a sandbox started on its own (its sandbox.json, already read), used instead of one in this process. */
export async function launchPreview(options: { port: number; dataDir?: string; external?: SandboxInfo }): Promise<void> {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const preview = await startPreviewServer({
    port: options.port,
    rendererDir: join(root, 'out/renderer'),
    appVersion: version,
    dataDir: options.dataDir ?? (options.external ? externalSandboxDataDir(defaultPreviewDataDir(), options.external) : defaultPreviewDataDir()),
    sandbox: options.external ? { external: options.external } : exploreSandboxOptions(),
  });
  console.log(`preview at ${preview.url}`);
  console.log('(open it in full: the part after # is this run’s token; localhost works too)');
  if (options.external) console.log(`using the sandbox at ${options.external.host}:${options.external.port} (drive it from its own terminal)`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
