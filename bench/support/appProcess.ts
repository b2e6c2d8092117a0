// The app as a person runs it without Electron (npm run preview:web): the core and the preview
// server in a Node process of their own, serving the built renderer. In the desktop app the core
// has Electron's main process to itself; in the bench's process it would share its heap and
// thread with Playwright's client and the bench's own reference data, and the bench would measure
// that crowd (measured here: GramJS read the 100,000 contacts in 4.5 s there, 2.9 s alone).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface AppProcess {
  /** The page's address, its token after the #. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the web preview over `dataDir`, using the sandbox whose sandbox.json is `sandboxFile`;
 * resolves once it prints its address. `nodeArgs` go to Node itself (--cpu-prof, for one).
 */
export async function startAppProcess(dataDir: string, sandboxFile: string, nodeArgs: string[] = []): Promise<AppProcess> {
  const root = join(__dirname, '..', '..');
  const env = { ...process.env };
  // The bench chooses both; a person's settings must not leak in.
  delete env.ROLLCALL_DATA_DIR;
  delete env.ROLLCALL_SANDBOX;
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(root, 'electron/preview/cli.ts'), '--port', '0', '--data', dataDir, '--sandbox', sandboxFile],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`app: ${line}\n`));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const address = /^preview at (\S+)/.exec(line)?.[1];
      if (address) resolve(address);
    });
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before it served the page`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
