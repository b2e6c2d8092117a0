// The sandbox in a process of its own (npm run sandbox), as Telegram's servers would be: in the
// bench's process its CPU would queue behind the client's and a bench would measure the shared
// thread. Scenario commands go to its standard input (`latency N`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxInfo } from '../sandbox/src/index';

/** `npm run sandbox` in a child process; resolves once it has written sandbox.json. */
export async function startSandboxProcess(
  dataDir: string,
  args: string[],
): Promise<{ info: SandboxInfo; command(line: string): void; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, '../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../sandbox/cli.ts'), '--port', '0', '--data', dataDir, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, failed) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('sandbox listening on')) ready();
    });
    child.once('exit', (code) => failed(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
  return {
    info,
    command: (line) => child.stdin.write(`${line}\n`),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

