// Closing the desktop window while a run sends asks what to do with it (issue 10, item 4). The
// web preview has no window: app.requestClose() stands in for its close button, as the main
// process's close handler does, and the page's answer reaches the real core. Each choice is
// checked against the sandbox: who was invited, how often, and what state the run is left in.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, previewsOverOneFolder, runStatus, sandboxOf, startSlowRun, summary, test } from './support/workflow';

const root = join(__dirname, '..');

const closeDialog = (page: Page) => page.getByRole('dialog', { name: 'A run is still sending invites' });

test('item 4: mid-run the close question is a dialog with three choices and Cancel, and Cancel leaves the run alone; with nothing sending, closing asks nothing', async ({ page, app }) => {
  const callId = await startSlowRun(page, app);
  expect(app.requestClose()).toBe(true);
  const dialog = closeDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription('Closing the window now would stop it. What should happen?');
  await expect(dialog.getByRole('button')).toHaveText([
    'Keep running in the background',
    'Stop after the requests in flight',
    'Quit now and resume later',
    'Cancel',
  ]);
  await expect(dialog.getByRole('button', { name: 'Quit now and resume later' })).toHaveAccessibleDescription(/nobody is invited twice/);
  if (process.env.ROLLCALL_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/screenshots/12-close-mid-run.png'), animations: 'disabled', caret: 'hide' });
  }
  // Escape is Cancel too; the run goes on either way.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(app.requestClose()).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 30_000 });
  const counts = sandboxOf(app).world.deliveryCounts(callId);
  expect(counts.size).toBe(30);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  // Once nothing sends, the window just closes.
  expect(app.requestClose()).toBe(false);
  await expect(dialog).toHaveCount(0);
});

test('item 4: "Keep running in the background": the run goes on to the end, nobody twice', async ({ page, app }) => {
  const callId = await startSlowRun(page, app);
  expect(app.requestClose()).toBe(true);
  await closeDialog(page).getByRole('button', { name: 'Keep running in the background' }).click();
  await expect(closeDialog(page)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'The run goes on in the background.' })).toBeVisible();
  await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 30_000 });
  await expect(summary(page).getByRole('listitem')).toHaveText(['30 invited']);
  const counts = sandboxOf(app).world.deliveryCounts(callId);
  expect(counts.size).toBe(30);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});

test('item 4: "Stop after the requests in flight": the run ends cancelled, 20 invited once, the rest not sent and retryable', async ({ page, app }) => {
  const callId = await startSlowRun(page, app);
  expect(app.requestClose()).toBe(true);
  await closeDialog(page).getByRole('button', { name: 'Stop after the requests in flight' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The runs stopped after the requests in flight. Rollcall is quitting.' })).toBeVisible();
  await expect(runStatus(page)).toHaveText(/^Cancelled — /);
  const runs = (await app.core.handlers.runsList({})).runs;
  expect(runs.map((r) => [r.state, r.counts.invited, r.counts.notSent])).toEqual([['cancelled', 20, 10]]);
  // Nothing more goes out, even once the flood wait is over.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const counts = sandboxOf(app).world.deliveryCounts(callId);
  expect(counts.size).toBe(20);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(app.requestClose()).toBe(false);
});

test('item 4: "Quit now and resume later": the run is left interrupted, the next start offers it, and resuming invites the rest, nobody twice', async ({ page }) => {
  const previews = previewsOverOneFolder('close');
  let app = await previews.open();
  try {
    const callId = await startSlowRun(page, app);
    const callName = (await page.getByRole('heading', { name: /^Invites to / }).textContent())!.replace(/^Invites to /, '');
    expect(app.requestClose()).toBe(true);
    await closeDialog(page).getByRole('button', { name: 'Quit now and resume later' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rollcall is quitting. Start it again to resume the run where it stopped.' })).toBeVisible();
    const deliveredBefore = sandboxOf(app).world.deliveryCounts(callId);
    expect(deliveredBefore.size).toBe(20);

    // The app quits (the preview closes) and starts again over the same data.
    await app.close();
    app = await previews.open();
    await page.goto(app.url);
    await expect(page.getByText(`Resume the run to ${callName}: 10 people not yet invited`)).toBeVisible();
    expect((await app.core.handlers.runsInterrupted({})).runs.map((r) => r.state)).toEqual(['interrupted']);
    expect(sandboxOf(app).world.deliveryCounts(callId)).toEqual(deliveredBefore);

    await page.getByRole('button', { name: `Resume the run to ${callName}` }).click();
    await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 30_000 });
    const counts = sandboxOf(app).world.deliveryCounts(callId);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  } finally {
    await app.close();
    previews.remove();
  }
});
