// Issue 9, item 8: the account-safety stops, read the way a person does (roles, names, text).
import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectWithKeyboard, selectedCount, test, waitForPeople } from './support/workflow';

test('item 8: PEER_FLOOD stops the run, says what it means and what to do, and holds new runs of the account', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  sandbox().controls.failNext = { method: 'phone.inviteToGroupCall', code: 400, message: 'PEER_FLOOD' };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Stopped — 30 of 30 people/);
  const stopped = page.getByRole('alert').filter({ hasText: 'Telegram limited your account' });
  await expect(stopped).toContainText('Every run of this account stopped at once');
  await expect(stopped).toContainText('@SpamBot');
  await expect(stopped).toContainText(/Details: .*sends no invites from it until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  // The one request already on the wire beside the refused one (two in flight) may land; nothing after.
  const landed = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id).size;
  expect(landed).toBeLessThanOrEqual(10);

  // A new run of the same account is refused before anything is sent.
  await page.getByRole('button', { name: 'Invite more people' }).click();
  await waitForPeople(page);
  await page.getByRole('button', { name: /^Invite \d+ (people|person)$/ }).click();
  // The picker's plan and the selection panel both say so.
  const held = page.getByRole('complementary', { name: 'Selected' }).getByRole('alert');
  await expect(held).toContainText('Invites from this account are paused');
  await expect(held).toContainText('@SpamBot');
  expect(deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id).size).toBe(landed);
});

test('item 8: a FLOOD_WAIT over 15 minutes asks whether to wait or stop, and nothing is sent until the answer', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  // Telegram allows two invite requests per 6 hours here: the third one meets a long FLOOD_WAIT.
  sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 6 * 3600 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  const question = page.getByRole('group', { name: /^Telegram asked for a long pause: .+\. Wait, or stop the run\?$/ });
  await expect(question).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Paused: waiting for your answer — 20 of 30 people/ })).toBeVisible();
  await expect(question).toContainText('Nothing more is sent until you choose.');
  const call = callOf(sandbox(), IDS.rustMeetup);
  expect(deliveries(sandbox(), call.id).size).toBe(20);

  await question.getByRole('button', { name: 'Wait, then continue' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByText(/^Telegram asked for a long pause: resuming in /)).toBeVisible();
  await expect(runStatus(page)).toHaveText(/^Waiting for Telegram — 20 of 30 people/);

  // Changing one's mind: cancel the rest; nobody more was sent anything.
  await page.getByRole('button', { name: 'Cancel the rest' }).click();
  await expect(runStatus(page)).toHaveText(/^Cancelled — 30 of 30 people/);
  expect(deliveries(sandbox(), call.id).size).toBe(20);
});
