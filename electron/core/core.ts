// The backend core: everything the IPC handlers do, independent of its host. It must not import
// `electron`: the same core runs in Electron's main process and in Node behind the web preview,
// with what differs (versions, secret storage, paths) injected through CoreHost.
import type { BackendStatus } from '../../shared/ipc/contract';
import type { EventSink, Handlers } from '../ipc/dispatcher';
import { readTelegramCredentials } from './credentials';

export interface CoreHost {
  runtime: 'electron' | 'web-preview';
  appName: string;
  appVersion: string;
  versions: { node: string; electron: string | null; chrome: string | null };
  env: Readonly<Record<string, string | undefined>>;
  emit: EventSink;
}

export interface Core {
  handlers: Handlers;
  dispose(): Promise<void>;
}

export function createCore(host: CoreHost): Core {
  const credentials = readTelegramCredentials(host.env);
  const status: BackendStatus = {
    target: 'sandbox',
    credentials: credentials ? credentials.source : 'none',
    state: 'ready',
  };

  const handlers: Handlers = {
    appInfo: async () => ({
      name: host.appName,
      version: host.appVersion,
      runtime: host.runtime,
      versions: host.versions,
      backend: status,
    }),
  };

  return {
    handlers,
    dispose: async () => {},
  };
}
