// The nine invite/run channels through the real dispatcher, with replies and events checked
// against the contract's schemas: what the renderer receives is what the contract promises.
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { InviteProgress } from '../../../shared/ipc/contract';
import { createTranslator } from '../../../shared/i18n/translate';
import type { Handlers } from '../../ipc/dispatcher';
import { createDispatcher, createEventSink } from '../../ipc/dispatcher';
import { createInviteEngine } from './engine';
import { createInviteHandlers } from './handlers';
import { CALL_ID, FakeGateway, ids } from './testSupport/fakeGateway';
import { tempDataDir } from './testSupport/harness';
import { rmSync } from 'node:fs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(gateway: FakeGateway) {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const events: unknown[] = [];
  const emit = createEventSink((_event, payload) => events.push(payload));
  const engine = createInviteEngine({ gateway: () => gateway, dataDir, emit, log: () => {} });
  const handlers = createInviteHandlers(engine) as Handlers;
  const dispatch = createDispatcher(handlers, { logError: () => {} });
  return { engine, dispatch, events };
}

describe('invite handlers', () => {
  it('serve a whole run within the contract: plan, start, progress, get, list, CSV', async () => {
    const gateway = new FakeGateway({ people: ids(12), nonMembers: ['104'], bots: ['111'] });
    const { engine, dispatch, events } = setup(gateway);
    const plan = await dispatch('invitePlan', { callId: CALL_ID, personIds: ids(12) });
    expect(plan).toMatchObject({ ok: true, value: { toSend: 11, batches: 2, callProblem: null } });

    const started = await dispatch('inviteStart', { callId: CALL_ID, personIds: ids(12) });
    expect(started.ok).toBe(true);
    const runId = (started as { value: { run: { id: string } } }).value.run.id;
    await engine.settled(runId);
    expect(events.length).toBeGreaterThan(0);
    events.forEach((e) => InviteProgress.parse(e));

    const got = await dispatch('runGet', { runId });
    expect(got).toMatchObject({ ok: true, value: { run: { state: 'done', counts: { invited: 10, notMember: 1, skipped: 1 } } } });
    const list = await dispatch('runsList', {});
    expect(list).toMatchObject({ ok: true, value: { runs: [{ id: runId }] } });

    const exported = await dispatch('runExportCsv', { runId });
    expect(exported.ok).toBe(true);
    const { csv } = (exported as { value: { csv: string } }).value;
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.id === '104')).toMatchObject({
      status: 'notMember',
      'reason code': 'USER_NOT_PARTICIPANT',
      attempts: '4', // 10 → 5 → 2 → 1: the split's requests that held them
    });
    expect(rows.find((r) => r.id === '104')!['reason text']).toMatch(/^Not a member of the group\. Only members/);
    expect(rows.find((r) => r.id === '111')).toMatchObject({ status: 'skipped', 'reason code': 'skipped:bot' });

    // item 1: the reason texts in the window's language; headers, codes and statuses stay as they are.
    const pseudo = createTranslator('en-XA');
    const translated = await dispatch('runExportCsv', { runId, language: 'en-XA' });
    const translatedRows = Papa.parse<Record<string, string>>((translated as { value: { csv: string } }).value.csv, { header: true }).data;
    expect(Object.keys(translatedRows[0]!)).toEqual(Object.keys(rows[0]!));
    expect(translatedRows.find((r) => r.id === '104')).toMatchObject({ status: 'notMember', 'reason code': 'USER_NOT_PARTICIPANT' });
    expect(translatedRows.find((r) => r.id === '104')!['reason text']).toContain(pseudo.t('errors.USER_NOT_PARTICIPANT.meaning'));
    expect(translatedRows.find((r) => r.id === '111')!['reason text']).toBe(pseudo.t('main.export.skipped.bot'));
    expect(rows.find((r) => r.id === '111')!['reason text']).toBe('Bots can’t join group calls.');

    const link = await dispatch('inviteExportLink', { callId: CALL_ID, role: 'speaker' });
    expect(link).toMatchObject({ ok: true, value: { link: 'https://t.me/test_group?videochat=abc' } });

    const added = await dispatch('inviteAddToGroup', { runId, personIds: ['104'] });
    expect(added.ok).toBe(true);
  });

  it('refusals cross as catalogued errors: a call problem, an unknown run, a second active run', async () => {
    const gateway = new FakeGateway({ people: ids(3) });
    gateway.call = { ...gateway.call, state: 'ended', warnings: ['ended'] };
    const { dispatch } = setup(gateway);
    expect(await dispatch('inviteStart', { callId: CALL_ID, personIds: ids(3) })).toMatchObject({ ok: false, error: { code: 'GROUPCALL_FORBIDDEN' } });
    expect(await dispatch('runGet', { runId: 'run-missing' })).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
    expect(await dispatch('inviteCancel', { runId: 'run-missing' })).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
  });

  it('escapes cells a spreadsheet would run as formulas', async () => {
    const gateway = new FakeGateway({ people: ids(1) });
    gateway.people = async (wanted) => wanted.map((id) => ({ id, name: '=HYPERLINK("http://x")', username: null, phone: null, kind: 'user' as const, isContact: false }));
    const { engine, dispatch } = setup(gateway);
    const run = await engine.start(CALL_ID, ids(1));
    await engine.settled(run.run.id);
    const exported = (await dispatch('runExportCsv', { runId: run.run.id })) as { value: { csv: string } };
    expect(exported.value.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
