// The audience channels of the contract. Sources become people here: a run's people from its
// journal, a pasted list or CSV through the same resolution as the picker's pasted list, the
// picker's selection as given; all merged by Telegram id.
import Papa from 'papaparse';
import type { AudiencePerson, AudienceSource, RunGroup } from '../../../shared/domain/audiences';
import type { InviteStatus, PersonOutcome, SkipReason } from '../../../shared/domain/invite';
import type { Person } from '../../../shared/domain/people';
import type { ResolvedLine } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Handlers } from '../../ipc/dispatcher';
import * as directory from '../../telegram/directory';
import type { AuthService } from '../auth';
import { withSignedInLink } from '../directoryHandlers';
import type { InviteEngine } from '../invite/engine';
import { fileStem } from '../invite/csv';
import { mergePeople, type AudienceStore } from './store';

export type AudienceHandlers = Pick<
  Handlers,
  'audiencesList' | 'audienceOpen' | 'audienceSave' | 'audienceRename' | 'audienceUpdate' | 'audienceDelete' | 'audienceExport'
>;

const REACHED: readonly InviteStatus[] = ['invited', 'alreadyInvited'];

/**
 * Who of a run belongs to each group. Joined: came to the call (and may have left since), as
 * the run view's "Joined"; didn't join: holds an invitation but hasn't come, its "Not yet".
 */
export const AUDIENCE_RUN_GROUPS: Record<RunGroup, (outcome: PersonOutcome) => boolean> = {
  everyone: (o) => o.skipReason !== 'self',
  invited: (o) => REACHED.includes(o.status),
  notInvited: (o) => !REACHED.includes(o.status) && o.skipReason !== 'self',
  joined: (o) => o.joinedAt != null && o.skipReason !== 'self',
  notJoined: (o) => REACHED.includes(o.status) && o.joinedAt == null,
};

const KIND_OF_SKIP: Partial<Record<SkipReason, AudiencePerson['kind']>> = { bot: 'bot', deleted: 'deleted', self: 'self' };

const fromPerson = (p: Person): AudiencePerson => ({ id: p.id, name: p.name, username: p.username, kind: p.kind });

export const AUDIENCE_CSV_COLUMNS = ['name', 'username', 'id', 'kind'] as const;

export function createAudienceHandlers({ store, auth, engine }: { store: () => Promise<AudienceStore>; auth: AuthService; engine: InviteEngine }): AudienceHandlers {
  /** A pasted list's lines, resolved as the picker resolves them. */
  const resolveLines = (text: string) => withSignedInLink(auth, (link) => directory.resolveList({ link, text }));

  /** A CSV's rows: by id when this session knows the person, else by username or phone. */
  async function fromCsv(text: string): Promise<{ people: AudiencePerson[]; unresolved: ResolvedLine[] }> {
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
    const columns = parsed.meta.fields ?? [];
    if (!['username', 'phone', 'id'].some((c) => columns.includes(c))) {
      throw new AppError('AUDIENCE_CSV_UNREADABLE', `Its first row (${columns.slice(0, 5).join(', ').slice(0, 120) || 'empty'}) names no username, phone or id column.`);
    }
    const rows = parsed.data.map((row, i) => ({ lineNumber: i + 2, row }));
    const ids = rows.map(({ row }) => (row.id ?? '').trim()).filter((id) => /^\d{1,20}$/.test(id));
    const known = new Map((await withSignedInLink(auth, async (link) => directory.knownPeople({ link, ids }))).map((p) => [p.id, p]));
    const people: AudiencePerson[] = [];
    const unresolved: ResolvedLine[] = [];
    const toResolve: { lineNumber: number; text: string }[] = [];
    for (const { lineNumber, row } of rows) {
      const person = known.get((row.id ?? '').trim());
      const username = (row.username ?? '').trim();
      const phone = (row.phone ?? '').trim();
      const shown = [row.name, username, row.id].filter(Boolean).join(' ').slice(0, 200);
      if (person) people.push(fromPerson(person));
      else if (username || phone) toResolve.push({ lineNumber, text: username ? `@${username.replace(/^@/, '')}` : phone });
      else unresolved.push({ lineNumber, text: shown, person: null, error: { code: 'AUDIENCE_PERSON_NOT_FOUND', message: `Row ${lineNumber} has neither a username nor a phone, and this session has not seen id ${row.id ?? ''}.` } });
    }
    if (toResolve.length > 0) {
      const lines = await resolveLines(toResolve.map((r) => r.text).join('\n'));
      for (const line of lines) {
        if (line.person) people.push(fromPerson(line.person));
        else unresolved.push({ ...line, lineNumber: toResolve[line.lineNumber - 1]?.lineNumber ?? line.lineNumber });
      }
    }
    return { people, unresolved };
  }

  async function peopleOf(sources: readonly AudienceSource[]): Promise<{ people: AudiencePerson[]; unresolved: ResolvedLine[] }> {
    const lists: AudiencePerson[][] = [];
    const unresolved: ResolvedLine[] = [];
    for (const source of sources) {
      if (source.kind === 'people') lists.push(source.people);
      else if (source.kind === 'run') {
        const { people } = await engine.get(source.runId);
        const inGroup = AUDIENCE_RUN_GROUPS[source.group];
        lists.push(
          people.filter(inGroup).map((o) => ({ id: o.personId, name: o.name, username: o.username, kind: (o.skipReason && KIND_OF_SKIP[o.skipReason]) ?? 'user' })),
        );
      } else if (source.kind === 'pasted') {
        const lines = await resolveLines(source.text);
        lists.push(lines.flatMap((l) => (l.person ? [fromPerson(l.person)] : [])));
        unresolved.push(...lines.filter((l) => !l.person));
      } else {
        const csv = await fromCsv(source.text);
        lists.push(csv.people);
        unresolved.push(...csv.unresolved);
      }
    }
    return { people: mergePeople(...lists), unresolved };
  }

  const nobody = (unresolved: readonly ResolvedLine[]) =>
    new AppError('AUDIENCE_EMPTY', unresolved.length ? `Not found: ${unresolved.slice(0, 5).map((l) => `line ${l.lineNumber} (${l.text.slice(0, 40)})`).join(', ')}${unresolved.length > 5 ? ', …' : ''}.` : 'The sources named nobody.');

  return {
    audiencesList: async () => ({ audiences: (await store()).list() }),
    audienceOpen: async ({ audienceId, callId }) => {
      const audience = (await store()).get(audienceId);
      const { found, missing } = await withSignedInLink(auth, (link) => directory.findPeople({ link, callId, people: audience.people }));
      const gone = new Set(missing);
      const { people, ...summary } = audience;
      return {
        audience: { ...summary, count: people.length },
        people: found,
        missing: people
          .filter((p) => gone.has(p.id))
          .map((person) => ({
            person,
            error: { code: 'AUDIENCE_PERSON_NOT_FOUND' as const, message: `${person.name}${person.username ? ` (@${person.username})` : ''} was not found from this account.` },
          })),
      };
    },
    audienceSave: async ({ name, sources }) => {
      const { people, unresolved } = await peopleOf(sources);
      if (people.length === 0) throw nobody(unresolved);
      return { audience: await (await store()).create(name, people), unresolved };
    },
    audienceRename: async ({ audienceId, name }) => {
      const { people, ...rest } = await (await store()).rename(audienceId, name);
      return { ...rest, count: people.length };
    },
    audienceUpdate: async ({ audienceId, removeIds, add }) => {
      (await store()).get(audienceId);
      const { people, unresolved } = await peopleOf(add);
      if (add.length > 0 && people.length === 0 && removeIds.length === 0) throw nobody(unresolved);
      return { audience: await (await store()).update(audienceId, removeIds, people), unresolved };
    },
    audienceDelete: async ({ audienceId }) => {
      await (await store()).delete(audienceId);
      return { deleted: audienceId };
    },
    audienceExport: async ({ audienceId }) => {
      const audience = (await store()).get(audienceId);
      const data = audience.people.map((p) => [p.name, p.username ?? '', p.id, p.kind]);
      const csv = Papa.unparse({ fields: [...AUDIENCE_CSV_COLUMNS], data }, { escapeFormulae: true, newline: '\r\n' });
      return { fileName: `${fileStem(audience.name)}-audience.csv`, csv };
    },
  };
}
