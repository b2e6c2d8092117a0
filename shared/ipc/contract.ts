// The IPC contract: one zod schema for every request, reply and event. Types are inferred from
// the schemas, so the compiler and the runtime check agree by construction. Requests are strict
// objects with bounded strings and arrays: a malformed payload is refused before any handler runs.
import { z } from 'zod';
import { Audience, AudienceId, AudienceName, AudiencePerson, AudienceSource, AudienceSummary, MAX_AUDIENCE_PEOPLE } from '../domain/audiences';
import { AuthState, Locale, Pacing, Settings, Target, UiLocale } from '../domain/auth';
import { InvitePlan, PersonOutcome, RunHeader, RunId, RunSnapshot } from '../domain/invite';
import { CallSummary, PeoplePage, Person, TelegramId } from '../domain/people';
import { PlannedRun, PlannedRunId, PlannedStarted } from '../domain/planned';
import { PhoneRegion } from '../domain/phoneRegion';
import { IpcErrorSchema } from '../errors/schema';
import type { EventChannel, InvokeChannel } from './channels';

/** A request with no parameters is still an object, so every channel validates the same way. */
const NoParams = z.strictObject({});

/** The most people one run may hold (the picker's ceiling is 100,000 contacts). */
export const MAX_PEOPLE_PER_RUN = 100_000;
/** A pasted list: at most this many characters (about 10,000 lines). */
export const MAX_PASTED_LIST_CHARS = 1_000_000;

const PersonIds = z.array(TelegramId).min(1).max(MAX_PEOPLE_PER_RUN);
const PageRequest = z.strictObject({
  callId: TelegramId,
  offset: z.string().max(64).nullable(),
  limit: z.number().int().min(1).max(1000),
});

export const RendererError = z.strictObject({
  source: z.enum(['error', 'unhandledrejection', 'boundary']),
  message: z.string().max(2000),
  stack: z.string().max(8000).nullable(),
});
export type RendererError = z.infer<typeof RendererError>;

/** What the main process did to the window, told after the reload (catalogue codes). */
export const ShellNotice = z.strictObject({
  id: z.number().int().nonnegative(),
  code: z.enum(['WINDOW_CRASHED', 'WINDOW_UNRESPONSIVE']),
  /** Electron's reason (crashed, oom, killed…), for the message. */
  reason: z.string().max(64),
  at: z.number(),
});
export type ShellNotice = z.infer<typeof ShellNotice>;

export const BackendStatus = z.strictObject({
  /** Where Telegram requests go: the embedded sandbox or Telegram's own servers. */
  target: Target,
  /** Whether api_id/api_hash for real Telegram are configured, and where they came from. */
  credentials: z.enum(['environment', 'settings', 'none']),
  state: z.enum(['starting', 'ready', 'failed']),
});
export type BackendStatus = z.infer<typeof BackendStatus>;

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** The host the core runs in: Electron's main process, or Node behind the web preview. */
  runtime: z.enum(['electron', 'web-preview']),
  versions: z.strictObject({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  backend: BackendStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One line of a pasted list, resolved to a person or explained. */
export const ResolvedLine = z.strictObject({
  lineNumber: z.number().int().positive(),
  text: z.string(),
  person: Person.nullable(),
  error: IpcErrorSchema.nullable(),
});
export type ResolvedLine = z.infer<typeof ResolvedLine>;

/** Resolving a pasted list: how far it got, and while Telegram asked for a pause, until when (epoch ms). */
export const ResolveProgress = z.strictObject({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  waitSeconds: z.number().int().positive().nullable(),
  waitUntil: z.number().nullable(),
});
export type ResolveProgress = z.infer<typeof ResolveProgress>;

/** A people stream, named by the renderer so it can tell its pages from any earlier stream's. */
export const PeopleStreamId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, _ or -');
export type PeopleStreamId = z.infer<typeof PeopleStreamId>;

/** Where a stream's people come from: the members of a call's chat, or the account's contacts. */
export const PeopleStreamSource = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('members'), callId: TelegramId }),
  z.strictObject({ source: z.literal('contacts') }),
]);
export type PeopleStreamSource = z.infer<typeof PeopleStreamSource>;

/**
 * Some of a stream's people, in order, each once across the stream. `total`: how many the source
 * says it has (null until known). The last page says done; a failure ends the stream with its error.
 */
export const PeopleStreamPage = z.strictObject({
  streamId: PeopleStreamId,
  people: z.array(Person),
  total: z.number().int().nonnegative().nullable(),
  done: z.boolean(),
  error: IpcErrorSchema.nullable(),
});
export type PeopleStreamPage = z.infer<typeof PeopleStreamPage>;

/** An invite progress event: the run's header and the people whose outcome changed. */
export const InviteProgress = z.strictObject({ run: RunHeader, changed: z.array(PersonOutcome) });
export type InviteProgress = z.infer<typeof InviteProgress>;

export const UpdateReady = z.strictObject({ version: z.string().min(1).max(64) });
export type UpdateReady = z.infer<typeof UpdateReady>;
/**
 * Closing the window while a run sends: keep running in the background (tray or dock), stop
 * every run after the requests in flight (they end cancelled; the rest can be retried), or quit
 * now without ending runs (they resume from their journals on the next start, when asked).
 */
export const CloseChoice = z.enum(['background', 'stop', 'quit']);
export type CloseChoice = z.infer<typeof CloseChoice>;

/** Saving or changing an audience: the audience as stored, and the lines that named nobody (with why). */
const AudienceChanged = z.strictObject({ audience: Audience, unresolved: z.array(ResolvedLine) });
const AudienceSources = z.array(AudienceSource).min(1).max(8);

interface InvokeSpec {
  request: z.ZodType;
  reply: z.ZodType;
}

export const invokeContract = {
  appInfo: { request: NoParams, reply: AppInfo },

  settingsGet: { request: NoParams, reply: Settings },
  settingsSetCredentials: {
    request: z.strictObject({
      apiId: z.number().int().positive().max(2 ** 31 - 1),
      apiHash: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 characters of 0-9 and a-f'),
    }),
    reply: Settings,
  },
  settingsClearCredentials: { request: NoParams, reply: Settings },
  /** Batch size, requests in flight and the per-hour ceiling; read by the next run. */
  settingsSetPacing: { request: Pacing.strict(), reply: Settings },
  /** The "Check for updates" switch. */
  settingsSetUpdates: { request: z.strictObject({ checkForUpdates: z.boolean() }), reply: Settings },
  /** Settings › Language: one of the shipped languages, or null to follow the OS. */
  settingsSetLanguage: { request: z.strictObject({ language: Locale.nullable() }), reply: Settings },
  /**
   * The person's "Restart now" on the update prompt. Refused (restarting: false) in a build that
   * can't update, with no update downloaded, or while a run sends (the prompt returns when it ends).
   */
  updateRestart: { request: NoParams, reply: z.strictObject({ restarting: z.boolean() }) },

  authState: { request: NoParams, reply: AuthState },
  /** Starts the embedded sandbox and signs in as its demo account. */
  authExploreSandbox: { request: NoParams, reply: AuthState },
  /** Chooses where sign-in goes (signs out of the other target's session). */
  authSelectTarget: { request: z.strictObject({ target: Target }), reply: AuthState },
  authSendCode: { request: z.strictObject({ phone: z.string().min(1).max(32) }), reply: AuthState },
  authSubmitCode: { request: z.strictObject({ code: z.string().max(16) }), reply: AuthState },
  authSubmitPassword: { request: z.strictObject({ password: z.string().max(256) }), reply: AuthState },
  authStartQr: { request: NoParams, reply: AuthState },
  /** Sandbox only: plays the phone that scans the QR code now shown (there is no phone to scan with). */
  sandboxScanQr: { request: NoParams, reply: AuthState },
  authCancel: { request: NoParams, reply: AuthState },
  authSignOut: { request: NoParams, reply: AuthState },

  callsList: { request: NoParams, reply: z.strictObject({ calls: z.array(CallSummary) }) },
  callsResolveLink: { request: z.strictObject({ link: z.string().min(1).max(2048) }), reply: CallSummary },
  /**
   * Starts streaming a source's people as peopleStreamPage events (the reply comes at once); one
   * stream per id at a time. The core sends requests only while the stream runs.
   */
  peopleStreamStart: { request: z.strictObject({ streamId: PeopleStreamId, from: PeopleStreamSource }), reply: z.strictObject({ streamId: PeopleStreamId }) },
  /** Nobody needs the stream's pages any more: it sends no further request. */
  peopleStreamStop: { request: z.strictObject({ streamId: PeopleStreamId }), reply: z.strictObject({ stopped: z.boolean() }) },
  /** People in the call right now, a page at a time. */
  peopleParticipants: { request: PageRequest, reply: PeoplePage },
  peopleSearch: { request: z.strictObject({ query: z.string().min(1).max(64) }), reply: z.strictObject({ people: z.array(Person) }) },
  /** Usernames, @names, t.me links or phone numbers, one per line. */
  peopleResolveList: {
    /** region: where numbers without a country code are read (the locale's by default). */
    request: z.strictObject({ text: z.string().max(MAX_PASTED_LIST_CHARS), region: PhoneRegion.nullable().optional() }),
    reply: z.strictObject({ lines: z.array(ResolvedLine) }),
  },

  invitePlan: { request: z.strictObject({ callId: TelegramId, personIds: PersonIds }), reply: InvitePlan },
  inviteStart: { request: z.strictObject({ callId: TelegramId, personIds: PersonIds }), reply: RunSnapshot },
  inviteCancel: { request: z.strictObject({ runId: RunId }), reply: RunSnapshot },
  /** Starts a new run with the retryable people of a finished run (or the given subset). */
  inviteRetry: {
    request: z.strictObject({ runId: RunId, personIds: z.array(TelegramId).max(MAX_PEOPLE_PER_RUN).nullable() }),
    reply: RunSnapshot,
  },
  /** Adds `notMember` people of a run to the call's group, then invites them in a new run. */
  inviteAddToGroup: { request: z.strictObject({ runId: RunId, personIds: PersonIds }), reply: RunSnapshot },
  inviteExportLink: {
    request: z.strictObject({ callId: TelegramId, role: z.enum(['listener', 'speaker']) }),
    reply: z.strictObject({ link: z.string() }),
  },
  /** Resumes a run a crash or quit interrupted: only ever on the organiser's say-so. */
  inviteResume: { request: z.strictObject({ runId: RunId }), reply: RunSnapshot },
  /** The organiser's answer to a long flood wait (the run asks): wait it out, or stop now. */
  inviteFloodAnswer: { request: z.strictObject({ runId: RunId, answer: z.enum(['wait', 'stop']) }), reply: RunSnapshot },
  runsList: { request: NoParams, reply: z.strictObject({ runs: z.array(RunHeader) }) },
  /** Interrupted runs the signed-in account started, waiting for the organiser to resume or end them. */
  runsInterrupted: { request: NoParams, reply: z.strictObject({ runs: z.array(RunHeader) }) },
  runGet: { request: z.strictObject({ runId: RunId }), reply: RunSnapshot },
  /** language: the window's, for the reason texts (the column headers stay English: machine-readable). */
  runExportCsv: { request: z.strictObject({ runId: RunId, language: UiLocale.optional() }), reply: z.strictObject({ fileName: z.string(), csv: z.string() }) },

  /** Planned runs of the signed-in account; checks with Telegram which calls started meanwhile. */
  plannedList: { request: NoParams, reply: z.strictObject({ plans: z.array(PlannedRun) }) },
  /** "Invite when it starts": plans a run for a scheduled call and subscribes to its start. */
  plannedCreate: { request: z.strictObject({ callId: TelegramId, personIds: PersonIds }), reply: PlannedRun },
  /** Replaces the people of a planned run (until its call starts). */
  plannedUpdate: { request: z.strictObject({ planId: PlannedRunId, personIds: PersonIds }), reply: PlannedRun },
  /** Cancels a planned run; turns the start subscription off if Rollcall turned it on. */
  plannedCancel: { request: z.strictObject({ planId: PlannedRunId }), reply: z.strictObject({ cancelled: PlannedRunId }) },
  /** The organiser's answer to a planned run whose call started while Rollcall was closed: send now. */
  plannedSendNow: { request: z.strictObject({ planId: PlannedRunId }), reply: RunSnapshot },

  audiencesList: { request: NoParams, reply: z.strictObject({ audiences: z.array(AudienceSummary) }) },
  /**
   * An audience as a source for this call: the people this account can address (fresh from
   * Telegram), and those it can't find, each with why (AUDIENCE_PERSON_NOT_FOUND).
   */
  audienceOpen: {
    request: z.strictObject({ audienceId: AudienceId, callId: TelegramId }),
    reply: z.strictObject({
      audience: AudienceSummary,
      people: z.array(Person),
      missing: z.array(z.strictObject({ person: AudiencePerson, error: IpcErrorSchema })),
    }),
  },
  /** A new audience from one or more sources, merged by Telegram id. */
  audienceSave: { request: z.strictObject({ name: AudienceName, sources: AudienceSources }), reply: AudienceChanged },
  audienceRename: { request: z.strictObject({ audienceId: AudienceId, name: AudienceName }), reply: AudienceSummary },
  /** Removes people by id, then adds those of `add` (merged by Telegram id). */
  audienceUpdate: {
    request: z.strictObject({
      audienceId: AudienceId,
      removeIds: z.array(TelegramId).max(MAX_AUDIENCE_PEOPLE),
      add: z.array(AudienceSource).max(8),
    }),
    reply: AudienceChanged,
  },
  audienceDelete: { request: z.strictObject({ audienceId: AudienceId }), reply: z.strictObject({ deleted: AudienceId }) },
  /** The audience as CSV (name, username, id, kind), saved by the renderer as the run CSV is. */
  audienceExport: { request: z.strictObject({ audienceId: AudienceId }), reply: z.strictObject({ fileName: z.string(), csv: z.string() }) },

  /** An error the renderer caught (window.onerror, an unhandled rejection, the error boundary); rate-limited. */
  logRendererError: { request: RendererError, reply: z.strictObject({ logged: z.boolean() }) },
  /** The shell's notices not yet shown (a window reloaded after a crash); taking them clears them. */
  shellNoticesTake: { request: NoParams, reply: z.strictObject({ notices: z.array(ShellNotice) }) },
  /** The organiser's answer to closeRequested; the runs are dealt with before the reply. */
  shellCloseAnswer: { request: z.strictObject({ choice: CloseChoice }), reply: z.strictObject({ choice: CloseChoice }) },
} as const satisfies { [K in InvokeChannel]: InvokeSpec };

/** A command of the native menu (or its accelerator) that the renderer carries out. */
export const MenuCommand = z.enum(['newInvite', 'history', 'settings', 'signOut']);
export type MenuCommand = z.infer<typeof MenuCommand>;

export const eventContract = {
  backendStatus: BackendStatus,
  authChanged: AuthState,
  inviteProgress: InviteProgress,
  peopleResolveProgress: ResolveProgress,
  peopleStreamPage: PeopleStreamPage,
  /** A new shell notice is waiting: the renderer takes it with shellNoticesTake. */
  shellNotice: ShellNotice,
  menuCommand: MenuCommand,
  /** A downloaded update, offered once no run is sending: "Version X is ready: Restart now / Later". */
  updateReady: UpdateReady,
  /** The planned runs changed (planned, edited, cancelled, missed, sent); `started` when a call started and its run began. */
  plannedChanged: z.strictObject({ plans: z.array(PlannedRun), started: PlannedStarted.nullable() }),
  /** A notification about this run was clicked: show it. */
  openRun: z.strictObject({ runId: RunId }),
  /** The window's close was tried while runs send: ask what to do with them (shellCloseAnswer). */
  closeRequested: z.strictObject({ sending: z.number().int().nonnegative() }),
} as const satisfies { [K in EventChannel]: z.ZodType };

export type RequestOf<K extends InvokeChannel> = z.input<(typeof invokeContract)[K]['request']>;
export type ParsedRequestOf<K extends InvokeChannel> = z.output<(typeof invokeContract)[K]['request']>;
export type ReplyOf<K extends InvokeChannel> = z.output<(typeof invokeContract)[K]['reply']>;
export type EventOf<K extends EventChannel> = z.output<(typeof eventContract)[K]>;

