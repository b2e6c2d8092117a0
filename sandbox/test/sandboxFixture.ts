// Shared by the GramJS-over-TCP tests: a sandbox in a fresh temporary folder, and real GramJS
// clients signed in as the demo accounts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { startSandbox, type CallInfo, type Sandbox, type SandboxOptions } from '../src/index';
import { RPCError } from 'telegram/errors';
import { expect } from 'vitest';
import { connectClient } from './gramjs';

export interface TestSandbox extends Sandbox {
  dataDir: string;
  /** Closes the sandbox, its clients, and deletes the folder. */
  dispose(): Promise<void>;
  clients: TelegramClient[];
}

export async function openSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rollcall-sandbox-'));
  const sandbox = await startSandbox({ ...options, dataDir });
  const clients: TelegramClient[] = [];
  return Object.assign(sandbox, {
    dataDir,
    clients,
    async dispose() {
      await Promise.all(clients.map((c) => c.destroy().catch(() => undefined)));
      await sandbox.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A connected, signed-out client; it is destroyed with the sandbox. */
export async function newClient(sandbox: TestSandbox, options: { session?: string; layer143?: boolean } = {}): Promise<TelegramClient> {
  const client = await connectClient({ ...sandbox.info, ...options });
  // Flood waits must reach the caller, not be slept through (as Rollcall's core sets it).
  client.floodSleepThreshold = 0;
  sandbox.clients.push(client);
  return client;
}

export type Account = 'ada' | 'grace';

/** A client signed in by code (and password for Grace) through GramJS's own client.start. */
export async function signedIn(sandbox: TestSandbox, account: Account = 'ada', options: { layer143?: boolean } = {}): Promise<TelegramClient> {
  const client = await newClient(sandbox, options);
  const details = sandbox.info.accounts[account === 'ada' ? 0 : 1]!;
  await client.start({
    phoneNumber: details.phone,
    phoneCode: async () => details.code,
    password: async () => details.password ?? '',
    onError: (error) => {
      throw error;
    },
  });
  return client;
}

export const big = (value: bigint) => bigInt(value.toString());
export const asBigint = (value: { toString(): string }) => BigInt(value.toString());

export function inputCall(call: CallInfo): Api.InputGroupCall {
  return new Api.InputGroupCall({ id: big(call.id), accessHash: big(call.accessHash) });
}

export function inputUser(sandbox: Sandbox, userId: bigint): Api.InputUser {
  return new Api.InputUser({ userId: big(userId), accessHash: big(sandbox.world.userAccessHash(userId)) });
}

export function inputChannel(sandbox: Sandbox, channelId: bigint): Api.InputChannel {
  return new Api.InputChannel({ channelId: big(channelId), accessHash: big(sandbox.world.channelAccessHash(channelId)) });
}

/** The users a returned invite service message lists (empty for shapes that carry none). */
export function invitedIn(updates: Api.TypeUpdates): bigint[] {
  const list =
    updates instanceof Api.Updates || updates instanceof Api.UpdatesCombined
      ? updates.updates
      : updates instanceof Api.UpdateShort
        ? [updates.update]
        : [];
  const out: bigint[] = [];
  for (const update of list) {
    if (!(update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateNewMessage)) continue;
    const message = update.message;
    if (message instanceof Api.MessageService && message.action instanceof Api.MessageActionInviteToGroupCall) {
      out.push(...message.action.users.map(asBigint));
    }
  }
  return out;
}

/** Resolves when `predicate` holds, polling; for pushed updates that arrive asynchronously. */
export async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The RPCError a request failed with (the test fails if it succeeded or failed otherwise). */
export async function failure(promise: Promise<unknown>): Promise<RPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RPCError);
  return error as RPCError;
}
