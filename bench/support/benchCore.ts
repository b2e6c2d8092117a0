// The real core in the bench's process, signed in nowhere yet, using a sandbox started on its own,
// and driven through the contract's dispatcher as the preview and Electron drive it.
import { join } from 'node:path';
import type { SandboxInfo } from '../../sandbox/src/index';
import { createCore, type Core } from '../../electron/core/core';
import { createKeyFileSecretStore } from '../../electron/core/secrets';
import { createDispatcher, createEventSink } from '../../electron/ipc/dispatcher';

export interface BenchCore {
  core: Core;
  /** Sends a request through the dispatcher; throws on a refusal, naming the channel. */
  call<T>(channel: string, request: unknown): Promise<T>;
}

/**
 * A core over DIR/data and DIR/key; `onEvent` gets every event after the host's sink has checked
 * it against the contract, as every event is.
 */
export async function startBenchCore(dir: string, sandbox: SandboxInfo, onEvent: Parameters<typeof createEventSink>[0]): Promise<BenchCore> {
  const core = createCore({
    runtime: 'web-preview',
    appName: 'Rollcall',
    appVersion: 'bench',
    versions: { node: process.versions.node, electron: null, chrome: null },
    env: {},
    emit: createEventSink(onEvent),
    dataDir: join(dir, 'data'),
    secrets: createKeyFileSecretStore(join(dir, 'key')),
    sandbox: { external: sandbox },
    log: () => {},
  });
  const dispatch = createDispatcher(core.handlers);
  await core.ready().catch(async (error: unknown) => {
    await core.dispose();
    throw error;
  });
  return {
    core,
    async call<T>(channel: string, request: unknown): Promise<T> {
      const result = await dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
}
