// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, render as renderInDom, screen, within } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { ChosenLanguage } from '../../i18n/ChosenLanguage';
import { createTranslator } from '../../../../shared/i18n/translate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { settings } from '../../testSupport/fixtures';
import { okResult } from '../../testSupport/fakeBridge';
import { describedError } from '../../testSupport/describedError';
import { freshStore } from '../../testSupport/freshStore';
import { SettingsScreen } from './SettingsScreen';

const HASH = '0123456789abcdef0123456789abcdef';

beforeEach(() => {
  freshStore();
  localStorage.clear();
  useStore.setState({ settings: settings() });
});
afterEach(cleanup);

describe('SettingsScreen', () => {
  it('item 8: a typo in api_id is shown on that field and nothing is sent', async () => {
    render(<SettingsScreen />);
    fireEvent.change(screen.getByRole('textbox', { name: 'api_id' }), { target: { value: '12a' } });
    fireEvent.change(screen.getByLabelText('api_hash'), { target: { value: HASH } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save credentials' })));
    const apiId = screen.getByRole('textbox', { name: 'api_id' });
    expect(apiId.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(apiId)?.textContent).toContain('api_id: “12a” is not a whole number');
    expect(describedError(screen.getByLabelText('api_hash'))).toBeUndefined();
    expect(fake.requests).toEqual([]);
  });

  it('item 8: saved credentials are confirmed and the api_hash field is emptied', async () => {
    fake.answer('settingsSetCredentials', ({ apiId }) => okResult(settings({ apiId, apiHashSet: true, credentialsSource: 'settings' })));
    render(<SettingsScreen />);
    fireEvent.change(screen.getByRole('textbox', { name: 'api_id' }), { target: { value: '12345' } });
    fireEvent.change(screen.getByLabelText('api_hash'), { target: { value: HASH } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save credentials' })));
    expect(fake.sent('settingsSetCredentials')).toEqual([{ apiId: 12345, apiHash: HASH }]);
    expect(screen.getByText('Saved.').getAttribute('role')).toBe('status');
    expect(screen.getByLabelText('api_hash')).toHaveProperty('value', '');
    expect(screen.getByRole('button', { name: 'Remove saved credentials' })).toHaveProperty('disabled', false);
  });

  it('item 8: pacing is sent as numbers and confirmed', async () => {
    fake.answer('settingsSetPacing', (pacing) => okResult(settings(pacing)));
    render(<SettingsScreen />);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'People per request' }), { target: { value: '5' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save pacing' })));
    expect(fake.sent('settingsSetPacing')).toEqual([{ batchSize: 5, inFlight: 2, perHourCeiling: 200 }]);
    expect(screen.getByText('Pacing saved.')).toBeTruthy();
  });

  it('item 8: the updates switch sends its new position', async () => {
    fake.answer('settingsSetUpdates', ({ checkForUpdates }) => okResult(settings({ checkForUpdates })));
    render(<SettingsScreen />);
    const toggle = screen.getByRole('switch', { name: 'Check for updates' });
    await act(async () => fireEvent.click(toggle));
    expect(fake.sent('settingsSetUpdates')).toEqual([{ checkForUpdates: false }]);
    expect(toggle).toHaveProperty('checked', false);
  });

  it('item 8: the phone numbers’ country is chosen here and remembered', () => {
    render(<SettingsScreen />);
    const select = screen.getByRole('combobox', { name: 'Country of numbers without a country code' });
    fireEvent.change(select, { target: { value: 'DE' } });
    expect(useStore.getState().phoneRegion).toBe('DE');
    expect(localStorage.getItem('rollcall.phoneRegion')).toBe('DE');
    fireEvent.change(select, { target: { value: '' } });
    expect(useStore.getState().phoneRegion).toBeNull();
  });

  it('item 2: Language offers the system\'s language first, then each language by its own name', () => {
    render(<SettingsScreen />);
    const select = screen.getByRole('combobox', { name: 'Language' });
    const options = within(select).getAllByRole('option');
    // jsdom's navigator says en-US, so the system's language is English.
    expect(options[0]).toHaveProperty('textContent', 'Follow the system (English)');
    expect(options.slice(1).map((o) => [o.getAttribute('value'), o.getAttribute('lang'), o.textContent])).toEqual([
      ['en', 'en', 'English'],
      ['ru', 'ru', 'Русский'],
      ['es', 'es', 'Español'],
      ['pt-BR', 'pt-BR', 'Português (Brasil)'],
      ['ar', 'ar', 'العربية'],
      ['fa', 'fa', 'فارسی'],
      ['id', 'id', 'Indonesia'],
    ]);
    expect(select).toHaveProperty('value', '');
  });

  it('item 2: choosing a language saves it and the window speaks it at once', async () => {
    fake.answer('settingsSetLanguage', ({ language }) => okResult(settings({ language })));
    // As main.tsx does: the provider follows the store's chosen language.
    renderInDom(
      <ChosenLanguage>
        <SettingsScreen />
      </ChosenLanguage>,
    );
    expect(document.documentElement.lang).toBe('en');
    await act(async () => fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'ru' } }));
    expect(fake.sent('settingsSetLanguage')).toEqual([{ language: 'ru' }]);
    expect(document.documentElement.lang).toBe('ru');
    const ru = createTranslator('ru');
    const select = screen.getByRole('combobox', { name: ru.t('settings.language.label') });
    expect(select).toHaveProperty('value', 'ru');
    // Country names come from Intl in the window's language, so they change even before translators do.
    const region = screen.getByRole('combobox', { name: ru.t('settings.phone.region.label') });
    expect(within(region).getByRole('option', { name: /^Германия \(\+49\)/ })).toBeTruthy();

    await act(async () => fireEvent.change(select, { target: { value: '' } }));
    expect(fake.sent('settingsSetLanguage')).toEqual([{ language: 'ru' }, { language: null }]);
    expect(document.documentElement.lang).toBe('en');
    expect(within(screen.getByRole('combobox', { name: 'Country of numbers without a country code' })).getByRole('option', { name: /^Germany \(\+49\)/ })).toBeTruthy();
  });
});
