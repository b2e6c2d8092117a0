// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { settings } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { english as t } from '../../../../shared/i18n/english';
import { checkCredentials } from './settingsSlice';
import { rememberLanguage, rememberedLanguage } from '../../i18n/rememberedLanguage';

const HASH = '0123456789abcdef0123456789ABCDEF';

beforeEach(freshStore);

describe('checkCredentials', () => {
  it('item 8: accepts a whole api_id and a 32-hex api_hash, spaces around them included', () => {
    expect(checkCredentials(' 12345 ', ` ${HASH} `, t)).toEqual({});
  });

  it('item 8: puts each mistake on its own field, in words that name the field', () => {
    const errors = checkCredentials('12a45', 'not-a-hash', t);
    expect(errors.apiId).toEqual({ code: 'CREDENTIALS_INVALID', message: 'api_id: “12a45” is not a whole number' });
    expect(errors.apiHash?.code).toBe('CREDENTIALS_INVALID');
    expect(errors.apiHash?.message).toBe('api_hash: must be 32 characters of 0-9 and a-f');
    expect(checkCredentials('0', HASH, t)).toEqual({ apiId: { code: 'CREDENTIALS_INVALID', message: 'api_id: must be a whole number from 1 to 2,147,483,647' } });
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
    expect(await useStore.getState().saveCredentials('abc', HASH, t)).toBe(false);
    expect(fake.requests).toEqual([]);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiId']);
  });

  it('item 8: saveCredentials sends the trimmed numbers and confirms the save', async () => {
    const saved = settings({ apiId: 12345, apiHashSet: true, credentialsSource: 'settings' });
    const release = fake.hold('settingsSetCredentials');
    const saving = useStore.getState().saveCredentials(' 12345 ', ` ${HASH}\n`, t);
    expect(useStore.getState().settingsPending).toBe('save');
    release(okResult(saved));
    expect(await saving).toBe(true);
    expect(fake.sent('settingsSetCredentials')).toEqual([{ apiId: 12345, apiHash: HASH }]);
    expect(useStore.getState()).toMatchObject({ settings: saved, settingsPending: null, settingsSaved: 'saved', credentialErrors: {} });
  });

  it('item 8: the main process’s refusal lands on the field it names, else on the form', async () => {
    fake.answer('settingsSetCredentials', () => failResult('API_ID_INVALID', 'Telegram refused this api_hash'));
    expect(await useStore.getState().saveCredentials('12345', HASH, t)).toBe(false);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiHash']);
    fake.answer('settingsSetCredentials', () => failResult('API_ID_INVALID', 'Telegram refused this api_id'));
    await useStore.getState().saveCredentials('12345', HASH, t);
    expect(Object.keys(useStore.getState().credentialErrors)).toEqual(['apiId']);
    fake.answer('settingsSetCredentials', () => failResult('STORAGE_FAILED', 'disk full'));
    await useStore.getState().saveCredentials('12345', HASH, t);
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
    await useStore.getState().savePacing({ batchSize: 11, inFlight: 2, perHourCeiling: 200 }, t);
    expect(fake.requests).toEqual([]);
    expect(useStore.getState().pacingError?.code).toBe('INVALID_REQUEST');
    expect(useStore.getState().pacingError?.message).toBe('People per request: a whole number from 1 to 10');
  });

  it('item 8: savePacing sends the pacing and confirms, or keeps the error', async () => {
    const paced = settings({ batchSize: 5, inFlight: 1, perHourCeiling: 100 });
    fake.answer('settingsSetPacing', () => okResult(paced));
    await useStore.getState().savePacing({ batchSize: 5, inFlight: 1, perHourCeiling: 100 }, t);
    expect(fake.sent('settingsSetPacing')).toEqual([{ batchSize: 5, inFlight: 1, perHourCeiling: 100 }]);
    expect(useStore.getState()).toMatchObject({ settings: paced, settingsSaved: 'pacing', pacingError: null, settingsPending: null });
    fake.answer('settingsSetPacing', () => failResult('STORAGE_FAILED'));
    await useStore.getState().savePacing({ batchSize: 5, inFlight: 1, perHourCeiling: 100 }, t);
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

  it('item 2: saveLanguage sends the choice, makes it the window\'s language and keeps it on this computer', async () => {
    localStorage.clear();
    fake.answer('settingsSetLanguage', ({ language }) => okResult(settings({ language })));
    await useStore.getState().saveLanguage('ru');
    expect(fake.sent('settingsSetLanguage')).toEqual([{ language: 'ru' }]);
    expect(useStore.getState()).toMatchObject({ settings: { language: 'ru' }, chosenLanguage: 'ru', languageError: null });
    expect(rememberedLanguage()).toBe('ru');

    await useStore.getState().saveLanguage(null);
    expect(useStore.getState().chosenLanguage).toBeNull();
    expect(rememberedLanguage()).toBeNull();
  });

  it('item 2: a refused language change keeps the language shown and says why', async () => {
    useStore.setState({ settings: settings({ language: 'es' }), chosenLanguage: 'es' });
    fake.answer('settingsSetLanguage', () => failResult('STORAGE_FAILED'));
    await useStore.getState().saveLanguage('ar');
    expect(useStore.getState()).toMatchObject({ chosenLanguage: 'es', settings: { language: 'es' }, languageError: { code: 'STORAGE_FAILED' } });
  });

  it('item 2: the settings, once they arrive, decide the language and replace the one remembered here', async () => {
    rememberLanguage('fa');
    fake.answer('settingsGet', () => okResult(settings({ language: 'id' })));
    await useStore.getState().loadSettings();
    expect(useStore.getState().chosenLanguage).toBe('id');
    expect(rememberedLanguage()).toBe('id');
  });
});
