// What any local process can do to a sandbox that runs inside the app: open many connections,
// leave them idle, run key exchanges without end. The caps, the idle timeouts, the key-exchange
// rate limit and the bounded key store, each with a real GramJS client that must keep working.
import { fork } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Api } from 'telegram';
import type { StringSession } from 'telegram/sessions';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/index';
import { KeyExchangeRefused, LightKeyClient } from './lightKeyExchange';
import { eventually, newClient, openSandbox, signedIn, type TestSandbox } from './sandboxFixture';

const opened: TestSandbox[] = [];
afterEach(async () => {
  // The newest first: a restarted sandbox shares its folder with the one its predecessor deletes.
  for (const sandbox of opened.splice(0).reverse()) await sandbox.dispose();
});
async function sandboxWith(options: Parameters<typeof openSandbox>[0] = {}): Promise<TestSandbox> {
  const sandbox = await openSandbox(options);
  opened.push(sandbox);
  return sandbox;
}

/** Resolves with the self user: proves a signed-in client still gets answers. */
async function stillWorks(client: Awaited<ReturnType<typeof signedIn>>): Promise<void> {
  const [me] = await client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
  expect((me as Api.User).firstName).toBe('Ada');
}

/** Runs `count` key exchanges from a child process (keyExchangeLoad.ts); resolves with its report. */
function exchangesInChild(sandbox: TestSandbox, count: number): Promise<{ exchanges?: number; error?: string }> {
  const child = fork(fileURLToPath(new URL('./keyExchangeLoad.ts', import.meta.url)), [sandbox.info.host, String(sandbox.info.port), String(count)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SANDBOX_PEM: sandbox.info.publicKeyPem },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as { exchanges?: number; error?: string }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`key exchange process exited with ${code} before reporting`)));
  });
}

/** Bytes of every auth-key file in the folder (snapshot and log). */
function keyFileBytes(dataDir: string): number {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('auth-keys'))
    .reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
}

describe('item 5: connection limits', () => {
  it('item 5: 1,000 connections opened at once are refused past the cap while a signed-in client keeps working', { timeout: 60_000 }, async () => {
    const sandbox = await sandboxWith();
    const client = await signedIn(sandbox);
    const sockets: Socket[] = [];
    let closedByServer = 0;
    let settled = 0;
    try {
      await new Promise<void>((resolve) => {
        for (let i = 0; i < 1000; i++) {
          const socket = connect(sandbox.info.port, '127.0.0.1');
          sockets.push(socket);
          let counted = false;
          const settle = () => {
            if (counted) return;
            counted = true;
            if (++settled === 1000) resolve();
          };
          socket.once('connect', settle);
          socket.once('error', settle);
          socket.once('close', () => {
            closedByServer++;
            settle();
          });
        }
      });
      // Every socket connected (or failed); the server closes the ones past the cap.
      const cap = DEFAULT_LIMITS.maxUnkeyedConnections;
      await eventually(() => closedByServer >= 1000 - cap, 20_000);
      expect(sandbox.server.stats().connections).toBeLessThanOrEqual(cap + 1);
      expect(sandbox.server.stats().connectionsRefused).toBeGreaterThanOrEqual(1000 - cap);
      await stillWorks(client);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('item 5: connections past the per-key cap close the oldest of that key; the newest keeps working', { timeout: 30_000 }, async () => {
    const sandbox = await sandboxWith({ limits: { maxConnectionsPerKey: 2 } });
    const first = await signedIn(sandbox);
    const session = (first.session as StringSession).save();
    const second = await newClient(sandbox, { session });
    const third = await newClient(sandbox, { session });
    await stillWorks(third);
    await eventually(() => sandbox.server.stats().connectionsRefused >= 1);
    await first.destroy();
    await stillWorks(second);
    await stillWorks(third);
    expect(sandbox.server.stats().connections).toBeLessThanOrEqual(2);
  });

  it('item 5: idle connections are closed, and a quiet signed-in GramJS client reconnects and keeps working', { timeout: 30_000 }, async () => {
    // Far below GramJS's 9 s ping, so the server closes the client's quiet connection first.
    const sandbox = await sandboxWith({ limits: { idleTimeoutMs: 1500 } });
    const client = await signedIn(sandbox);
    const idle = connect(sandbox.info.port, '127.0.0.1');
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    idle.on('error', () => {});
    await idleClosed;
    await eventually(() => sandbox.server.stats().idleClosed >= 2, 15_000);
    await stillWorks(client);
  });
});

describe('item 5: key exchanges', () => {
  it('item 5: key exchanges past the rate limit get a transport error and the connection closes', { timeout: 30_000 }, async () => {
    const sandbox = await sandboxWith({ limits: { keyExchangeBurst: 3, keyExchangesPerSecond: 0.001 } });
    const light = await LightKeyClient.open(sandbox.info);
    try {
      for (let i = 0; i < 3; i++) await light.exchange();
      await expect(light.exchange()).rejects.toBeInstanceOf(KeyExchangeRefused);
      expect(sandbox.server.stats().keyExchangesRefused).toBe(1);
    } finally {
      light.close();
    }
  });

  it('item 5: 10,000 key exchanges leave a bounded key file', { timeout: 120_000 }, async () => {
    const sandbox = await sandboxWith({ limits: { keyExchangesPerSecond: Infinity } });
    const client = await signedIn(sandbox);
    const session = (client.session as StringSession).save();
    const before = sandbox.server.stats().keyExchanges;
    const started = performance.now();
    // Two client processes, 5,000 each: this process runs only the sandbox's side.
    const reports = await Promise.all([0, 1].map(() => exchangesInChild(sandbox, 5000)));
    expect(reports).toEqual([{ exchanges: 5000 }, { exchanges: 5000 }]);
    const seconds = (performance.now() - started) / 1000;
    console.log(`10,000 key exchanges: ${seconds.toFixed(1)} s; key files ${keyFileBytes(sandbox.dataDir)} bytes, ${sandbox.server.stats().authKeys} keys`);
    expect(sandbox.server.stats().keyExchanges).toBe(before + 10_000);
    expect(sandbox.server.stats().authKeys).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAuthKeys);
    // A stored key is about 560 bytes of JSON; the log between snapshots holds at most as many again.
    expect(keyFileBytes(sandbox.dataDir)).toBeLessThan(DEFAULT_LIMITS.maxAuthKeys * 600 * 2);
    // The signed-in key survived: the client keeps working, and after a restart too.
    await stillWorks(client);
    await sandbox.close();
    const again = await sandboxWith({ dataDir: sandbox.dataDir });
    expect(again.server.stats().authKeys).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAuthKeys);
    await stillWorks(await newClient(again, { session }));
  });
});
