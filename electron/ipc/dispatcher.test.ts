// Every channel refuses malformed payloads with a typed error before its handler runs.
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';
import { invokeContract, type RequestOf } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { createDispatcher, createEventSink, type Handlers } from './dispatcher';

/** One valid request per channel; typed, so a new channel fails to compile until it is listed. */
const VALID_REQUESTS: { [K in InvokeChannel]: RequestOf<K> } = {
  appInfo: {},
  settingsGet: {},
  settingsSetCredentials: { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' },
  settingsClearCredentials: {},
  settingsSetPacing: { batchSize: 10, inFlight: 2, perHourCeiling: 200 },
  settingsSetUpdates: { checkForUpdates: false },
  settingsSetLanguage: { language: 'ru' },
  updateRestart: {},
  authState: {},
  authExploreSandbox: {},
  authSelectTarget: { target: 'telegram' },
  authSendCode: { phone: '+99966 2 1234' },
  authSubmitCode: { code: '22222' },
  authSubmitPassword: { password: 'hunter2' },
  authStartQr: {},
  sandboxScanQr: {},
  authCancel: {},
  authSignOut: {},
  callsList: {},
  callsResolveLink: { link: 'https://t.me/rollcall_demo?videochat' },
  peopleStreamStart: { streamId: 'picker-1', from: { source: 'members', callId: '1001' } },
  peopleStreamStop: { streamId: 'picker-1' },
  peopleParticipants: { callId: '1001', offset: '0', limit: 100 },
  peopleSearch: { query: 'ali' },
  peopleResolveList: { text: '@alice\n+999662000001' },
  invitePlan: { callId: '1001', personIds: ['1', '2'] },
  inviteStart: { callId: '1001', personIds: ['1', '2'] },
  inviteCancel: { runId: 'run-1' },
  inviteRetry: { runId: 'run-1', personIds: null },
  inviteAddToGroup: { runId: 'run-1', personIds: ['3'] },
  inviteExportLink: { callId: '1001', role: 'listener' },
  inviteResume: { runId: 'run-1' },
  inviteFloodAnswer: { runId: 'run-1', answer: 'wait' },
  runsList: {},
  runsInterrupted: {},
  runGet: { runId: 'run-1' },
  runExportCsv: { runId: 'run-1' },
  plannedList: {},
  plannedCreate: { callId: '9001', personIds: ['101'] },
  plannedUpdate: { planId: 'plan-1', personIds: ['101'] },
  plannedCancel: { planId: 'plan-1' },
  plannedSendNow: { planId: 'plan-1' },
  audiencesList: {},
  audienceOpen: { audienceId: 'a1', callId: '1' },
  audienceSave: { name: 'Regulars', sources: [{ kind: 'run', runId: 'run-1', group: 'invited' }] },
  audienceRename: { audienceId: 'a1', name: 'Tuesday' },
  audienceUpdate: { audienceId: 'a1', removeIds: ['5'], add: [] },
  audienceDelete: { audienceId: 'a1' },
  audienceExport: { audienceId: 'a1' },
  logRendererError: { source: 'error', message: 'x is not a function', stack: null },
  shellNoticesTake: {},
  shellCloseAnswer: { choice: 'background' },
};

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

function spyHandlers(): Handlers {
  const handlers: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) handlers[channel] = vi.fn(async () => ({}));
  return handlers as Handlers;
}

/** Malformed variants of a valid request: wrong types, missing and extra fields, huge strings, __proto__. */
function malformedVariants(valid: Record<string, unknown>): Array<[string, unknown]> {
  const variants: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', 'appInfo'],
    ['an array', [valid]],
    ['undefined', undefined],
    ['an extra field', { ...valid, extra: true }],
    ['an extra 10 MB string', { ...valid, note: TEN_MB }],
    ['a __proto__ key', { ...JSON.parse('{"__proto__": {"polluted": true}}'), ...valid }],
    ['a constructor key', { ...valid, constructor: { prototype: { polluted: true } } }],
  ];
  for (const [key, value] of Object.entries(valid)) {
    const { [key]: _omitted, ...rest } = valid;
    variants.push([`${key} missing`, rest]);
    variants.push([`${key} of the wrong type`, { ...valid, [key]: typeof value === 'string' || value === null ? 12345 : 'wrong' }]);
    if (typeof value === 'string') variants.push([`${key} as a 10 MB string`, { ...valid, [key]: TEN_MB }]);
    if (Array.isArray(value)) {
      variants.push([`${key} with a 10 MB element`, { ...valid, [key]: [TEN_MB] }]);
      variants.push([`${key} with a non-string element`, { ...valid, [key]: [{ id: 1 }] }]);
    }
  }
  return variants;
}

describe('dispatcher', () => {
  for (const channel of INVOKE_CHANNELS) {
    const variants = malformedVariants(VALID_REQUESTS[channel] as Record<string, unknown>);
    it.each(variants)(`${channel}: refuses %s without calling the handler`, async (_name, payload) => {
      const handlers = spyHandlers();
      const result = await createDispatcher(handlers)(channel, payload);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('INVALID_REQUEST');
      expect(result.error.message.startsWith(`${channel}: `)).toBe(true);
      expect(result.error.message.length).toBeLessThanOrEqual(500 + channel.length + 2);
      expect(handlers[channel]).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`item 9: ${channel}: passes the validated request to its handler`, async () => {
      const handlers = spyHandlers();
      const payload = structuredClone(VALID_REQUESTS[channel]);
      // The spy's empty reply is refused on the way back (INTERNAL); the request was accepted.
      const result = await createDispatcher(handlers, { logError: () => {} })(channel, payload);
      expect(result.ok || result.error.code).not.toBe('INVALID_REQUEST');
      expect(handlers[channel]).toHaveBeenCalledTimes(1);
      // What the schema parsed, as a copy: never the caller's own object.
      const received = vi.mocked(handlers[channel]).mock.calls[0]![0];
      expect(received).toEqual(invokeContract[channel].request.parse(VALID_REQUESTS[channel]));
      expect(received).not.toBe(payload);
    });
  }

  it('item 9: the handler gets the values that were validated, not a second read of the caller\'s object', async () => {
    const handlers = spyHandlers();
    let reads = 0;
    // Valid when checked, something else if read again: only a copy keeps the checked value.
    const payload = {
      get runId(): unknown {
        reads += 1;
        return reads === 1 ? 'run-1' : { toString: () => '../../etc' };
      },
    };
    await createDispatcher(handlers, { logError: () => {} })('inviteCancel', payload);
    expect(handlers.inviteCancel).toHaveBeenCalledWith({ runId: 'run-1' });
    expect(reads).toBe(1);
  });

  it('item 2: a language Rollcall doesn\'t ship is refused, for Settings and for the run export', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatcher(handlers, { logError: () => {} });
    for (const language of ['de', 'en-XA', 'RU', 'ru\u0000', '']) {
      expect(await dispatch('settingsSetLanguage', { language })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await dispatch('runExportCsv', { runId: 'run-1', language: 'xx' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(handlers.settingsSetLanguage).not.toHaveBeenCalled();
    expect(handlers.runExportCsv).not.toHaveBeenCalled();

    await dispatch('settingsSetLanguage', { language: null });
    expect(handlers.settingsSetLanguage).toHaveBeenCalledWith({ language: null });
    await dispatch('runExportCsv', { runId: 'run-1', language: 'en-XA' });
    expect(handlers.runExportCsv).toHaveBeenCalledWith({ runId: 'run-1', language: 'en-XA' });
  });

  it('refuses an unknown channel', async () => {
    const result = await createDispatcher(spyHandlers())('__proto__', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('turns an AppError into its catalogued code and an unexpected throw into INTERNAL', async () => {
    const handlers = spyHandlers();
    const logError = vi.fn();
    vi.mocked(handlers.appInfo).mockRejectedValueOnce(new AppError('BACKEND_UNREACHABLE', 'down'));
    expect(await createDispatcher(handlers, { logError })('appInfo', {})).toEqual({
      ok: false,
      error: { code: 'BACKEND_UNREACHABLE', message: 'down' },
    });
    vi.mocked(handlers.appInfo).mockRejectedValueOnce(new Error('secret detail'));
    const result = await createDispatcher(handlers, { logError })('appInfo', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret detail');
    expect(logError).toHaveBeenCalledTimes(1);
  });

  it('catches a reply that breaks the contract', async () => {
    const handlers = spyHandlers();
    const logError = vi.fn();
    const result = await createDispatcher(handlers, { logError })('appInfo', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logError).toHaveBeenCalledTimes(1);
  });

  const APP_INFO = {
    name: 'Rollcall',
    version: '1.0.0',
    runtime: 'electron',
    versions: { node: '22', electron: '45', chrome: '140' },
    backend: { target: 'telegram', credentials: 'settings', state: 'ready' },
  } as const;

  it('item 8: a reply with an extra field (an access hash) never reaches the renderer', async () => {
    const handlers = spyHandlers();
    const logError = vi.fn();
    vi.mocked(handlers.appInfo).mockResolvedValueOnce({ ...APP_INFO, accessHash: '-4242424242' } as never);
    const result = await createDispatcher(handlers, { logError })('appInfo', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('4242424242');
    expect(logError).toHaveBeenCalledTimes(1);
    expect(String(logError.mock.calls[0]![0])).toContain('accessHash');

    vi.mocked(handlers.appInfo).mockResolvedValueOnce({ ...APP_INFO, backend: { ...APP_INFO.backend, accessHash: '1' } } as never);
    expect(await createDispatcher(handlers, { logError })('appInfo', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    vi.mocked(handlers.appInfo).mockResolvedValueOnce(APP_INFO);
    expect(await createDispatcher(handlers, { logError })('appInfo', {})).toEqual({ ok: true, value: APP_INFO });
  });

  it('item 8: an event with an extra field is dropped and logged, never sent', () => {
    const send = vi.fn();
    const logError = vi.fn();
    const emit = createEventSink(send, { logError });
    emit('backendStatus', { ...APP_INFO.backend, accessHash: '-4242424242' } as never);
    expect(send).not.toHaveBeenCalled();
    expect(logError).toHaveBeenCalledTimes(1);
    emit('backendStatus', APP_INFO.backend);
    expect(send).toHaveBeenCalledWith('backendStatus', APP_INFO.backend);
  });
});
