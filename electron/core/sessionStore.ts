// The signed-in Telegram session at rest (DATA/session.bin): GramJS's session string (auth key
// included) and its target, encrypted as one blob through the SecretStore. It never crosses IPC
// and is never logged; without the key, the file is noise.
import { join } from 'node:path';
import { z } from 'zod';
import { Target } from '../../shared/domain/auth';
import { AppError } from '../../shared/ipc/result';
import { readFileIfExists, removeFile, writeFileAtomic } from './files';
import { logSecrets } from './log';
import type { SecretStore } from './secrets';

export const SESSION_FILE_NAME = 'session.bin';

const StoredSession = z.object({ version: z.literal(1), target: Target, session: z.string().min(1), savedAt: z.number() });
export type StoredSession = z.infer<typeof StoredSession>;

export class SessionStore {
  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
  ) {}

  async save(target: Target, session: string): Promise<void> {
    logSecrets.addSession(session);
    const record: StoredSession = { version: 1, target, session, savedAt: Date.now() };
    await writeFileAtomic(this.dataDir, SESSION_FILE_NAME, await this.secrets.encrypt(JSON.stringify(record)));
  }

  /** The stored session, null when there is none; AppError STORAGE_FAILED when it can't be read. */
  async load(): Promise<StoredSession | null> {
    const bytes = await readFileIfExists(this.dataDir, SESSION_FILE_NAME);
    if (!bytes) return null;
    const { text, reEncrypt } = await this.secrets.decrypt(bytes);
    const parsed = StoredSession.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AppError('STORAGE_FAILED', 'The saved session is not in a format this Rollcall knows.');
    logSecrets.addSession(parsed.data.session);
    if (reEncrypt) {
      // Best effort: the old copy still reads, so a failed write costs nothing now.
      await this.secrets
        .encrypt(text)
        .then((fresh) => writeFileAtomic(this.dataDir, SESSION_FILE_NAME, fresh))
        .catch(() => {});
    }
    return parsed.data;
  }

  async remove(): Promise<void> {
    await removeFile(join(this.dataDir, SESSION_FILE_NAME));
  }
}
