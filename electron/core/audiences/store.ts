// The saved audiences: one file, dataDir/audiences.json, written whole and atomically (0600 in
// the 0700 data folder, as settings and run journals are). A file that can't be trusted (not
// JSON, not the expected shape) is set aside as audiences.set-aside-<time>.json with the reason
// logged, and Rollcall carries on with none; one that can't be read now (an I/O error) is left
// where it is, and nothing is written over it until the next start.
import { randomBytes } from 'node:crypto';
import { chmod, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Audience, MAX_AUDIENCE_PEOPLE, type AudiencePerson, type AudienceSummary } from '../../../shared/domain/audiences';
import { AppError } from '../../../shared/ipc/result';
import { PRIVATE_FILE_MODE, fsReason, readFileIfExists, writeFileAtomic } from '../files';

export const AUDIENCES_FILE = 'audiences.json';
const AudiencesFile = z.strictObject({ v: z.literal(1), audiences: z.array(Audience) });

const summary = ({ people, ...rest }: Audience): AudienceSummary => ({ ...rest, count: people.length });

/** People merged by Telegram id: the first place wins, later sources fill in a missing username. */
export function mergePeople(...lists: readonly (readonly AudiencePerson[])[]): AudiencePerson[] {
  const byId = new Map<string, AudiencePerson>();
  for (const list of lists) {
    for (const person of list) {
      const before = byId.get(person.id);
      byId.set(person.id, before ? { ...before, username: before.username ?? person.username } : person);
    }
  }
  return [...byId.values()];
}

export class AudienceStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    private audiences: Audience[],
    /** Why the file could not be read at start: writing over it is refused until a restart. */
    private readonly unreadable: string | null,
  ) {}

  static async open(dataDir: string, log: (message: string) => void): Promise<AudienceStore> {
    let bytes: Buffer | null;
    try {
      bytes = await readFileIfExists(dataDir, AUDIENCES_FILE);
    } catch (error) {
      const reason = error instanceof AppError ? error.message : fsReason(error);
      log(`${AUDIENCES_FILE} could not be read: ${reason}`);
      return new AudienceStore(dataDir, [], reason);
    }
    if (!bytes) return new AudienceStore(dataDir, [], null);
    let parsed: z.infer<typeof AudiencesFile>;
    try {
      parsed = AudiencesFile.parse(JSON.parse(bytes.toString('utf8')));
    } catch (error) {
      const why = error instanceof SyntaxError ? 'it is not JSON' : 'it is not a list of audiences Rollcall wrote';
      const asideName = `audiences.set-aside-${Date.now()}.json`;
      await rename(join(dataDir, AUDIENCES_FILE), join(dataDir, asideName)).catch(() => {});
      log(`${AUDIENCES_FILE} was set aside as ${asideName}: ${why}.`);
      return new AudienceStore(dataDir, [], null);
    }
    // An older file may have been made wider than the rule.
    await chmod(join(dataDir, AUDIENCES_FILE), PRIVATE_FILE_MODE).catch(() => {});
    return new AudienceStore(dataDir, parsed.audiences, null);
  }

  /** Newest change first. */
  list(): AudienceSummary[] {
    return [...this.audiences].sort((a, b) => b.updatedAt - a.updatedAt).map(summary);
  }

  get(id: string): Audience {
    const audience = this.audiences.find((a) => a.id === id);
    if (!audience) throw new AppError('AUDIENCE_NOT_FOUND', `There is no audience ${id}.`);
    return audience;
  }

  create(name: string, people: AudiencePerson[]): Promise<Audience> {
    return this.change(() => {
      const now = Date.now();
      const audience: Audience = { id: randomBytes(8).toString('hex'), name, createdAt: now, updatedAt: now, people: mergePeople(people) };
      return { next: [...this.audiences, audience], result: audience };
    });
  }

  rename(id: string, name: string): Promise<Audience> {
    return this.replace(id, (a) => ({ ...a, name }));
  }

  update(id: string, removeIds: readonly string[], add: AudiencePerson[]): Promise<Audience> {
    const removed = new Set(removeIds);
    return this.replace(id, (a) => ({ ...a, people: mergePeople(a.people.filter((p) => !removed.has(p.id)), add) }));
  }

  delete(id: string): Promise<void> {
    return this.change(() => {
      this.get(id);
      return { next: this.audiences.filter((a) => a.id !== id), result: undefined };
    });
  }

  private replace(id: string, edit: (audience: Audience) => Audience): Promise<Audience> {
    return this.change(() => {
      const changed = { ...edit(this.get(id)), updatedAt: Date.now() };
      return { next: this.audiences.map((a) => (a.id === id ? changed : a)), result: changed };
    });
  }

  /** One change at a time; memory follows the file only once it is written. */
  private change<T>(make: () => { next: Audience[]; result: T }): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.unreadable) throw new AppError('STORAGE_FAILED', `Reading ${AUDIENCES_FILE} failed at start (${this.unreadable}); restart Rollcall to try again.`);
      const { next, result } = make();
      const large = next.find((a) => a.people.length > MAX_AUDIENCE_PEOPLE);
      if (large) throw new AppError('AUDIENCE_TOO_LARGE', `“${large.name}” would hold ${large.people.length} people.`);
      await writeFileAtomic(this.dataDir, AUDIENCES_FILE, JSON.stringify({ v: 1, audiences: next }));
      this.audiences = next;
      return result;
    });
    this.queue = run.catch(() => {});
    return run;
  }
}
