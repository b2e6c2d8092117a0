// Issue 13, item 2: Settings › Language applies at once (no reload) and is kept: after a reload
// the first paint is already in the chosen language, before the settings arrive from the core.
// Names are computed from the catalogues, so the spec holds as the translations arrive.
import type { Page } from '@playwright/test';
import { createTranslator } from '../shared/i18n/translate';
import { expect, exploreSandbox, test } from './support/workflow';

const en = createTranslator('en');
const ru = createTranslator('ru');

test.use({ locale: 'en-US' });

/**
 * Every value a script gives <html lang>, from the page's first script on (index.html's own "en"
 * is not one). The document is observed, as <html> doesn't exist yet when this runs.
 */
async function recordLanguages(page: Page): Promise<void> {
  // A string, not a function: this file is type-checked without the DOM's types.
  await page.addInitScript(`
    window.languagesSeen = [];
    new MutationObserver((records) => {
      for (const record of records) window.languagesSeen.push(record.target.lang);
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['lang'] });
  `);
}
const languagesSeen = (page: Page): Promise<string[]> => page.evaluate('window.languagesSeen');

async function openSettings(page: Page, t: typeof en): Promise<void> {
  await page.getByRole('navigation', { name: t.t('shell.nav.label') }).getByRole('button', { name: t.t('shell.nav.settings') }).click();
  await expect(page.getByRole('heading', { name: t.t('settings.heading'), level: 2 })).toBeVisible();
}

test('item 2: switching to Russian applies at once and is kept after a reload; following the system again brings English back', async ({ page, app }) => {
  await recordLanguages(page);
  await exploreSandbox(page, app);
  await openSettings(page, en);

  const language = page.getByRole('combobox', { name: en.t('settings.language.label') });
  await expect(language).toHaveValue('');
  await expect(language.locator('option:checked')).toHaveText('Follow the system (English)');
  await expect(language.getByRole('option', { name: 'Русский' })).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('combobox', { name: 'Country of numbers without a country code' }).getByRole('option', { name: /^Germany \(\+49\)/ })).toHaveCount(1);

  await language.selectOption('ru');
  // At once, in the same page: the document's language, the words, and Intl's country names.
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const chosen = page.getByRole('combobox', { name: ru.t('settings.language.label') });
  await expect(chosen).toHaveValue('ru');
  await expect(page.getByRole('button', { name: ru.t('shell.nav.settings') })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('combobox', { name: ru.t('settings.phone.region.label') }).getByRole('option', { name: /^Германия \(\+49\)/ })).toHaveCount(1);
  expect((await app.core.handlers.settingsGet({})).language).toBe('ru');

  // Kept: after a reload the page never shows English first.
  await page.reload();
  await expect(page.getByRole('navigation', { name: ru.t('shell.nav.label') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const afterChoice = await languagesSeen(page);
  expect(afterChoice[0]).toBe('ru');
  expect(afterChoice).not.toContain('en');
  await openSettings(page, ru);
  await expect(page.getByRole('combobox', { name: ru.t('settings.language.label') })).toHaveValue('ru');

  // Back to the system's language (the browser's here: en-US).
  await page.getByRole('combobox', { name: ru.t('settings.language.label') }).selectOption('');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('combobox', { name: 'Country of numbers without a country code' }).getByRole('option', { name: /^Germany \(\+49\)/ })).toHaveCount(1);
  expect((await app.core.handlers.settingsGet({})).language).toBeNull();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const afterSystem = await languagesSeen(page);
  expect(afterSystem[0]).toBe('en');
  expect(afterSystem).not.toContain('ru');
});
