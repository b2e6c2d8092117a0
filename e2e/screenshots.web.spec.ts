// Screenshots of each main screen for docs/screenshots, against the sandbox. They change the
// repository, so they run only when asked: ROLLCALL_SCREENSHOTS=1 npx playwright test screenshots
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, expect, exploreSandbox, filterBox, pick, runStatus, selectWithKeyboard, test, waitForPeople } from './support/workflow';
import { wordsFor } from './support/words';

const DIR = join(__dirname, '../docs/screenshots');
const enabled = process.env.ROLLCALL_SCREENSHOTS === '1';

test.describe('screenshots', () => {
  test.skip(!enabled, 'set ROLLCALL_SCREENSHOTS=1 to refresh docs/screenshots');
  test.use({ viewport: { width: 1280, height: 820 } });

  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: join(DIR, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage });

  for (const scheme of ['light', 'dark'] as const) {
    test(`every main screen, ${scheme}`, async ({ page, app, sandbox }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      const suffix = scheme === 'dark' ? '-dark' : '';

      await page.goto(app.url);
      await expect(page.getByRole('status', { name: 'Backend status' })).toHaveText('Ready');
      await shot(page, `01-welcome${suffix}`);

      await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
      await page.getByRole('button', { name: 'Sign in with a QR code' }).click();
      await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
      await shot(page, `02-sign-in-qr${suffix}`);
      await page.getByRole('button', { name: 'Use a phone number instead' }).click();
      await page.getByRole('button', { name: '← Back' }).click();

      await exploreSandbox(page, app);
      await shot(page, `03-calls${suffix}`, true);

      await chooseCall(page, 'Rust Meetup Berlin');
      await waitForPeople(page);
      await pick(page, 'Alan Frost');
      await pick(page, 'Barbara Lin');
      await pick(page, 'Dennis Rowe');
      await page.getByRole('tab', { name: /^Contacts/ }).click();
      await waitForPeople(page);
      await pick(page, 'Mira Castell');
      await page.getByRole('tab', { name: /^Members of/ }).click();
      await selectWithKeyboard(page, 'berg', 8);
      await filterBox(page).fill('');
      await page.getByRole('listbox').focus();
      await shot(page, `04-picker${suffix}`);

      // Someone invited earlier from a phone, so the run shows every kind of outcome.
      const call = callOf(sandbox(), IDS.rustMeetup);
      sandbox().world.model.recordInvite(sandbox().world.model.call(call.id)!, IDS.ada, [IDS.barbara]);
      sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 3, windowSeconds: 8 } };
      await page.getByRole('button', { name: /^Invite \d+ people$/ }).click();
      await expect(page.getByText(/^Telegram asked to slow down: resuming in/)).toBeVisible({ timeout: 20_000 });
      await shot(page, `05-run-flood-wait${suffix}`);
      sandbox().controls.rateLimits = {};
      await expect(runStatus(page)).toHaveText(/^Finished/, { timeout: 30_000 });
      await page.getByRole('button', { name: 'Copy listener link' }).click();
      await expect(page.getByRole('textbox', { name: 'Listener link' })).toBeVisible();
      await shot(page, `06-run-finished${suffix}`);
      await page.getByRole('region', { name: 'Each person' }).scrollIntoViewIfNeeded();
      await page.getByRole('combobox', { name: 'Show' }).selectOption({ index: 1 });
      await page.getByRole('region', { name: 'Each person' }).screenshot({ path: join(DIR, `07-run-people${suffix}.png`) });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
      await expect(page.getByRole('table')).toBeVisible();
      await shot(page, `08-history${suffix}`);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();
      await chooseCall(page, 'Night Owls');
      await waitForPeople(page);
      await pick(page, 'Hedy Marsh');
      await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
      await shot(page, `09-joined-as-channel${suffix}`);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
      await shot(page, `10-settings${suffix}`);
    });
  }

  test('an audience as the picker\'s source', async ({ page, app }) => {
    await exploreSandbox(page, app);
    await app.core.handlers.audienceSave({ name: 'Tuesday meetup regulars', sources: [{ kind: 'pasted', text: '@linus_brook\n@rollcall_helper_bot' }] });
    await chooseCall(page, 'Rust Meetup Berlin');
    await waitForPeople(page);
    await selectWithKeyboard(page, 'costa', 4);
    await filterBox(page).fill('');
    const selection = page.getByRole('complementary', { name: 'Selected' });
    await selection.getByRole('button', { name: 'Save as audience' }).click();
    await selection.getByRole('textbox', { name: 'Audience name' }).fill('Costa family');
    await selection.getByRole('button', { name: 'Save audience' }).click();
    await expect(selection.getByRole('status').filter({ hasText: 'Saved “Costa family”: 4 people.' })).toBeVisible();
    await page.getByRole('tab', { name: 'Audiences' }).click();
    await page.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'Tuesday meetup regulars (2)' });
    await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(2);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '14-audiences');
  });

  test('a planned run for a scheduled call', async ({ page, app }) => {
    await exploreSandbox(page, app);
    await chooseCall(page, 'Board Games Night');
    await waitForPeople(page);
    for (const name of ['Barbara Lin', 'Dennis Rowe', 'Linus Brook', 'Tim Okafor']) await pick(page, name);
    await page.getByRole('button', { name: 'Invite when it starts (4 people)' }).click();
    await expect(page.getByRole('list', { name: 'Planned runs' })).toContainText('4 people invited when it starts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();
    await expect(page.getByRole('list', { name: 'Scheduled calls' })).toBeVisible();
    await shot(page, '16-planned-run', true);
  });

  test.describe('the run view with attendance and the charts', () => {
    // Half of the invited join over a minute and a half, a few leave again: the charts have something to show.
    test.use({ sandboxOptions: { controls: { attendance: { joinShare: 0.5, delayMs: [2000, 80_000], leaveShare: 0.15, uninvited: 0, seed: 3 } } } });

    test('light and dark', async ({ page, app, sandbox }) => {
      test.setTimeout(300_000);
      await exploreSandbox(page, app);
      await chooseCall(page, 'Rust Meetup Berlin');
      await waitForPeople(page);
      await pick(page, 'Barbara Lin');
      await page.getByRole('tab', { name: /^Contacts/ }).click();
      await waitForPeople(page);
      await pick(page, 'Mira Castell');
      await page.getByRole('tab', { name: /^Members of/ }).click();
      await selectWithKeyboard(page, 'duarte', 30);
      await filterBox(page).fill('');
      // Barbara was invited earlier from a phone; one invite request a minute, then a 20 s penalty:
      // the run waits three times, then the limit is lifted and it finishes.
      const call = callOf(sandbox(), IDS.rustMeetup);
      sandbox().world.model.recordInvite(sandbox().world.model.call(call.id)!, IDS.ada, [IDS.barbara]);
      sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 1, windowSeconds: 60, waitSeconds: 20 } };
      await page.getByRole('button', { name: 'Invite 32 people' }).click();
      await expect(page.getByText(/Telegram asked to wait 3 times/)).toBeVisible({ timeout: 120_000 });
      sandbox().controls.rateLimits = {};
      await expect(runStatus(page)).toHaveText(/^Finished/, { timeout: 60_000 });
      await expect.poll(() => sandbox().world.pendingAttendance(), { timeout: 120_000 }).toBe(0);
      await expect(page.getByRole('status').filter({ hasText: /^Joined / })).toBeVisible();
      await page.evaluate('window.scrollTo(0, 0)');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await shot(page, `13-run-attendance-charts${scheme === 'dark' ? '-dark' : ''}`);
      }
    });
  });

  // Issue 13's must-show: the picker and a finished run in Arabic (right to left) and Russian,
  // the browser set to the language as the organiser's OS would be.
  for (const { language, browser } of [{ language: 'ar', browser: 'ar-EG' }, { language: 'ru', browser: 'ru-RU' }] as const) {
    test.describe(`in ${language}`, () => {
      test.use({ locale: browser, sandboxOptions: { controls: { attendance: { joinShare: 0.6, delayMs: [500, 3000], leaveShare: 0, uninvited: 0, seed: 3 } } } });

      test(`the picker and a finished run (${language})`, async ({ page, app, sandbox }) => {
        test.setTimeout(120_000);
        const w = wordsFor(language, browser);
        await page.goto(app.url);
        await page.getByRole('button', { name: w.t('auth.welcome.sandbox.explore') }).click();
        await page.getByRole('button', { name: w.t('calls.card.choose', { call: 'Rust Meetup Berlin — Monthly meetup' }) }).click();
        const list = page.getByRole('listbox');
        await expect(list.getByRole('option').first()).toBeVisible();
        const filter = page.getByRole('searchbox', { name: w.t('picker.filter.label') });
        for (const name of ['Barbara Lin', 'Dennis Rowe']) {
          await filter.fill(name);
          await list.getByRole('option', { name: new RegExp(`^${name}`) }).click();
        }
        await filter.fill('berg');
        await filter.press('ArrowDown');
        for (let i = 0; i < 9; i++) {
          await page.keyboard.press('Space');
          await page.keyboard.press('ArrowDown');
        }
        await filter.fill('');
        await list.focus();
        await shot(page, `17-picker-${language}`);

        const call = callOf(sandbox(), IDS.rustMeetup);
        sandbox().world.model.recordInvite(sandbox().world.model.call(call.id)!, IDS.ada, [IDS.barbara]);
        await page.getByRole('button', { name: w.t('picker.selection.invite', { count: 11 }) }).click();
        await expect(page.getByRole('status').filter({ hasText: w.t('runs.state.done') }).first()).toBeVisible({ timeout: 30_000 });
        await expect.poll(() => sandbox().world.pendingAttendance(), { timeout: 30_000 }).toBe(0);
        await page.evaluate('window.scrollTo(0, 0)');
        await shot(page, `18-run-finished-${language}`);
      });
    });
  }
});
