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
): Promise<{ info: SandboxInfo; command(line: string, answer: string): Promise<void>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(__dirname, '../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../sandbox/cli.ts'), '--port', '0', '--data', dataDir, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let out = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters) wake();
  });
  /** Resolves once the output since `from` holds `text`. */
  const printed = (text: string, from: number) =>
    new Promise<void>((done) => {
      const check = () => {
        if (!out.includes(text, from)) return;
        waiters.delete(check);
        done();
      };
      waiters.add(check);
      check();
    });
  await new Promise<void>((ready, failed) => {
    void printed('sandbox listening on', 0).then(ready);
    child.once('exit', (code) => failed(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  const info = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as SandboxInfo;
  return {
    info,
    /** Sends a scenario command and resolves once the sandbox has printed its answer (so it is in force). */
    command: async (line, answer) => {
      const from = out.length;
      child.stdin.write(`${line}\n`);
      await printed(answer, from);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

