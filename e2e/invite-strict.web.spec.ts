// Issue 9, "Must show": the web preview against the sandbox's strict profile (every unknown of
// Telegram's in its harshest plausible form: sandbox/README.md "Behaviours"). The join-required
// stop, the unknown-error stop, the PEER_FLOOD stop and the long-flood question, each read the way
// a person does: by role and the catalogue's words. Where a strict threshold would need hundreds
// of people (PEER_FLOOD after 300 invitations an hour, a 6-hour wait after 30 requests a minute),
// the test lowers it through the same sandbox control, keeping the strict form of the answer.
import { IDS } from '../sandbox/src/index';
import { STRICT_FLOOD_WAIT_SECONDS } from '../sandbox/src/controls';
import { callOf, chooseCall, deliveries, expect, exploreSandbox, pick, runStatus, selectWithKeyboard, selectedCount, test, waitForPeople } from './support/workflow';

test.use({ sandboxOptions: { profile: 'strict' } });

const INVITE = 'phone.inviteToGroupCall';

test('must show: strict, the organiser hasn’t joined the call: the run stops with “join the call first, as yourself” and nobody is sent anything', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  expect(sandbox().controls.strict.inviteRequiresJoin).toBe('GROUPCALL_FORBIDDEN');
  await chooseCall(page, "Hackers' Guild");
  await waitForPeople(page);
  await pick(page, 'Victor');
  await expect(selectedCount(page)).toHaveText('1 person selected');
  await page.getByRole('button', { name: 'Invite 1 person' }).click();

  await expect(runStatus(page)).toHaveText(/^Stopped — 1 of 1 person/);
  const stopped = page.getByRole('alert').filter({ hasText: 'Join the call in Telegram first, as yourself' });
  await expect(stopped).toContainText('Telegram lets you invite people only from inside the call, and your account hasn’t joined it');
  await expect(stopped).toContainText('Open the call in Telegram and join it as yourself, then retry.');
  expect(deliveries(sandbox(), callOf(sandbox(), IDS.hackersGuild).id).size).toBe(0);
});

test('must show: strict, an error Rollcall has never seen on every invite: the run stops, explained as unknown, its raw code shown', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  sandbox().controls.failAlways = [{ method: INVITE, code: 403, message: 'FROBNICATE_FORBIDDEN' }];
  sandbox().resetStats();
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Stopped — 30 of 30 people/);
  const stopped = page.getByRole('alert').filter({ hasText: 'Stopped: Telegram said something Rollcall doesn’t know' });
  await expect(stopped).toContainText('it is about the call or your account rather than one person');
  await expect(stopped).toContainText('nobody was marked as refused because of it');
  await expect(stopped).toContainText('Raw code: FROBNICATE_FORBIDDEN');
  expect(sandbox().stats().byMethod[INVITE]).toBeLessThanOrEqual(6);
  expect(deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id).size).toBe(0);
});

test('must show: strict, PEER_FLOOD once the account invited its hourly share: the run stops, says what it means and what to do', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  // The strict PEER_FLOOD, after 20 people instead of 300; the profile's short-window limit lifted.
  sandbox().controls.strict.peerFloodAfterInvitesPerHour = 20;
  sandbox().controls.rateLimits = {};
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  await expect(runStatus(page)).toHaveText(/^Stopped — 30 of 30 people/);
  const stopped = page.getByRole('alert').filter({ hasText: 'Telegram limited your account' });
  await expect(stopped).toContainText('Every run of this account stopped at once');
  await expect(stopped).toContainText('@SpamBot');
  await expect(stopped).toContainText(/sends no invites from it until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  const counts = deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id);
  expect(counts.size).toBe(20);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});

test('must show: strict, a 6-hour flood wait asks whether to wait or stop; “Stop the run” stops it and nothing more is sent', async ({ page, app, sandbox }) => {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');

  // The strict profile's long wait (FLOOD_WAIT_21600), after 2 invite requests instead of 30.
  const limit = sandbox().controls.rateLimits[INVITE]!;
  expect(limit.waitSeconds).toBe(STRICT_FLOOD_WAIT_SECONDS);
  sandbox().controls.rateLimits = { [INVITE]: { ...limit, requests: 2 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();

  const question = page.getByRole('group', { name: /^Telegram asked for a long pause: .+\. Wait, or stop the run\?$/ });
  await expect(question).toBeVisible();
  await expect(question).toContainText('Nothing more is sent until you choose.');
  await expect(page.getByRole('status').filter({ hasText: /^Paused: waiting for your answer — 20 of 30 people/ })).toBeVisible();
  const call = callOf(sandbox(), IDS.rustMeetup);
  expect(deliveries(sandbox(), call.id).size).toBe(20);

  await question.getByRole('button', { name: 'Stop the run' }).click();
  await expect(question).toHaveCount(0);
  await expect(runStatus(page)).toHaveText(/^Stopped — 30 of 30 people/);
  const stopped = page.getByRole('alert').filter({ hasText: 'Telegram asked for a long pause' });
  await expect(stopped).toContainText('You chose to stop rather than wait 360 minutes');
  expect(deliveries(sandbox(), call.id).size).toBe(20);
});
