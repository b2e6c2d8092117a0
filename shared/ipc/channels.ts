// The names of every IPC channel, and nothing else: the sandboxed preload imports this file
// alone, so it stays tiny and free of schema code. contract.ts holds the schemas and is
// checked at compile time to cover exactly these names.

/** Request/reply channels: the renderer calls `window.rollcall[name](request)`. */
export const INVOKE_CHANNELS = [
  'appInfo',
  // Settings.
  'settingsGet',
  'settingsSetCredentials',
  'settingsClearCredentials',
  'settingsSetPacing',
  'settingsSetUpdates',
  'settingsSetLanguage',
  // Updates.
  'updateRestart',
  // Sign-in.
  'authState',
  'authExploreSandbox',
  'authSelectTarget',
  'authSendCode',
  'authSubmitCode',
  'authSubmitPassword',
  'authStartQr',
  'sandboxScanQr',
  'authCancel',
  'authSignOut',
  // Calls and people.
  'callsList',
  'callsResolveLink',
  'peopleStreamStart',
  'peopleStreamStop',
  'peopleParticipants',
  'peopleSearch',
  'peopleResolveList',
  // Inviting.
  'invitePlan',
  'inviteStart',
  'inviteCancel',
  'inviteRetry',
  'inviteAddToGroup',
  'inviteExportLink',
  'inviteResume',
  'inviteFloodAnswer',
  'runsList',
  'runsInterrupted',
  'runGet',
  'runExportCsv',
  // Planned runs: invite when a scheduled call starts.
  'plannedList',
  'plannedCreate',
  'plannedUpdate',
  'plannedCancel',
  'plannedSendNow',
  // Audiences: saved lists of people.
  'audiencesList',
  'audienceOpen',
  'audienceSave',
  'audienceRename',
  'audienceUpdate',
  'audienceDelete',
  'audienceExport',
  // The desktop shell: renderer errors to the log; what the main process did to the window; the
  // organiser's answer when the window's close is tried mid-run.
  'logRendererError',
  'shellNoticesTake',
  'shellCloseAnswer',
] as const;

/** Push channels, main → renderer: `window.rollcall.subscribe(name, listener)`. */
export const EVENT_CHANNELS = [
  'backendStatus',
  'authChanged',
  'inviteProgress',
  'peopleResolveProgress',
  'peopleStreamPage',
  'plannedChanged',
  // The desktop shell: a notice after a window crash, a menu command, an update ready, a
  // notification clicked, the window's close tried while a run sends.
  'shellNotice',
  'menuCommand',
  'updateReady',
  'openRun',
  'closeRequested',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Electron IPC channel names are prefixed, so the main process can refuse anything else. */
export const IPC_PREFIX = 'rollcall:';
/** The one Electron channel events travel on; the event's name is inside the message. */
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;

export const ipcChannelName = (channel: InvokeChannel): string => `${IPC_PREFIX}${channel}`;
