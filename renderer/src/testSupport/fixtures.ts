// Small, valid domain objects for the renderer's tests; each takes the fields a test cares about.
import type { AuthState, Settings } from '../../../shared/domain/auth';
import type { PersonOutcome, RunHeader, RunSnapshot } from '../../../shared/domain/invite';
import type { CallSummary, Person } from '../../../shared/domain/people';
import type { AppInfo } from '../../../shared/ipc/contract';

export const person = (over: Partial<Person> = {}): Person => ({
  id: '101',
  name: 'Ada Lovelace',
  username: 'ada',
  phone: null,
  kind: 'user',
  isContact: true,
  ...over,
});

export const call = (over: Partial<CallSummary> = {}): CallSummary => ({
  id: '9001',
  chat: { id: '500', title: 'Rust Meetup Berlin', kind: 'supergroup', username: null },
  title: 'Monthly meetup',
  participantsCount: 3,
  state: 'active',
  canManage: true,
  joinAs: { kind: 'self', title: null },
  warnings: [],
  ...over,
});

export const signedIn = (over: Partial<Extract<AuthState, { step: 'signedIn' }>> = {}): AuthState => ({
  step: 'signedIn',
  target: 'sandbox',
  me: person({ id: '1', name: 'Grace Hopper', username: 'grace', kind: 'self' }),
  storageWarning: null,
  ...over,
});

export const signedOut: AuthState = { step: 'signedOut', target: 'sandbox', error: null };

export const outcome = (over: Partial<PersonOutcome> = {}): PersonOutcome => ({
  personId: '101',
  name: 'Ada Lovelace',
  username: 'ada',
  status: 'queued',
  skipReason: null,
  error: null,
  attempts: 0,
  updatedAt: 1_000,
  ...over,
});

const NO_COUNTS: RunHeader['counts'] = {
  queued: 0, sending: 0, invited: 0, alreadyInvited: 0, notMember: 0, unconfirmed: 0, notSent: 0, failed: 0, skipped: 0,
};

export const header = (over: Partial<Omit<RunHeader, 'counts'>> & { counts?: Partial<RunHeader['counts']> } = {}): RunHeader => ({
  id: 'run-1',
  call: { id: '9001', title: 'Monthly meetup', chatId: '500', chatTitle: 'Rust Meetup Berlin', chatKind: 'supergroup' },
  startedAt: 1_700_000_000_000,
  finishedAt: null,
  state: 'running',
  floodWait: null,
  stopReason: null,
  batches: { done: 0, total: 1 },
  total: 1,
  ...over,
  counts: { ...NO_COUNTS, ...over.counts },
});

export const snapshot = (run: Parameters<typeof header>[0] = {}, people: PersonOutcome[] = [outcome()]): RunSnapshot => ({
  run: header({ total: people.length, ...run }),
  people,
});

export const settings = (over: Partial<Settings> = {}): Settings => ({
  apiId: null,
  apiHashSet: false,
  credentialsSource: 'none',
  batchSize: 10,
  inFlight: 2,
  perHourCeiling: 200,
  checkForUpdates: true,
  language: null,
  ...over,
});

export const appInfo = (over: Partial<AppInfo> = {}): AppInfo => ({
  name: 'Rollcall',
  version: '0.1.0',
  runtime: 'electron',
  versions: { node: '22.0.0', electron: '45.0.0', chrome: '140.0.0' },
  backend: { target: 'sandbox', credentials: 'none', state: 'starting' },
  ...over,
});
