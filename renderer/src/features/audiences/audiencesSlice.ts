// Audiences: saved lists of people. The slice keeps the list of them, the one shown as the
// picker's source (with who of it can't be found from this account), and the outcome of the last
// change, so each form can say what happened.
import type { StateCreator } from 'zustand';
import type { AudiencePerson, AudienceSource, AudienceSummary } from '../../../../shared/domain/audiences';
import type { Person } from '../../../../shared/domain/people';
import type { ReplyOf, ResolvedLine } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { bridge } from '../../bridge';
import { saveCsv } from '../../lib/saveCsv';
import type { Store } from '../../store';

export type AudienceMissing = ReplyOf<'audienceOpen'>['missing'];

/** What happened, as data: the form says it in the window's language (AudienceNotices). */
export type AudienceOutcome =
  | { kind: 'saved' | 'changed'; name: string; count: number }
  | { kind: 'renamed'; name: string }
  | { kind: 'deleted'; name: string | null }
  | { kind: 'exported'; fileName: string };

/** What the last save or change did: for the status line of the form that asked. */
export interface AudienceNotice {
  /** Which form asked ('selection', 'run', 'manage'): only that one shows it. */
  origin: string;
  outcome: AudienceOutcome;
  unresolved: ResolvedLine[];
}

export interface AudiencesSlice {
  audiences: AudienceSummary[] | null;
  audiencesError: IpcError | null;
  /** The audience shown in the picker. */
  shownAudienceId: string | null;
  audienceMissing: AudienceMissing;
  audiencePending: boolean;
  audienceError: (IpcError & { origin: string }) | null;
  audienceNotice: AudienceNotice | null;

  loadAudiences(): Promise<void>;
  /** Shows an audience as the picker's source for the chosen call. */
  showAudienceInPicker(audienceId: string | null): Promise<void>;
  saveAudience(name: string, sources: AudienceSource[], origin: string): Promise<boolean>;
  renameAudience(audienceId: string, name: string): Promise<boolean>;
  /** Removes people by id and adds the given ones (merged by Telegram id). */
  editAudience(audienceId: string, removeIds: string[], add: AudiencePerson[]): Promise<boolean>;
  deleteAudience(audienceId: string): Promise<boolean>;
  exportAudience(audienceId: string): Promise<void>;
  clearAudienceNotice(): void;
}

export const toAudiencePerson = (p: Person): AudiencePerson => ({ id: p.id, name: p.name, username: p.username, kind: p.kind });

export const createAudiencesSlice: StateCreator<Store, [], [], AudiencesSlice> = (set, get) => {
  let openSeq = 0;

  /** Runs a change; on success refreshes the list (and the picker's source, if it shows that audience). */
  async function change<T>(
    origin: string,
    request: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>,
    notice: (value: T) => Omit<AudienceNotice, 'origin'>,
    reopen: string | null,
  ): Promise<boolean> {
    set({ audiencePending: true, audienceError: null, audienceNotice: null });
    const result = await request();
    if (!result.ok) {
      set({ audiencePending: false, audienceError: { ...result.error, origin } });
      return false;
    }
    set({ audiencePending: false, audienceNotice: { origin, ...notice(result.value) } });
    await get().loadAudiences();
    if (reopen && get().shownAudienceId === reopen) await get().showAudienceInPicker(reopen);
    return true;
  }

  const changedNotice = (kind: 'saved' | 'changed') => ({ audience, unresolved }: ReplyOf<'audienceSave'>) => ({
    outcome: { kind, name: audience.name, count: audience.people.length },
    unresolved,
  });

  return {
    audiences: null,
    audiencesError: null,
    shownAudienceId: null,
    audienceMissing: [],
    audiencePending: false,
    audienceError: null,
    audienceNotice: null,

    loadAudiences: async () => {
      const result = await bridge.audiencesList({});
      if (result.ok) set({ audiences: result.value.audiences, audiencesError: null });
      else set({ audiencesError: result.error });
    },
    showAudienceInPicker: async (audienceId) => {
      const seq = ++openSeq;
      const callId = get().pickerCallId;
      set({ shownAudienceId: audienceId, audienceMissing: [] });
      if (!audienceId || !callId) {
        get().showAudience({ status: 'ready', people: [] });
        return;
      }
      get().showAudience({ status: 'loading' });
      const result = await bridge.audienceOpen({ audienceId, callId });
      if (seq !== openSeq) return;
      if (!result.ok) {
        get().showAudience({ status: 'error', error: result.error });
        return;
      }
      set({ audienceMissing: result.value.missing });
      get().showAudience({ status: 'ready', people: result.value.people });
    },
    saveAudience: (name, sources, origin) => change(origin, () => bridge.audienceSave({ name, sources }), changedNotice('saved'), null),
    renameAudience: (audienceId, name) =>
      change('manage', () => bridge.audienceRename({ audienceId, name }), (a) => ({ outcome: { kind: 'renamed', name: a.name }, unresolved: [] }), null),
    editAudience: (audienceId, removeIds, add) =>
      change(
        'manage',
        () => bridge.audienceUpdate({ audienceId, removeIds, add: add.length ? [{ kind: 'people', people: add }] : [] }),
        changedNotice('changed'),
        audienceId,
      ),
    deleteAudience: async (audienceId) => {
      const name = get().audiences?.find((a) => a.id === audienceId)?.name ?? null;
      const done = await change('manage', () => bridge.audienceDelete({ audienceId }), () => ({ outcome: { kind: 'deleted', name }, unresolved: [] }), null);
      if (done && get().shownAudienceId === audienceId) await get().showAudienceInPicker(null);
      return done;
    },
    exportAudience: async (audienceId) => {
      set({ audienceError: null });
      const result = await bridge.audienceExport({ audienceId });
      if (!result.ok) {
        set({ audienceError: { ...result.error, origin: 'manage' } });
        return;
      }
      saveCsv(result.value.fileName, result.value.csv);
      set({ audienceNotice: { origin: 'manage', outcome: { kind: 'exported', fileName: result.value.fileName }, unresolved: [] } });
    },
    clearAudienceNotice: () => set({ audienceNotice: null, audienceError: null }),
  };
};
