// inviteProgress events for one run, at most one per interval (50 ms: 20 a second). Changes
// that arrive in between are merged, latest outcome per person, so the renderer gets every
// change without being flooded by a 1,000-person run.
import type { InviteProgress } from '../../../shared/ipc/contract';
import type { PersonOutcome, RunHeader } from '../../../shared/domain/invite';

export class ProgressThrottle {
  private readonly pending = new Map<string, PersonOutcome>();
  private timer: NodeJS.Timeout | null = null;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (progress: InviteProgress) => void,
    private readonly header: () => RunHeader,
    private readonly intervalMs = 50,
  ) {}

  /** Queues changed people (or only a header change, with none) for the next event. */
  push(changed: readonly PersonOutcome[] = []): void {
    for (const outcome of changed) this.pending.set(outcome.personId, outcome);
    if (this.timer) return;
    // A zero delay still waits for the current task: changes made together go out together.
    const delay = Math.max(0, this.lastSent + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), delay);
  }

  /** Sends whatever is pending now (the run's last event must not wait or be lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastSent = Date.now();
    const changed = [...this.pending.values()];
    this.pending.clear();
    this.send({ run: this.header(), changed });
  }
}
