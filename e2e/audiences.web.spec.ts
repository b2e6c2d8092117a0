// Issue 12 item 3: audiences in the web preview, through the real core and the embedded sandbox.
import { readFileSync } from 'node:fs';
import { englishError } from '../shared/i18n/english';
import { chooseCall, expect, exploreSandbox, filterBox, peopleList, pick, runStatus, selectWithKeyboard, selectedCount, test, waitForPeople } from './support/workflow';

test('item 3: save a run as an audience, use it as the picker’s source with who can’t be invited and why, edit, export, rename and delete it; save the selection', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'costa', 3);
  await expect(selectedCount(page)).toHaveText('3 people selected');
  await filterBox(page).fill('');
  await page.getByRole('button', { name: 'Invite 3 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 3 of 3 people/);

  // Save the run's people as an audience.
  await page.getByRole('button', { name: 'Save as audience' }).click();
  const save = page.getByRole('form', { name: 'Save as audience' });
  await save.getByRole('textbox', { name: 'Audience name' }).fill('Tuesday regulars');
  await save.getByRole('radio', { name: 'Those invited' }).check();
  await save.getByRole('button', { name: 'Save audience' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Tuesday regulars”: 3 people.' })).toBeVisible();

  // A new invite to the same call: the audience is a source, and each of them says why they can't be invited again.
  await page.getByRole('button', { name: 'Invite more people' }).click();
  await page.getByRole('tab', { name: 'Audiences' }).click();
  const choose = page.getByRole('combobox', { name: 'Audience' });
  await choose.selectOption({ label: 'Tuesday regulars (3)' });
  const options = peopleList(page).getByRole('option');
  await expect(options).toHaveCount(3);
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    names.push((await options.nth(i).locator('.person-row__name').textContent())!);
    await expect(options.nth(i)).toContainText('Costa');
    await expect(options.nth(i)).toContainText('Already invited by Rollcall');
    await expect(options.nth(i)).toHaveAttribute('aria-disabled', 'true');
  }

  // A second audience from a pasted list: a line that names nobody says why; a person in the call and a bot can't be invited.
  await page.getByRole('button', { name: 'New audience from a list or CSV…' }).click();
  const form = page.getByRole('form', { name: 'New audience' });
  await form.getByRole('textbox', { name: 'Audience name' }).fill('Speakers');
  await form.getByRole('textbox', { name: /^Usernames, t\.me links or phone numbers/ }).fill('@linus_brook\n@rollcall_helper_bot\n@nobody_has_this_name');
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Speakers”: 2 people.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lines not found' })).toHaveText(`Line 3 (@nobody_has_this_name): ${englishError('USERNAME_NOT_OCCUPIED').title}`);
  await choose.selectOption({ label: 'Speakers (2)' });
  await expect(options).toHaveCount(2);
  await expect(options.filter({ hasText: 'Linus Brook' })).toContainText('Already in the call');
  await expect(options.filter({ hasText: 'Rollcall Helper' })).toContainText('Bot: bots can’t join calls');

  // Rename one, delete the other (after confirming).
  await choose.selectOption({ label: 'Tuesday regulars (3)' });
  await page.getByRole('group', { name: 'Manage Tuesday regulars' }).getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill('Thursday regulars');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Renamed to “Thursday regulars”.' })).toBeVisible();
  await expect(choose.getByRole('option')).toHaveText(['Choose an audience…', 'Thursday regulars (3)', 'Speakers (2)']);

  // Edit: add the selection (someone picked from the members), remove them again; export the CSV.
  await page.getByRole('tab', { name: /^Members of Rust Meetup Berlin/ }).click();
  await pick(page, 'Alan Frost');
  await page.getByRole('tab', { name: 'Audiences' }).click();
  const manage = page.getByRole('group', { name: 'Manage Thursday regulars' });
  await manage.getByRole('button', { name: 'Add the selection (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changed “Thursday regulars”: 4 people.' })).toBeVisible();
  await expect(options.filter({ hasText: 'Alan Frost' })).toHaveAttribute('aria-selected', 'true');
  await manage.getByRole('button', { name: 'Remove the selected (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changed “Thursday regulars”: 3 people.' })).toBeVisible();
  await expect(options).toHaveCount(3);
  const download = page.waitForEvent('download');
  await manage.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rollcall-thursday-regulars-audience.csv');
  const csv = readFileSync((await file.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('name,username,id,kind');
  expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(names);

  await choose.selectOption({ label: 'Speakers (2)' });
  await page.getByRole('group', { name: 'Manage Speakers' }).getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('group', { name: 'Delete Speakers?' }).getByRole('button', { name: 'Delete “Speakers”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Speakers”.' })).toBeVisible();
  await expect(choose.getByRole('option')).toHaveText(['Choose an audience…', 'Thursday regulars (3)']);
  await expect(options).toHaveCount(0);

  // Save as audience from the picker's selection (Alan is still selected).
  const selection = page.getByRole('complementary', { name: 'Selected' });
  await selection.getByRole('button', { name: 'Save as audience' }).click();
  await selection.getByRole('textbox', { name: 'Audience name' }).fill('Just Alan');
  await selection.getByRole('button', { name: 'Save audience' }).click();
  await expect(selection.getByRole('status').filter({ hasText: 'Saved “Just Alan”: 1 person.' })).toBeVisible();
  await expect(choose.getByRole('option')).toHaveText(['Choose an audience…', 'Just Alan (1)', 'Thursday regulars (3)']);
});

test('item 3: someone of an audience this account can’t find is listed apart, with why, and can be removed from it', async ({ page, app }) => {
  await exploreSandbox(page, app);
  // An audience saved elsewhere (another account's run, an old CSV): one person here has neither a
  // username nor a place in this account's contacts or the call's group.
  await app.core.handlers.audienceSave({
    name: 'Old list',
    sources: [{ kind: 'pasted', text: '@linus_brook' }, { kind: 'people', people: [{ id: '777000123', name: 'Someone Elsewhere', username: null, kind: 'user' }] }],
  });
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('tab', { name: 'Audiences' }).click();
  await page.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'Old list (2)' });
  await expect(peopleList(page).getByRole('option')).toHaveText([/Linus Brook.*Already in the call/]);
  const missing = page.getByRole('region', { name: 'Can’t be invited here' });
  const { title, meaning } = englishError('AUDIENCE_PERSON_NOT_FOUND');
  await expect(missing).toContainText('1 person of this audience can’t be invited here:');
  await expect(missing.getByRole('listitem')).toContainText(`Someone Elsewhere: ${title}. ${meaning}`);
  await missing.getByRole('button', { name: 'Remove Someone Elsewhere from the audience' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changed “Old list”: 1 person.' })).toBeVisible();
  await expect(missing).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Audience' }).getByRole('option')).toHaveText(['Choose an audience…', 'Old list (1)']);
});
