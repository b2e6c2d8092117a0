// Item 10: before anything is sent, the picker says what official clients check (a broadcast
// channel's live stream, not having joined the call) and offers the listener link instead.
import { chooseCall, expect, exploreSandbox, test, waitForPeople } from './support/workflow';

test('item 10: a broadcast channel’s live stream: no invites, the reason, and the listener link offered', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, "Ada's Podcast");
  await waitForPeople(page);
  const selection = page.getByRole('complementary');
  await expect(selection.getByText('Invites aren’t sent to a channel’s live stream')).toBeVisible();
  await expect(selection.getByText('Share the listener link instead: anyone with it can join the stream.')).toBeVisible();
  await expect(selection.getByRole('button', { name: /^Invite / })).toBeDisabled();
  await expect(selection.getByRole('heading', { name: 'Share the listener link instead' })).toBeVisible();
  await selection.getByRole('button', { name: 'Copy listener link' }).click();
  await expect(selection.getByRole('textbox', { name: 'Listener link' })).toHaveValue(/^https:\/\/t\.me\/adas_podcast\?/);
});

test('item 10: a call the organiser hasn’t joined: warned before sending, the link offered, inviting still possible', async ({ page, app }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, "Hackers' Guild");
  await waitForPeople(page);
  await page.getByRole('listbox').getByRole('option', { name: /^Victor/ }).click();
  const before = page.getByRole('group', { name: 'Before you invite' });
  await expect(before).toContainText('You haven’t joined this call');
  await expect(before).toContainText('Join the call in Telegram first, as yourself, then invite; or share the listener link instead.');
  await expect(page.getByRole('heading', { name: 'Share the listener link instead' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite 1 person' })).toBeEnabled();
});
