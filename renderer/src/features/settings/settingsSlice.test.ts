// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { settings } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { checkCredentials } from './settingsSlice';

const HASH = '0123456789abcdef0123456789ABCDEF';

beforeEach(freshStore);

describe('checkCredentials', () => {
  it('item 8: accepts a whole api_id and a 32-hex api_hash, spaces around them included', () => {
    expect(checkCredentials(' 12345 ', ` ${HASH} `)).toEqual({});
  });

  it('item 8: puts each mistake on its own field, in words that name the field', () => {
    const errors = checkCredentials('12a45', 'not-a-hash');
    expect(errors.apiId).toEqual({ code: 'CREDENTIALS_INVALID', message: 'api_id: “12a45” is not a whole number' });
    expect(errors.apiHash?.code).toBe('CREDENTIALS_INVALID');
    expect(errors.apiHash?.message).toMatch(/^api_hash: must be 32 characters of 0-9 and a-f/);
    expect(Object.keys(checkCredentials('0', HASH))).toEqual(['apiId']);
  });
});

describe('settingsSlice', () => {
  it('item 8: loadSettings shows the settings, or keeps the error', async () => {
    fake.answer('settingsGet', () => okResult(settings()));
    await useStore.getState().loadSettings();
    expect(useStore.getState().settings).toEqual(settings());
    fake.answer('settingsGet', () => failResult('STORAGE_FAILED'));
    await useStore.getState().loadSettings();
    expect(useStore.getState()).toMatchObject({ settings: settings(), settingsLoadError: { code: 'STORAGE_FAILED' } });
  });

  it('item 8: saveCredentials with a typo sends nothing and says which field is wrong', async () => {
    expect(await useStore.getState().saveCredentials('abc', HASH)).toBe(false);
    expect(fake.requests).toEqual([]);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiId']);
  });

  it('item 8: saveCredentials sends the trimmed numbers and confirms the save', async () => {
    const saved = settings({ apiId: 12345, apiHashSet: true, credentialsSource: 'settings' });
    const release = fake.hold('settingsSetCredentials');
    const saving = useStore.getState().saveCredentials(' 12345 ', ` ${HASH}\n`);
    expect(useStore.getState().settingsPending).toBe('save');
    release(okResult(saved));
    expect(await saving).toBe(true);
    expect(fake.sent('settingsSetCredentials')).toEqual([{ apiId: 12345, apiHash: HASH }]);
    expect(useStore.getState()).toMatchObject({ settings: saved, settingsPending: null, settingsSaved: 'saved', credentialErrors: {} });
  });

  it('item 8: the main process’s refusal lands on the field it names, else on the form', async () => {
    fake.answer('settingsSetCredentials', () => failResult('API_ID_INVALID', 'Telegram refused this api_hash'));
    expect(await useStore.getState().saveCredentials('12345', HASH)).toBe(false);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiHash']);
    fake.answer('settingsSetCredentials', () => failResult('API_ID_INVALID', 'Telegram refused this api_id'));
    await useStore.getState().saveCredentials('12345', HASH);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiId']);
    fake.answer('settingsSetCredentials', () => failResult('STORAGE_FAILED', 'disk full'));
    await useStore.getState().saveCredentials('12345', HASH);
    expect(useStore.getState().credentialErrors).toEqual({ form: { code: 'STORAGE_FAILED', message: 'disk full' } });
  });

  it('item 8: clearCredentials clears them and confirms, or shows the error on the form', async () => {
    fake.answer('settingsClearCredentials', () => okResult(settings()));
    await useStore.getState().clearCredentials();
    expect(fake.sent('settingsClearCredentials')).toEqual([{}]);
    expect(useStore.getState()).toMatchObject({ settingsSaved: 'cleared', settingsPending: null });
    fake.answer('settingsClearCredentials', () => failResult('STORAGE_FAILED'));
    await useStore.getState().clearCredentials();
    expect(useStore.getState()).toMatchObject({ settingsSaved: null, credentialErrors: { form: { code: 'STORAGE_FAILED' } } });
  });

  it('item 8: savePacing refuses values out of range before sending, naming the field', async () => {
    await useStore.getState().savePacing({ batchSize: 11, inFlight: 2, perHourCeiling: 200 });
    expect(fake.requests).toEqual([]);
    expect(useStore.getState().pacingError?.code).toBe('INVALID_REQUEST');
    expect(useStore.getState().pacingError?.message).toMatch(/^batchSize: /);
  });

  it('item 8: savePacing sends the pacing and confirms, or keeps the error', async () => {
    const paced = settings({ batchSize: 5, inFlight: 1, perHourCeiling: 100 });
    fake.answer('settingsSetPacing', () => okResult(paced));
    await useStore.getState().savePacing({ batchSize: 5, inFlight: 1, perHourCeiling: 100 });
    expect(fake.sent('settingsSetPacing')).toEqual([{ batchSize: 5, inFlight: 1, perHourCeiling: 100 }]);
    expect(useStore.getState()).toMatchObject({ settings: paced, settingsSaved: 'pacing', pacingError: null, settingsPending: null });
    fake.answer('settingsSetPacing', () => failResult('STORAGE_FAILED'));
    await useStore.getState().savePacing({ batchSize: 5, inFlight: 1, perHourCeiling: 100 });
    expect(useStore.getState()).toMatchObject({ pacingError: { code: 'STORAGE_FAILED' }, settingsPending: null });
  });

  it('item 8: saveUpdateChecks sends the switch and shows the settings, or keeps the error', async () => {
    fake.answer('settingsSetUpdates', ({ checkForUpdates }) => okResult(settings({ checkForUpdates })));
    await useStore.getState().saveUpdateChecks(false);
    expect(fake.sent('settingsSetUpdates')).toEqual([{ checkForUpdates: false }]);
    expect(useStore.getState().settings?.checkForUpdates).toBe(false);
    fake.answer('settingsSetUpdates', () => failResult('STORAGE_FAILED'));
    await useStore.getState().saveUpdateChecks(true);
    expect(useStore.getState()).toMatchObject({ settings: { checkForUpdates: false }, updateChecksError: { code: 'STORAGE_FAILED' } });
  });
});
