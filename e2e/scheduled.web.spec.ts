// Issue 12, item 4: "Invite when it starts", in the web preview. The seeded "Friday games" in
// Board Games Night is scheduled two days ahead; the test starts it from the sandbox.
import { IDS } from '../sandbox/src/index';
import { chooseCall, deliveries, exploreSandbox, expect, pick, runStatus, test, waitForPeople } from './support/workflow';

test('item 4: plan a run for a scheduled call, edit it, start the call from the sandbox: the invitations go out and the page says so', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  const card = page
    .getByRole('list', { name: 'Scheduled calls' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /^Board Games Night/ }) });
  await expect(card).toContainText('Friday games');
  // The start as the page's locale writes it (the same Intl options as useFormat's dateTime).
  const startsAt = sandbox().world.callOf(IDS.boardGames)!.scheduleDate! * 1000;
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'en';
  const starts = await page.evaluate(
    ([locale, t]) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(t),
    [lang, startsAt] as const,
  );
  await expect(card.getByRole('list', { name: 'About this call' }).getByRole('listitem')).toHaveText([
    `Starts ${starts}`,
    'You’re not subscribed to its start',
    'You manage this call',
  ]);
  // Not among the live calls: nobody can be invited before it starts.
  await expect(page.getByRole('list', { name: 'Live calls' })).not.toContainText('Board Games Night');

  await chooseCall(page, 'Board Games Night');
  await waitForPeople(page);
  for (const name of ['Barbara Lin', 'Dennis Rowe', 'Linus Brook']) await pick(page, name);
  const toggles = () => sandbox().stats().byMethod['phone.toggleGroupCallStartSubscription'] ?? 0;
  await page.getByRole('button', { name: 'Invite when it starts (3 people)' }).click();

  const planned = page.getByRole('list', { name: 'Planned runs' }).getByRole('listitem').first();
  await expect(planned).toContainText('Friday games in Board Games Night: 3 people invited when it starts');
  expect(toggles()).toBe(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Calls' }).click();
  await expect(card.getByRole('list', { name: 'About this call' })).toContainText('You’ll be told when it starts');
  // Edited before the start: Dennis is taken out.
  await planned.getByRole('button', { name: 'Remove Dennis Rowe from the planned run' }).click();
  await expect(planned).toContainText('Friday games in Board Games Night: 2 people invited when it starts');
  await expect(page.getByRole('list', { name: 'People planned for Friday games' }).getByRole('listitem')).toHaveText([/^Barbara Lin/, /^Linus Brook/]);

  const call = sandbox().world.callOf(IDS.boardGames)!;
  expect(deliveries(sandbox(), call.id).size).toBe(0);
  sandbox().world.startScheduledCall(call.id);

  const notice = page.getByRole('status', { name: 'Scheduled call started' });
  await expect(notice).toContainText('Friday games started: inviting 2 people.');
  await expect(page.getByRole('region', { name: 'Planned runs' })).toHaveCount(0);
  await notice.getByRole('button', { name: 'Open the run' }).click();
  await expect(runStatus(page)).toHaveText('Finished — 2 of 2 people, request 1 of 1');
  expect(Object.fromEntries(deliveries(sandbox(), call.id))).toEqual({ [String(IDS.barbara)]: 1, [String(IDS.linus)]: 1 });
});
