// The backend core: everything the IPC handlers do, independent of its host. It must not import
// `electron`: the same core runs in Electron's main process and in Node behind the web preview,
// with what differs (versions, secret storage, paths) injected through CoreHost.
import { chmodSync, mkdirSync } from 'node:fs';
import type { BackendStatus, CloseChoice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import type { Sandbox } from '../../sandbox/src/index';
import type { EventSink, Handlers } from '../ipc/dispatcher';
import type { TelegramLink } from '../telegram/client';
import { createAttendanceSource } from '../telegram/callParticipants';
import { createCallStartSource } from '../telegram/scheduledCalls';
import { createInviteGateway } from '../telegram/inviteGateway';
import { createAudienceHandlers } from './audiences/handlers';
import { AudienceStore } from './audiences/store';
import { Attendance, type AttendanceSource } from './attendance';
import { AuthService } from './auth';
import { createAuthHandlers } from './authHandlers';
import { readTelegramCredentials } from './credentials';
import { createDirectoryHandlers } from './directoryHandlers';
import { EmbeddedSandbox, type EmbeddedSandboxOptions } from './embeddedSandbox';
import { PRIVATE_DIR_MODE } from './files';
import { createInviteEngine } from './invite/engine';
import { createInviteHandlers } from './invite/handlers';
import { consoleSink, createLogger, logSecrets, type Logger } from './log';
import { createShellHandlers, withRequestLog } from './requestLog';
import type { InviteGateway } from './invite/ports';
import type { SecretStore } from './secrets';
import { PlannedRuns, type CallStartSource } from './scheduled/planned';
import { SessionStore } from './sessionStore';
import type { RunNotice } from './invite/sender';
import { DEFAULT_BATCH_SIZE, DEFAULT_IN_FLIGHT, DEFAULT_PER_HOUR_CEILING, SettingsStore, createSettingsHandlers } from './settings';

/** Opening a run started this recently follows its call's attendance (it may still be live). */
const RECENT_RUN_MS = 12 * 60 * 60 * 1000;

export interface CoreHost {
  runtime: 'electron' | 'web-preview';
  appName: string;
  appVersion: string;
  versions: { node: string; electron: string | null; chrome: string | null };
  env: Readonly<Record<string, string | undefined>>;
  emit: EventSink;
  /** Settings, the encrypted session, run journals (runs/) and the sandbox's world (sandbox/). */
  dataDir: string;
  /** Encryption at rest for the session and the api_hash (safeStorage in Electron). */
  secrets: SecretStore;
  /** The embedded sandbox's world size and scenario controls (tests, benchmarks). */
  sandbox?: EmbeddedSandboxOptions;
  /** Tests only: where target 'telegram' dials instead of Telegram (proves which keys it trusts). */
  telegramDial?: { host: string; port: number; dcId: number };
  /**
   * The seam for desktop notifications (another issue): a long flood wait asked about or over,
   * an account limited. The web preview and tests may leave it out.
   */
  notify?: (notice: RunNotice) => void;
  /**
   * The log (redacted; electron-log in Electron, a file in the data folder for the web preview
   * and tests). Default: the console.
   */
  logger?: Logger;
  /**
   * The desktop's updater (electron/main/updates.ts): told when "Check for updates" changes, and
   * asked to restart into a downloaded update when the person says yes. The web preview has none.
   */
  updates?: { checksChanged(enabled: boolean): void; restart(): Promise<boolean> };
  /**
   * The desktop shell, once the runs are dealt with as the organiser chose on closing the window
   * (hide it, or quit). The web preview has no window and leaves it out.
   */
  closeAnswered?: (choice: CloseChoice) => void;
  /** Tests only: how often planned runs look whether their calls started (default once a minute). */
  plannedPollMs?: number;
  /** Unexpected background failures; never shown to the organiser as-is. Default: logger.error. */
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  handlers: Handlers;
  /** Resolves once the stored session has been restored (or found missing, or refused). */
  ready(): Promise<void>;
  /**
   * Tests and the web preview's harness only (never over IPC): the running embedded sandbox, to
   * end calls, set flood limits or accept QR tokens from outside any client.
   */
  embeddedSandbox(): Sandbox | null;
  /** The main process tells the renderer what it did to the window (a reload after a crash). */
  shellNotice: ReturnType<typeof createShellHandlers>['notice'];
  /** Tests only: phone.getGroupParticipants requests attendance made to catch up. */
  attendanceReads(): number;
  /** Tests only: phone.getGroupCall polls planned runs made. */
  plannedPolls(): number;
  dispose(): Promise<void>;
}

export function createCore(host: CoreHost): Core {
  const logger = host.logger ?? createLogger({ sinks: [consoleSink] });
  const log = host.log ?? ((message: string, error?: unknown) => logger.error(message, error));
  // The data folder is Rollcall's own: 0700 before anything (the sandbox included) writes to it,
  // and tightened if an older Rollcall made it wider. Synchronous: once, before the first read.
  mkdirSync(host.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(host.dataDir, PRIVATE_DIR_MODE);
  const settingsReady = SettingsStore.open({ dataDir: host.dataDir, secrets: host.secrets, env: host.env });
  settingsReady.catch((error: unknown) => log('settings could not be read', error));
  const settings = () => settingsReady;
  let settingsNow: SettingsStore | null = null;
  void settingsReady.then((store) => (settingsNow = store), () => {});
  const environmentCredentials = readTelegramCredentials(host.env);
  logSecrets.add(environmentCredentials?.apiHash, 'api-hash');
  const shell = createShellHandlers(logger, host.emit);

  const sandbox = new EmbeddedSandbox(host.dataDir, host.sandbox);
  let started = false;
  let lastStatus = '';
  const status = (): BackendStatus => ({
    target: auth.target,
    credentials: settingsNow?.credentialsSource() ?? (environmentCredentials ? 'environment' : 'none'),
    state: !started ? 'starting' : auth.target === 'sandbox' && sandbox.failed ? 'failed' : 'ready',
  });
  const statusChanged = () => {
    const next = status();
    const text = JSON.stringify(next);
    if (text === lastStatus) return;
    lastStatus = text;
    host.emit('backendStatus', next);
  };

  const gateways = new WeakMap<TelegramLink, InviteGateway>();
  const gateway = (): InviteGateway => {
    const link = auth.signedInLink();
    let made = gateways.get(link);
    if (!made) gateways.set(link, (made = reportSessionLoss(createInviteGateway(link), auth)));
    return made;
  };
  const engine = createInviteEngine({
    gateway,
    dataDir: host.dataDir,
    emit: host.emit,
    batchSize: () => settingsNow?.batchSize ?? DEFAULT_BATCH_SIZE,
    window: () => settingsNow?.inFlight ?? DEFAULT_IN_FLIGHT,
    perHourCeiling: () => settingsNow?.perHourCeiling ?? DEFAULT_PER_HOUR_CEILING,
    notify: (notice) => host.notify?.(notice),
    log: (message) => log(message),
    onRunStarted: (run) => void attendance.follow(run.call.id),
  });

  const attendanceSources = new WeakMap<TelegramLink, AttendanceSource>();
  const attendance = new Attendance({
    source: () => {
      const link = auth.signedInLink();
      let source = attendanceSources.get(link);
      if (!source) attendanceSources.set(link, (source = createAttendanceSource(link)));
      return source;
    },
    runsOfCall: (callId) => engine.runsOfCall(callId),
    journal: (runId, people) => engine.journalAttendance(runId, people),
    emit: (progress) => host.emit('inviteProgress', progress),
    log: (message) => logger.warn(message),
  });

  const startSources = new WeakMap<TelegramLink, CallStartSource>();
  const planned = new PlannedRuns({
    dataDir: host.dataDir,
    source: () => {
      const link = auth.signedInLink();
      let source = startSources.get(link);
      if (!source) startSources.set(link, (source = createCallStartSource(link)));
      return source;
    },
    gateway,
    startRun: (callId, personIds) => engine.start(callId, personIds, { lookUp: true }),
    emit: ({ plans, started }) => {
      // Only the signed-in account's plans reach the renderer.
      let selfId: string | null = null;
      try {
        selfId = auth.signedInLink().selfId;
      } catch {
        // Signed out: no plan reaches the renderer.
      }
      host.emit('plannedChanged', { plans: plans.filter((p) => p.selfId === selfId), started });
    },
    notify: (started) => host.notify?.({ kind: 'plannedStarted', runId: started.runId, call: started.call, count: started.count }),
    pollMs: host.plannedPollMs,
    log: (message) => logger.warn(message),
  });

  const auth: AuthService = new AuthService({
    appVersion: host.appVersion,
    settings,
    sessions: new SessionStore(host.dataDir, host.secrets),
    secrets: host.secrets,
    sandbox,
    emit: host.emit,
    telegramDial: host.telegramDial,
    onStatusChange: statusChanged,
    // Runs a crash or quit interrupted are not resumed here: the renderer asks the organiser
    // (runsInterrupted, then inviteResume or inviteCancel). Nothing is sent unasked.
  });

  const audiencesReady = AudienceStore.open(host.dataDir, (message) => logger.warn(message));

  const restored = auth.start().then(
    () => {},
    (error: unknown) => log('restoring the session failed', error),
  );
  void restored.finally(() => {
    started = true;
    statusChanged();
  });

  const handlers: Handlers = withRequestLog({
    appInfo: async () => ({
      name: host.appName,
      version: host.appVersion,
      runtime: host.runtime,
      versions: host.versions,
      backend: status(),
    }),
    ...createSettingsHandlers(
      settings,
      () => {
        auth.credentialsChanged();
        statusChanged();
      },
      (enabled) => host.updates?.checksChanged(enabled),
    ),
    updateRestart: async () => ({ restarting: (await host.updates?.restart()) ?? false }),
    ...createAuthHandlers(auth),
    ...createDirectoryHandlers(auth, host.emit),
    ...createInviteHandlers(engine),
    ...createAudienceHandlers({ store: () => audiencesReady, auth, engine }),
    plannedList: async () => ({ plans: await planned.list() }),
    plannedCreate: ({ callId, personIds }) => planned.create(callId, personIds),
    plannedUpdate: ({ planId, personIds }) => planned.update(planId, personIds),
    plannedCancel: async ({ planId }) => {
      await planned.cancel(planId);
      return { cancelled: planId };
    },
    plannedSendNow: ({ planId }) => planned.sendNow(planId),
    runGet: async ({ runId }) => {
      const snapshot = await engine.get(runId);
      // A run of the last hours, opened: its call may still be live, so attendance follows it.
      if (Date.now() - snapshot.run.startedAt < RECENT_RUN_MS) void attendance.follow(snapshot.run.call.id);
      return snapshot;
    },
    shellCloseAnswer: async ({ choice }) => {
      // 'stop': the runs end cancelled once their requests in flight land. 'quit': they stop
      // undecided, as a quit leaves them, and resume from their journals when the organiser asks.
      if (choice === 'stop') await engine.cancelAll();
      if (choice === 'quit') await engine.dispose();
      host.closeAnswered?.(choice);
      return { choice };
    },
    ...shell.handlers,
  }, logger);

  return {
    handlers,
    ready: () => restored,
    embeddedSandbox: () => sandbox.handle(),
    shellNotice: shell.notice,
    attendanceReads: () => attendance.participantReads,
    plannedPolls: () => planned.polls,
    dispose: async () => {
      planned.dispose();
      await engine.dispose();
      await attendance.dispose();
      await auth.dispose();
      await sandbox.close();
    },
  };
}

/** Every gateway failure that says the session is gone also signs the app out, with the reason. */
function reportSessionLoss(gateway: InviteGateway, auth: AuthService): InviteGateway {
  const watch =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof AppError) auth.sessionLost(error);
        throw error;
      }
    };
  return {
    getCall: watch(gateway.getCall),
    participantIds: watch(gateway.participantIds),
    self: watch(gateway.self),
    people: watch(gateway.people),
    selfIsMember: watch(gateway.selfIsMember),
    inviteBatch: watch(gateway.inviteBatch),
    addToChat: watch(gateway.addToChat),
    exportInviteLink: watch(gateway.exportInviteLink),
  };
}
