import { IDS } from '../sandbox/src/index';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, filterBox, runStatus, selectedCount, summary, test, waitForPeople } from './support/workflow';

const INVITE = 'phone.inviteToGroupCall';

test('cancel mid-run, then retry the rest: everyone ends invited exactly once', async ({ page, app, sandbox }) => {
  const bridge = page.waitForEvent('websocket');
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await filterBox(page).fill('_1');
  await page.getByRole('button', { name: 'Select all shown' }).click();
  const selected = Number((await selectedCount(page).textContent())!.split(' ')[0]);
  expect(selected).toBeGreaterThan(60);

  // Every invite's answer waits for the test: the run is mid-request when it is cancelled.
  const holds = sandbox().controls.holds;
  holds.hold(INVITE);
  const call = callOf(sandbox(), IDS.rustMeetup);
  await page.getByRole('button', { name: `Invite ${selected} people` }).click();
  await holds.until(INVITE, 1);
  await expect(runStatus(page)).toHaveText(/^Inviting — /);
  expect(deliveries(sandbox(), call.id).size).toBeGreaterThanOrEqual(1);
  const cancelSent = (await bridge).waitForEvent('framesent', (frame) => String(frame.payload).includes('"inviteCancel"'));
  await page.getByRole('button', { name: 'Cancel the rest' }).click();
  await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  await cancelSent;

  // The cancel has left the page while every request is held. Answers go one at a time: until
  // the core has it, each release lets exactly one more request out (held in turn), so the run
  // is still far from its last batch when the cancel lands.
  await expect
    .poll(async () => {
      holds.release(INVITE, 1);
      return runStatus(page).textContent();
    })
    .toMatch(new RegExp(`^Cancelled — ${selected} of ${selected} people`));
  holds.unhold(INVITE);
  await expect(page.getByText('You cancelled this run.')).toBeVisible();
  const items = await summary(page).getByRole('listitem').allTextContents();
  const notSent = Number(items.find((t) => t.endsWith('not sent'))!.split(' ')[0]);
  expect(notSent).toBeGreaterThan(0);

  await page.getByRole('button', { name: `Retry ${notSent} ${notSent === 1 ? 'person' : 'people'}` }).click();
  await expect(runStatus(page)).toHaveText(`Finished — ${notSent} of ${notSent} ${notSent === 1 ? 'person' : 'people'}, request ${Math.ceil(notSent / 10)} of ${Math.ceil(notSent / 10)}`);
  await expect(summary(page).getByRole('listitem')).toHaveText([`${notSent} invited`]);

  const counts = deliveries(sandbox(), call.id);
  expect(counts.size).toBe(selected);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});
