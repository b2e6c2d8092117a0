// A core in a test: a Node host (temporary data and key folders, the key-file SecretStore), the
// real dispatcher with reply validation, and every event it emits, so tests go through the
// contract exactly as the renderer does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/channels';
import type { EventOf, ReplyOf, RequestOf } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/result';
import { createDispatcher, createEventSink, type Dispatch } from '../../ipc/dispatcher';
import { createCore, type Core, type CoreHost } from '../core';
import { createKeyFileSecretStore } from '../secrets';
import { createLogger, fileSink, type Logger } from '../log';

export interface TestCore {
  core: Core;
  dispatch: Dispatch;
  dataDir: string;
  keyDir: string;
  events: { event: EventChannel; payload: unknown }[];
  /** The reply of a request that must succeed. */
  ok<K extends InvokeChannel>(channel: K, request: RequestOf<K>): Promise<ReplyOf<K>>;
  /** The error of a request that must fail. */
  fail<K extends InvokeChannel>(channel: K, request: RequestOf<K>): Promise<IpcError>;
  /** The first event (already emitted or to come) of this channel that satisfies `match`. */
  nextEvent<K extends EventChannel>(event: K, match: (payload: EventOf<K>) => boolean, timeoutMs?: number): Promise<EventOf<K>>;
  /** Disposes the core (the folders stay, for a restart). */
  stop(): Promise<void>;
  /** Disposes the core and removes its folders. */
  close(): Promise<void>;
}

export function tempDirs(): { dataDir: string; keyDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'rollcall-core-'));
  return { dataDir: join(root, 'data'), keyDir: join(root, 'key') };
}

export async function startTestCore(
  options: Partial<Pick<CoreHost, 'env' | 'sandbox' | 'telegramDial' | 'notify' | 'plannedPollMs'>> & {
    dataDir?: string;
    keyDir?: string;
    /** Writes the core's log (every level) to DIR/main.log, as the web preview does. */
    logDir?: string;
    /** Also hands every event to this listener as it is emitted (a bridge's subscribers). */
    onEvent?: (event: EventChannel, payload: unknown) => void;
  } = {},
): Promise<TestCore> {
  const dirs = options.dataDir && options.keyDir ? { dataDir: options.dataDir, keyDir: options.keyDir } : tempDirs();
  const events: TestCore['events'] = [];
  const waiters = new Set<() => void>();
  const emit = createEventSink(
    (event, payload) => {
      events.push({ event, payload });
      options.onEvent?.(event, payload);
      for (const wake of waiters) wake();
    },
  );
  const logger: Logger = createLogger({ sinks: options.logDir ? [fileSink(options.logDir)] : [], level: 'debug' });
  const core = createCore({
    runtime: 'web-preview',
    appName: 'Rollcall',
    appVersion: '0.0.0-test',
    versions: { node: process.versions.node, electron: null, chrome: null },
    env: options.env ?? {},
    emit,
    dataDir: dirs.dataDir,
    secrets: createKeyFileSecretStore(dirs.keyDir),
    sandbox: options.sandbox,
    telegramDial: options.telegramDial,
    notify: options.notify,
    plannedPollMs: options.plannedPollMs,
    logger,
    ...(options.logDir ? {} : { log: () => {} }),
  });
  const dispatch = createDispatcher(core.handlers, {
    logError: (message, error) => (options.logDir ? logger.error(message, error) : console.error(message, error)),
  });
  await core.ready();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await core.dispose();
  };
  return {
    core,
    dispatch,
    ...dirs,
    events,
    async ok(channel, request) {
      const result = await dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(channel, request) {
      const result = await dispatch(channel, request);
      if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`);
      return result.error;
    },
    nextEvent(event, match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.event === event && match(e.payload as never));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.payload as never);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop,
    async close() {
      await stop();
      for (const dir of [dirs.dataDir, dirs.keyDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
