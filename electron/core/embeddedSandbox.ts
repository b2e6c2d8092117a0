// The sandbox that "Explore the sandbox", tests and the web preview sign in to: a local Telegram
// server in this process, its world kept in DATA/sandbox so a restart finds the same accounts,
// auth keys and invitations. It runs only while the target is the sandbox (AuthService closes it
// when the target becomes Telegram; ensure() starts it again), with the sandbox's default limits.
import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import { exploreAttendance } from '../../sandbox/src/controls';
import { startSandbox, type Sandbox, type SandboxInfo, type SandboxOptions } from '../../sandbox/src/index';

/**
 * What a host may choose about the embedded sandbox (tests and benchmarks use them). `external`
 * uses a sandbox already running in another process (npm run sandbox) instead of starting one
 * here: benchmarks use it so the server's CPU is not the client's.
 */
export type EmbeddedSandboxOptions = Pick<SandboxOptions, 'size' | 'profile' | 'controls' | 'log'> & { external?: SandboxInfo };

/**
 * The embedded sandbox a person explores (the desktop app, npm run preview:web): invited people
 * join on their own within a minute, so a run shows attendance. Tests and benchmarks start it
 * without, unless they ask (their counts stay exact).
 */
export function exploreSandboxOptions(): EmbeddedSandboxOptions {
  return { controls: { attendance: exploreAttendance() } };
}

export class EmbeddedSandbox {
  private running: Promise<Sandbox> | null = null;
  private current: Sandbox | null = null;
  /** The last start failed (the backend status says so until a start succeeds). */
  failed = false;

  constructor(
    private readonly dataDir: string,
    private readonly options: EmbeddedSandboxOptions = {},
  ) {}

  /** Starts the sandbox once (or finds the external one); later calls get the same one. */
  async ensure(): Promise<{ info: SandboxInfo }> {
    if (this.options.external) return { info: this.options.external };
    const { external: _none, ...options } = this.options;
    this.running ??= startSandbox({ ...options, dataDir: join(this.dataDir, 'sandbox'), port: 0 })
      .then((sandbox) => {
        this.current = sandbox;
        this.failed = false;
        return sandbox;
      })
      .catch((error: unknown) => {
        this.running = null;
        this.failed = true;
        throw new AppError('SANDBOX_FAILED', `The sandbox did not start: ${(error as Error).message}`.slice(0, 300));
      });
    return this.running;
  }

  /** The sandbox running in this process, if any (tests drive it: end calls, set flood limits, accept QR codes). */
  handle(): Sandbox | null {
    return this.current;
  }

  /** Stops listening; the next ensure() starts it again on the same folder. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    this.current = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
