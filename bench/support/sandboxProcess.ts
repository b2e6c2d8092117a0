// `npm run sandbox` in a child process, as Telegram's servers would be: in the bench's own
// process the sandbox's CPU would queue behind the client's, and the bench would measure the
// shared thread. Driven through its stdin controls (sandbox/cli.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SandboxInfo } from '../../sandbox/src/index';

export interface SandboxProcess {
  info: SandboxInfo;
  /** Sends one stdin command; resolves with the line it prints, rejects with the error it prints. */
  ask(command: string): Promise<string>;
  /** ask() for a command that prints one line of JSON (stats, fresh-call, deliveries … json). */
  askJson<T>(command: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the sandbox CLI with `args` over `dataDir`; resolves once it has written sandbox.json. */
export async function startSandboxProcess(dataDir: string, args: string[]): Promise<SandboxProcess> {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sandbox/cli.ts'), '--port', '0', '--data', dataDir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // One command at a time: each answers with exactly one line, on stdout or (an error) on stderr.
  const waiting: { resolve(line: string): void; reject(error: Error): void }[] = [];
  let ready: (() => void) | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    // Ready after the listening line and the data centres' line that follows it.
    if (ready) {
      if (line.startsWith('data centres:')) ready();
      return;
    }
    waiting.shift()?.resolve(line);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('error: ')) waiting.shift()?.reject(new Error(`sandbox: ${line.slice('error: '.length)}`));
    else process.stderr.write(`${line}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    ready = () => {
      ready = null;
      resolve();
    };
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
  const ask = (command: string) =>
    new Promise<string>((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${command}\n`);
    });
  return {
    info,
    ask,
    askJson: async <T>(command: string) => JSON.parse(await ask(command)) as T,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
