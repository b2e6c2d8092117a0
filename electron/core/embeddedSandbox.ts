// The sandbox that "Explore the sandbox", tests and the web preview sign in to: a local Telegram
// server in this process, its world kept in DATA/sandbox so a restart finds the same accounts,
// auth keys and invitations.
import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/src/index';

/** What a host may choose about the embedded sandbox (tests and benchmarks use them). */
export type EmbeddedSandboxOptions = Pick<SandboxOptions, 'size' | 'controls' | 'log'>;

export class EmbeddedSandbox {
  private running: Promise<Sandbox> | null = null;
  private current: Sandbox | null = null;
  /** The last start failed (the backend status says so until a start succeeds). */
  failed = false;

  constructor(
    private readonly dataDir: string,
    private readonly options: EmbeddedSandboxOptions = {},
  ) {}

  /** Starts the sandbox once; later calls get the same one. */
  ensure(): Promise<Sandbox> {
    this.running ??= startSandbox({ ...this.options, dataDir: join(this.dataDir, 'sandbox'), port: 0 })
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

  /** The running sandbox, if any (tests drive it: end calls, set flood limits, accept QR codes). */
  handle(): Sandbox | null {
    return this.current;
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    this.current = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
