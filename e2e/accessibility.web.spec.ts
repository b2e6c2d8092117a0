// Accessibility checked, not only designed (issue 11, item 11): axe-core on every main screen
// of the web preview, in the light and the dark scheme. A serious or critical violation fails;
// the others are printed, to be read.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { IDS } from '../sandbox/src/index';
import { chooseCall, expect, exploreSandbox, peopleList, pick, runStatus, sandboxOf, startSlowRun, test, waitForPeople } from './support/workflow';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !severe.includes(v))) {
    console.log(`[axe] ${screen}: ${v.impact} ${v.id} on ${v.nodes.length} element(s): ${v.help}`);
  }
  const described = severe.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect(described, `serious or critical violations on ${screen}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test(`item 11: sign-in, its errors and the QR code (${scheme})`, async ({ page, app }) => {
      await page.goto(app.url);
      await expect(page.getByRole('status', { name: 'Backend status' })).toHaveText('Ready');
      await expect(page.getByRole('region', { name: 'About this copy' })).toBeVisible();
      await expectAccessible(page, 'welcome and about');

      await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
      await expect(page.getByRole('heading', { name: 'Sign in to the sandbox' })).toBeVisible();
      await expectAccessible(page, 'sandbox sign-in');
      await page.getByRole('textbox', { name: 'Phone number' }).fill('9996620001');
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.getByRole('textbox', { name: 'Login code' }).fill('11111');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('alert')).toContainText('That code is not right');
      await expectAccessible(page, 'a wrong code, explained under its field');
      await page.getByRole('button', { name: 'Cancel sign-in' }).click();

      await page.getByRole('button', { name: 'Use a sandbox test account' }).click();
      await page.getByRole('button', { name: 'Sign in with a QR code' }).click();
      await expect(page.getByRole('img', { name: /^QR code to sign in/ })).toBeVisible();
      await expectAccessible(page, 'QR sign-in');
      await page.getByRole('button', { name: 'Use a phone number instead' }).click();
      await page.getByRole('button', { name: '← Back' }).click();

      await page.getByRole('button', { name: 'Sign in with Telegram' }).click();
      await expect(page.getByRole('alert')).toContainText('Telegram API credentials are needed');
      await expectAccessible(page, 'Telegram sign-in without credentials');
      await page.getByRole('button', { name: 'Enter API credentials' }).click();
      await page.getByRole('textbox', { name: 'api_id' }).fill('12ab');
      await page.getByRole('button', { name: 'Save credentials' }).click();
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expectAccessible(page, 'credentials refused inline');
    });

    test(`item 11: calls, the picker with each source, the paste panel, settings (${scheme})`, async ({ page, app }) => {
      await exploreSandbox(page, app);
      // Every call's button names its call, not only "Choose".
      const cards = page.getByRole('list', { name: 'Live calls' }).getByRole('listitem').filter({ has: page.getByRole('heading') });
      expect(await cards.count()).toBeGreaterThan(1);
      for (const card of await cards.all()) {
        const chat = (await card.getByRole('heading').evaluate((h) => h.firstChild?.textContent ?? ''))!.trim();
        expect(chat).not.toBe('');
        await expect(card.getByRole('button', { name: `Choose ${chat}` })).toHaveCount(1);
      }
      await expectAccessible(page, 'calls list');

      await chooseCall(page, 'Rust Meetup Berlin');
      await waitForPeople(page);
      await pick(page, 'Alan Frost');
      await expectAccessible(page, 'picker: members');
      await page.getByRole('tab', { name: /^Contacts/ }).click();
      await waitForPeople(page);
      await expectAccessible(page, 'picker: contacts');
      await page.getByRole('tab', { name: 'Search Telegram' }).click();
      await page.getByRole('searchbox', { name: 'Name or username' }).fill('paula');
      await expect(peopleList(page).getByRole('option', { name: /^Paula Reyes/ })).toBeVisible();
      await expectAccessible(page, 'picker: Telegram search');
      await page.getByRole('tab', { name: 'Paste a list' }).click();
      await expectAccessible(page, 'paste panel');
      await page.getByRole('textbox', { name: 'People, one per line' }).fill(['@radia_stone', 'nobody_has_this_name', '@@@'].join('\n'));
      await page.getByRole('button', { name: 'Find these people' }).click();
      await expect(page.getByRole('list', { name: 'Lines Rollcall couldn’t use' })).toBeVisible();
      await expectAccessible(page, 'paste panel with lines it could not use');

      // A call joined as a channel: the refusal is explained inline, before anything is sent.
      await nav(page, 'Calls').click();
      await chooseCall(page, 'Night Owls');
      await waitForPeople(page);
      await pick(page, 'Hedy Marsh');
      await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
      await expectAccessible(page, 'an error shown inline (joined as a channel)');

      await nav(page, 'Settings').click();
      await expect(page.getByRole('region', { name: 'About this copy' })).toBeVisible();
      await expectAccessible(page, 'settings and about');
    });

    test(`item 11: a run waiting, the close question, finished, and history (${scheme})`, async ({ page, app }) => {
      await startSlowRun(page, app);
      await expect(page.getByText(/^Telegram asked to slow down: resuming in/)).toBeVisible();
      await expectAccessible(page, 'a run in progress (flood wait)');

      expect(app.requestClose()).toBe(true);
      const dialog = page.getByRole('dialog', { name: 'A run is still sending invites' });
      await expect(dialog).toBeVisible();
      await expectAccessible(page, 'the close-mid-run question');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toHaveCount(0);

      sandboxOf(app).controls.rateLimits = {};
      await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 30_000 });
      await expectAccessible(page, 'a finished run');
      await page.getByRole('combobox', { name: 'Show' }).selectOption({ index: 1 });
      await expectAccessible(page, 'a finished run, filtered');

      await nav(page, 'History').click();
      await expect(page.getByRole('table')).toBeVisible();
      await expectAccessible(page, 'history');
      expect(sandboxOf(app).world.deliveryCounts(sandboxOf(app).world.callOf(IDS.rustMeetup)!.id).size).toBe(30);
    });
  });
}
