// What Rollcall leaves on disk and says about it: the modes of every folder and file it writes
// (other local users must not read names, usernames, Telegram ids or call titles), and
// STORAGE_FAILED messages that name files relative to the data folder, never by absolute path
// (they cross to the renderer).
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../shared/domain/invite';
import { AppError } from '../../shared/ipc/result';
import { JournalFile } from './invite/journal';
import { createKeyFileSecretStore } from './secrets';
import { SessionStore } from './sessionStore';
import { SettingsStore } from './settings';
import { startTestCore, tempDirs, type TestCore } from './testSupport/host';
import { allPeople } from './testSupport/people';

async function storageFailure(action: () => Promise<unknown>): Promise<AppError> {
  const error = await action().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('STORAGE_FAILED');
  return error as AppError;
}

describe('STORAGE_FAILED messages', () => {
  it('item 10: name files relative to the data folder, never by absolute path', async () => {
    const { dataDir, keyDir } = tempDirs();
    const root = join(dataDir, '..');
    mkdirSync(dataDir, { recursive: true });
    const secrets = createKeyFileSecretStore(keyDir);

    // Settings: a folder where settings.json should be (the rename over it fails).
    mkdirSync(join(dataDir, 'settings.json'));
    const settings = await SettingsStore.open({ dataDir, secrets, env: {} }).catch((e: unknown) => e);
    const messages: string[] = [];
    if (settings instanceof SettingsStore) {
      messages.push((await storageFailure(() => settings.setCredentials(12345, '0123456789abcdef0123456789abcdef'))).message);
    } else {
      messages.push((settings as AppError).message);
    }
    expect(messages.at(-1)).toContain('settings.json');

    // The session: a folder where session.bin should be (reading it fails).
    mkdirSync(join(dataDir, 'session.bin'));
    messages.push((await storageFailure(() => new SessionStore(dataDir, secrets).load())).message);
    expect(messages.at(-1)).toContain('session.bin');

    // The run journal: a file where the runs folder should be.
    writeFileSync(join(dataDir, 'runs'), 'not a folder');
    const first = {
      t: 'run' as const, v: 1 as const, id: 'run-x', call: { id: '1', title: null, chatId: '2', chatTitle: 'C', chatKind: 'group' as const },
      selfId: '3', startedAt: 0, batchSize: 10, people: [],
    };
    messages.push((await storageFailure(() => JournalFile.create(dataDir, first))).message);
    expect(messages.at(-1)).toContain('runs/run-x.jsonl');

    // The key file of the secret store: a key of the wrong size.
    mkdirSync(keyDir, { recursive: true });
    writeFileSync(join(keyDir, 'rollcall-secret.key'), 'short');
    messages.push((await storageFailure(() => createKeyFileSecretStore(keyDir).encrypt('x'))).message);

    for (const message of messages) {
      expect(message).not.toContain(root);
      expect(message).not.toMatch(/(^|[\s'"(])\/(tmp|home|var|Users)\//);
    }
  });
});

/** Every folder and file under `dir`, with its permission bits. */
function modesUnder(dir: string): { path: string; kind: 'dir' | 'file'; mode: number }[] {
  const out: { path: string; kind: 'dir' | 'file'; mode: number }[] = [{ path: dir, kind: 'dir', mode: statSync(dir).mode & 0o777 }];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...modesUnder(path));
    else out.push({ path, kind: 'file', mode: statSync(path).mode & 0o777 });
  }
  return out;
}

async function settled(t: TestCore, runId: string): Promise<RunSnapshot> {
  for (;;) {
    const snapshot = await t.ok('runGet', { runId });
    if (!['running', 'floodWait'].includes(snapshot.run.state)) return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function inviteSome(t: TestCore, count: number, skip: number): Promise<RunSnapshot> {
  const { calls } = await t.ok('callsList', {});
  const call = calls.find((c) => c.chat.title === 'Rust Meetup Berlin')!;
  const people = await allPeople(t, { source: 'members', callId: call.id });
  const inCall = new Set((await t.ok('peopleParticipants', { callId: call.id, offset: null, limit: 1000 })).people.map((p) => p.id));
  const fresh = people.filter((p) => p.kind === 'user' && !inCall.has(p.id)).slice(skip, skip + count);
  const started = await t.ok('inviteStart', { callId: call.id, personIds: fresh.map((p) => p.id) });
  return settled(t, started.run.id);
}

describe('modes on disk', () => {
  it.skipIf(process.platform === 'win32')(
    'item 4: after a real invite run, every folder the app and its sandbox made is 0700 and every file 0600, whatever the umask',
    async () => {
      const previous = process.umask(0);
      const dirs = tempDirs();
      try {
        // An older Rollcall left a wide data folder and runs/ behind, with a journal readable by all.
        mkdirSync(join(dirs.dataDir, 'runs'), { recursive: true, mode: 0o755 });
        chmodSync(dirs.dataDir, 0o755);
        chmodSync(join(dirs.dataDir, 'runs'), 0o755);
        writeFileSync(join(dirs.dataDir, 'runs', 'run-old.jsonl'), 'not a journal\n', { mode: 0o644 });
        writeFileSync(join(dirs.dataDir, 'runs', 'run-bad.jsonl'), '{"t":"run","id":"../elsewhere"}\n', { mode: 0o644 });

        const t = await startTestCore(dirs);
        await t.ok('authExploreSandbox', {});
        await t.ok('settingsSetCredentials', { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' });
        expect((await inviteSome(t, 12, 0)).run.state).toBe('done');
        await t.stop();
        const again = await startTestCore(dirs);
        expect((await inviteSome(again, 5, 12)).run.state).toBe('done');
        await again.stop();

        const written = [
          ...modesUnder(dirs.dataDir),
          ...modesUnder(dirs.keyDir),
        ].map((e) => ({ ...e, path: relative(join(dirs.dataDir, '..'), e.path).split(sep).join('/') }));
        // It did write journals, settings, the session, the key, the set-aside folder, and the
        // sandbox's world, auth keys and RSA key.
        const paths = written.map((e) => e.path);
        expect(paths).toEqual(
          expect.arrayContaining([
            'data/settings.json',
            'data/session.bin',
            'data/runs',
            'data/runs/set-aside',
            'key/rollcall-secret.key',
            'data/sandbox',
            'data/sandbox/world.json',
            'data/sandbox/server-rsa-key.pem',
          ]),
        );
        expect(paths.some((p) => p.startsWith('data/sandbox/auth-keys'))).toBe(true);
        expect(paths.filter((p) => /^data\/runs\/run-.*\.jsonl$/.test(p)).length).toBeGreaterThanOrEqual(2);
        const wrong = written.filter((e) => e.mode !== (e.kind === 'dir' ? 0o700 : 0o600)).map((e) => `${e.path} ${e.mode.toString(8)}`);
        expect(wrong).toEqual([]);
      } finally {
        process.umask(previous);
        const t = await startTestCore(dirs);
        await t.close();
      }
    },
  );
  if (process.platform === 'win32') it.skip('item 4: POSIX modes do not apply on Windows (ACLs protect the profile folder)', () => {});
});
