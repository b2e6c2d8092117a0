// Issue 12, item 2: the run view's pictures, through the real core and the embedded sandbox. A run
// that meets a flood wait while the sandbox makes some of the invited join; the charts are read
// the way a screen reader reads them (figures by name, their numbers as text), and their colours
// follow the light and dark themes.
import type { Locator } from '@playwright/test';
import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectWithKeyboard, selectedCount, test, waitForPeople } from './support/workflow';

test.use({ sandboxOptions: { controls: { attendance: { joinShare: 0.4, delayMs: [300, 2500], leaveShare: 0, uninvited: 0, seed: 1 } } } });

/** The timeline table's column totals (its rows are the minutes with anything in them). */
async function totals(table: Locator): Promise<{ invited: number; joined: number; waiting: number }> {
  const sum = { invited: 0, joined: 0, waiting: 0 };
  for (const row of (await table.getByRole('row').all()).slice(1)) {
    const [invited, joined, waiting] = await row.getByRole('cell').allTextContents();
    sum.invited += Number(invited);
    sum.joined += Number(joined);
    if (waiting === 'yes') sum.waiting += 1;
  }
  return sum;
}

test('item 2: the outcome bar and the timeline of invites, joins and the flood wait, read by role and name, in light and dark', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');
  // Two invite requests a minute, then a penalty of 3 s: the third request waits once.
  sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 60, waitSeconds: 3 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 15_000 });

  const outcomes = page.getByRole('figure', { name: 'Outcomes' });
  await expect(outcomes.getByRole('listitem')).toHaveText(['Invited: 30 (100%)', 'Already invited: 0 (0%)', 'Not a member: 0 (0%)', 'Refused: 0 (0%)', 'Not sent: 0 (0%)']);

  // Every planned join has happened in the sandbox; the timeline counts each of them, live.
  await expect.poll(() => sandbox().world.pendingAttendance()).toBe(0);
  const callId = callOf(sandbox(), IDS.rustMeetup).id;
  const invited = [...deliveries(sandbox(), callId).keys()];
  const joined = invited.filter((id) => sandbox().world.inCall(callId, id)).length;
  expect(invited).toHaveLength(30);
  expect(joined).toBeGreaterThan(0);
  const timeline = page.getByRole('figure', { name: 'Invites and joins over time' });
  const table = timeline.getByRole('table', { name: 'Invited and joined, per minute' });
  await expect.poll(() => totals(table)).toMatchObject({ invited: 30, joined });
  expect((await totals(table)).waiting).toBeGreaterThanOrEqual(1);
  // Times and durations as Intl writes them in the page's locale (en-US here: "07:05 PM", "3 sec").
  await expect(timeline.getByRole('list', { name: 'Flood waits' }).getByRole('listitem')).toHaveText([/^From \d\d:\d\d(\s[AP]M)? for 3 sec$/]);
  await expect(timeline.getByText(`30 invited and ${joined} joined between`)).toHaveText(/Telegram asked to wait 1 time, 3 sec in all\.$/);

  // The marks take their colours from the theme: the same "invited" reads in light and in dark.
  const invitedMark = outcomes.locator('svg rect.chart-key--invited');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(invitedMark).toHaveCSS('fill', 'rgb(23, 117, 58)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(invitedMark).toHaveCSS('fill', 'rgb(95, 209, 138)');
});
