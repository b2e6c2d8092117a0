import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, runStatus, selectedCount, summary, test, waitForPeople } from './support/workflow';

test('a call that ends mid-run: the run stops, says why, and nobody after it is sent anything', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await page.getByRole('button', { name: 'Select all' }).click();
  await expect(selectedCount(page)).toHaveText(/^2\d\d people selected$/);
  const selected = Number((await selectedCount(page).textContent())!.split(' ')[0]);

  // Slow replies, so the run takes a while; end the call once the first invitations land.
  sandbox().controls.latencyMs = 250;
  const call = callOf(sandbox(), IDS.rustMeetup);
  await page.getByRole('button', { name: `Invite ${selected} people` }).click();
  await expect.poll(() => deliveries(sandbox(), call.id).size, { intervals: [20] }).toBeGreaterThanOrEqual(10);
  sandbox().world.endCall(call.id);

  await expect(runStatus(page)).toHaveText(new RegExp(`^Stopped — ${selected} of ${selected} people`), { timeout: 20_000 });
  const stopped = page.getByRole('alert').filter({ hasText: 'The call has ended' });
  await expect(stopped).toContainText('Telegram refuses invites to a call that is over.');
  await expect(stopped).toContainText('Start a new call in Telegram, then invite again.');

  // The summary adds up: invited before the end, not sent after it.
  const items = await summary(page).getByRole('listitem').allTextContents();
  const count = (label: string) => Number(items.find((t) => t.endsWith(label))?.split(' ')[0].replace(/,/g, '') ?? 0);
  const invited = count('invited');
  const notSent = count('not sent');
  expect(invited).toBeGreaterThanOrEqual(10);
  expect(notSent).toBeGreaterThan(0);
  expect(invited + notSent).toBe(selected);
  expect(deliveries(sandbox(), call.id).size).toBe(invited);

  // Each person not sent says why, in the catalogue's words.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: `Not sent (${notSent})` });
  const first = page.getByRole('list', { name: 'People in this run' }).getByRole('listitem').first();
  await expect(first).toContainText('Not sent');
  await expect(first).toContainText('The call has ended.');
});
