// Issue 12's must-show, one organiser's evening in the web preview: invite 25, watch them come
// (the sandbox makes some join), the share updates live, filter who hasn't come, keep them as an
// audience, invite that audience to next week's call; then plan a run for a scheduled call, start
// the call from the sandbox, and see the invitations go out and the notice.
import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, exploreSandbox, expect, filterBox, peopleList, pick, runStatus, selectWithKeyboard, test, waitForPeople } from './support/workflow';

test('must show: 25 invited, joins arrive live, "Not yet" kept as an audience and invited to the next call; a planned run sent when its scheduled call starts', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'berg', 25);
  await filterBox(page).fill('');
  await page.getByRole('button', { name: 'Invite 25 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 25 of 25 people/);
  const joined = page.getByRole('status').filter({ hasText: /^Joined / });
  await expect(joined).toHaveText('Joined 0 of 25 (0%)');

  // The sandbox makes people join, a few at a time: the share follows each change.
  const firstCall = callOf(sandbox(), IDS.rustMeetup);
  const invited = [...deliveries(sandbox(), firstCall.id).keys()];
  expect(invited).toHaveLength(25);
  for (const id of invited.slice(0, 4)) sandbox().world.joinCall(firstCall.id, id);
  await expect(joined).toHaveText('Joined 4 of 25 (16%)');
  for (const id of invited.slice(4, 10)) sandbox().world.joinCall(firstCall.id, id);
  await expect(joined).toHaveText('Joined 10 of 25 (40%)');

  const rows = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem');
  await page.getByRole('group', { name: 'Attendance' }).getByRole('radio', { name: 'Not yet' }).check();
  await expect(rows).toHaveCount(15);

  // Those who didn't come, kept for next week.
  await page.getByRole('button', { name: 'Save as audience' }).click();
  const save = page.getByRole('form', { name: 'Save as audience' });
  await save.getByRole('textbox', { name: 'Audience name' }).fill('Missed the meetup');
  await save.getByRole('radio', { name: DIDNT_JOIN }).check();
  await save.getByRole('button', { name: 'Save audience' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Missed the meetup”: 15 people.' })).toBeVisible();

  // Next week's call in the same group: the audience is the source, all 15 invitable again.
  sandbox().world.endCall(firstCall.id);
  sandbox().world.startCall(IDS.rustMeetup, 'Next week');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('tab', { name: 'Audiences' }).click();
  await page.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'Missed the meetup (15)' });
  await expect(peopleList(page).getByRole('option')).toHaveCount(15);
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Invite 15 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 15 of 15 people/);
  const secondCall = callOf(sandbox(), IDS.rustMeetup);
  expect([...deliveries(sandbox(), secondCall.id).keys()].sort()).toEqual(invited.slice(10).sort());

  // A scheduled call: plan now, send when it starts.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();
  await chooseCall(page, 'Board Games Night');
  await waitForPeople(page);
  for (const name of ['Barbara Lin', 'Linus Brook']) await pick(page, name);
  await page.getByRole('button', { name: 'Invite when it starts (2 people)' }).click();
  await expect(page.getByRole('list', { name: 'Planned runs' }).getByRole('listitem').first()).toContainText('Friday games in Board Games Night: 2 people invited when it starts');
  const friday = callOf(sandbox(), IDS.boardGames);
  expect(deliveries(sandbox(), friday.id).size).toBe(0);
  sandbox().world.startScheduledCall(friday.id);
  await expect(page.getByRole('status', { name: 'Scheduled call started' })).toContainText('Friday games started: inviting 2 people.');
  await expect.poll(() => Object.fromEntries(deliveries(sandbox(), friday.id))).toEqual({ [String(IDS.barbara)]: 1, [String(IDS.linus)]: 1 });
});

/** The run group "those who didn't join" as the save form names it. */
const DIDNT_JOIN = 'Those who got an invitation but haven’t joined';
