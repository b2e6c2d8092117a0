import { IDS } from '../sandbox/src/index';
import { chooseCall, expect, exploreSandbox, filterBox, peopleList, sandboxOf, selectedCount, test, waitForPeople } from './support/workflow';

test('the picker: who can’t be invited says why, instant filter, Escape, select all shown, and the keyboard alone', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  const list = peopleList(page);

  // People who can't or needn't be invited are disabled, each with the reason in words.
  const reasons: [RegExp, string][] = [
    [/^Ada Quill/, 'That’s you'],
    [/^Linus Brook/, 'Already in the call'],
    [/^Rollcall Helper/, 'Bot: bots can’t join calls'],
    [/^Deleted Account/, 'Deleted account'],
  ];
  for (const [name, reason] of reasons) {
    await filterBox(page).fill(name.source.slice(1));
    const option = list.getByRole('option', { name });
    await expect(option).toHaveAttribute('aria-disabled', 'true');
    await expect(option).toContainText(reason);
    await option.click({ force: true });
    await expect(option).toHaveAttribute('aria-selected', 'false');
  }
  await expect(selectedCount(page)).toHaveText('Nobody selected yet');

  // Escape clears the filter; the count says how many are shown.
  await filterBox(page).fill('zzzz-nobody');
  await expect(page.getByText('Nobody here matches “zzzz-nobody”.')).toBeVisible();
  await filterBox(page).press('Escape');
  await expect(filterBox(page)).toHaveValue('');
  await expect(list).toBeVisible();

  // Filter, then select all shown: only the invitable ones are taken.
  await filterBox(page).fill('berg');
  await expect(page.getByText('40 of', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Select all shown' }).click();
  await expect(selectedCount(page)).toHaveText('40 people selected');
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(selectedCount(page)).toHaveText('Nobody selected yet');

  // Keyboard only: into the list, move, Enter and Space toggle, End jumps to the last.
  await filterBox(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(selectedCount(page)).toHaveText('2 people selected');
  await page.keyboard.press('Space');
  await expect(selectedCount(page)).toHaveText('1 person selected');
  await page.keyboard.press('End');
  await page.keyboard.press('Space');
  await expect(selectedCount(page)).toHaveText('2 people selected');
  // End went to the last of the 40 (the list scrolled with it): Noor Berg, now selected.
  await expect(list.getByRole('option', { name: /^Noor Berg/ })).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { name: /^Amara Berg/ })).toHaveCount(0);

  // Tabs switch with the arrow keys.
  await page.getByRole('tab', { name: /^Members of Rust Meetup Berlin/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Contacts/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /^Contacts/ })).toHaveAttribute('aria-selected', 'true');
});

test('a pasted list: the people found are selected, each bad line says what is wrong with it', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('tab', { name: 'Paste a list' }).click();
  await page.getByRole('textbox', { name: 'People, one per line' }).fill(
    ['@radia_stone', 'https://t.me/sophie_wilde', 'nobody_has_this_name', '@@@', '9996620014'].join('\n'),
  );
  await page.getByRole('button', { name: 'Find these people' }).click();

  await expect(page.getByText('3 lines matched a person; 2 lines need fixing.')).toBeVisible();
  const bad = page.getByRole('list', { name: 'Lines Rollcall couldn’t use' }).getByRole('listitem');
  await expect(bad).toHaveCount(2);
  await expect(bad.nth(0)).toContainText('Line 3: nobody_has_this_name');
  await expect(bad.nth(0)).toContainText('Nobody has this username');
  await expect(bad.nth(1)).toContainText('Line 4: @@@');
  await expect(selectedCount(page)).toHaveText('3 people selected');
  await expect(page.getByRole('list', { name: 'Selected people' })).toContainText('Radia Stone');
  await expect(page.getByRole('list', { name: 'Selected people' })).toContainText('Tim Okafor');
});

test('a Telegram search finds people outside the contacts, and they join the selection', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('tab', { name: 'Search Telegram' }).click();
  await page.getByRole('searchbox', { name: 'Name or username' }).fill('paula');
  const option = peopleList(page).getByRole('option', { name: /^Paula Reyes/ });
  await expect(option).toBeVisible();
  await option.click();
  await expect(selectedCount(page)).toHaveText('1 person selected');
  await expect(page.getByRole('list', { name: 'Selected people' })).toContainText('Paula Reyes');
});

test.describe('a big group', () => {
  test.use({ sandboxOptions: { size: { members: 4000 } } });

  test('item 2: the picker grows as the members arrive, saying how many so far, then how many in all', async ({ page, app }) => {
    await exploreSandbox(page, app);
    const { world } = sandboxOf(app);
    const total = world.model.memberCount(world.model.chat(IDS.rustMeetup)!).toLocaleString('en');
    // The first page is answered; the pages after it are held until the test has seen it on screen.
    const { holds } = sandboxOf(app).controls;
    holds.hold('channels.getParticipants', { skip: 1 });
    await chooseCall(page, 'Rust Meetup Berlin');
    await expect(page.getByRole('status').filter({ hasText: `Loaded 200 of ${total}…` })).toBeVisible();
    await expect(peopleList(page).getByRole('option').first()).toBeVisible();
    await holds.until('channels.getParticipants', 1);
    holds.unhold('channels.getParticipants');
    holds.release('channels.getParticipants');
    await expect(page.getByText(`${total} people`, { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^Loaded [\d,]+/)).toHaveCount(0);
    await expect(page.getByRole('tab', { name: `Members of Rust Meetup Berlin (${total})` })).toBeVisible();
  });
});
