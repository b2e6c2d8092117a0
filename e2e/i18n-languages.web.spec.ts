// Issue 13's must-show: the whole invite flow in Russian and in Arabic, the browser set to that
// language as an organiser's OS would be. Elements are found by role and their translated names
// (taken from the language's catalogue, so a key shown in English or a placeholder gone wrong
// fails); the Arabic page is right to left, and its picker, chips and run list read that way.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { IDS } from '../sandbox/src/index';
import type { UiLocale } from '../shared/i18n/locales';
import { expectNoLayoutProblems, expectReadsRightToLeft } from './support/layout';
import { wordsFor, type Words } from './support/words';
import { callOf, deliveries, expect, selectWithKeyboard, test } from './support/workflow';

const CHAT = 'Rust Meetup Berlin';
const CALL = `${CHAT} — Monthly meetup`;
const PEOPLE = 14;

const LANGUAGES: { name: string; language: UiLocale; browser: string; dir: 'ltr' | 'rtl'; sample: RegExp }[] = [
  { name: 'Russian', language: 'ru', browser: 'ru-RU', dir: 'ltr', sample: /[а-яё]/i },
  // ar-EG writes its numbers in Arabic-Indic digits (٢٥): the counts must come through Intl.
  { name: 'Arabic', language: 'ar', browser: 'ar-EG', dir: 'rtl', sample: /[\u0600-\u06ff]/ },
];

for (const { name, language, browser, dir, sample } of LANGUAGES) {
  test.describe(`in ${name}`, () => {
    test.use({ locale: browser });

    test(`item 2: the whole invite flow in ${name}, by role and translated name${dir === 'rtl' ? ', laid out right to left' : ''}`, async ({ page, app, sandbox }) => {
      test.setTimeout(90_000);
      const w = wordsFor(language, browser);
      const html = page.locator('html');

      // The OS's language is followed without asking.
      await page.goto(app.url);
      await expect(html).toHaveAttribute('lang', language);
      await expect(html).toHaveAttribute('dir', dir);
      await expect(page.getByText(w.t('app.tagline'))).toBeVisible();
      expect(w.t('app.tagline')).toMatch(sample);

      await page.getByRole('button', { name: w.t('auth.welcome.sandbox.explore') }).click();
      await expect(page.getByRole('note', { name: w.t('auth.sandbox.label') })).toBeVisible();
      await expect(page.getByRole('heading', { name: w.t('calls.list.heading') })).toBeVisible();
      const calls = page.getByRole('list', { name: w.t('calls.list.label') });
      await calls.getByRole('button', { name: w.t('calls.card.choose', { call: CALL }) }).click();
      await expect(page.getByRole('heading', { name: w.t('picker.header.heading', { call: CALL }) })).toBeVisible();

      // The picker: members of the chat, filtered and chosen with the keyboard.
      await expect(page.getByRole('tab', { name: new RegExp(`^${escape(w.t('picker.source.members', { chat: CHAT }))}`) })).toHaveAttribute('aria-selected', 'true');
      const list = page.getByRole('listbox');
      await expect(list.getByRole('option').first()).toBeVisible();
      await selectWithKeyboard(page, 'berg', PEOPLE, page.getByRole('searchbox', { name: w.t('picker.filter.label') }));
      await expect(page.getByRole('status').filter({ hasText: w.t('picker.selection.count', { count: PEOPLE }) })).toBeVisible();
      const chips = page.getByRole('list', { name: w.t('picker.selection.chips') }).getByRole('listitem');
      await expect(chips).toHaveCount(12);
      await expect(page.getByText(w.t('picker.selection.more', { count: PEOPLE - 12 }))).toBeVisible();
      const firstName = (await chips.first().locator('.chip__name').textContent())!.trim();
      await expect(page.getByRole('button', { name: w.t('picker.selection.remove', { name: firstName }) })).toBeVisible();

      if (dir === 'rtl') {
        // The list beside the selection, each row and the chips all start at the right.
        await expectReadsRightToLeft([list, page.getByRole('complementary', { name: w.t('picker.selection.heading') })]);
        const row = list.getByRole('option').first();
        await expectReadsRightToLeft([row.locator('.person-row__check'), row.locator('.avatar'), row.locator('.person-row__name')]);
        await expectReadsRightToLeft(chips);
      }
      await expectNoLayoutProblems(page, `${name} picker`);

      // Invite them; the run finishes and every row says so in the language.
      await page.getByRole('button', { name: w.t('picker.selection.invite', { count: PEOPLE }) }).click();
      await expect(page.getByRole('heading', { name: w.t('runs.run.heading', { call: CALL }) })).toBeVisible();
      const finished = w.t('runs.progress.lineWithRequests', { state: w.t('runs.state.done'), done: PEOPLE, total: PEOPLE, batch: 2, batches: 2 });
      await expect(page.getByRole('status').filter({ hasText: finished })).toHaveText(finished);
      await expect(page.getByRole('list', { name: w.t('runs.summary.label') }).getByRole('listitem')).toHaveText([w.t('runs.summary.invited', { count: PEOPLE })]);
      await expect(page.getByRole('progressbar', { name: w.t('runs.progress.label') })).toHaveAttribute('value', String(PEOPLE));
      const rows = page.getByRole('list', { name: w.t('runs.list.label') }).getByRole('listitem');
      await expect(rows).toHaveCount(PEOPLE);
      await expect(rows.first()).toContainText(w.t('runs.status.invited'));
      if (dir === 'rtl') {
        const first = rows.first();
        await expectReadsRightToLeft([first.locator('.run-row__who'), first.getByText(w.t('runs.status.invited'), { exact: true })]);
      }
      await expectNoLayoutProblems(page, `${name} finished run`);

      // The sandbox agrees: each of them invited once.
      const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
      expect(counts.size).toBe(PEOPLE);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);

      // The CSV explains in the language too (its column names stay machine-readable).
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: w.t('runs.run.exportCsv') }).click();
      const csv = readFileSync((await (await download).path())!, 'utf8').trim().split(/\r?\n/);
      expect(csv).toHaveLength(PEOPLE + 1);
      expect(csv[0]).toMatch(/^name,username,id,status/);

      // The history lists the run in the language.
      await openHistory(page, w);
      const history = page.getByRole('table');
      await expect(history.getByRole('row')).toHaveCount(2);
      await expect(history.getByRole('row').nth(1)).toContainText(w.t('runs.state.done'));
    });
  });
}

async function openHistory(page: Page, w: Words): Promise<void> {
  await page.getByRole('navigation', { name: w.t('shell.nav.label') }).getByRole('button', { name: w.t('shell.nav.history') }).click();
  await expect(page.getByRole('heading', { name: w.t('runs.history.heading') })).toBeVisible();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
