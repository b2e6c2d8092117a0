// A run that Rollcall's quitting interrupted waits for the organiser: the next start signs in
// from the saved session and sends nothing, offers the run with what is left of it, and only
// "Resume" sends the rest, nobody twice. Two previews over one data folder play the two starts.
import { join } from 'node:path';
import { expect, previewsOverOneFolder, runStatus, sandboxOf, startSlowRun, summary, test } from './support/workflow';

const root = join(__dirname, '..');

test('item 3: an interrupted run is not resumed on sign-in; the prompt names it and what is left, and resuming sends the rest, nobody twice', async ({ page }) => {
  const previews = previewsOverOneFolder('resume');
  let app = await previews.open();
  try {
    // The run waits out a flood wait with 20 invited and 10 to go: Rollcall quits in the middle of it.
    const callId = await startSlowRun(page, app);
    const callName = (await page.getByRole('heading', { name: /^Invites to / }).textContent())!.replace(/^Invites to /, '');
    const deliveredBefore = sandboxOf(app).world.deliveryCounts(callId);
    expect(deliveredBefore.size).toBe(20);

    // Rollcall quits mid-run; the next start finds the journal without an end.
    await app.close();
    app = await previews.open();
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();

    const prompt = page.getByText(`Resume the run to ${callName}: 10 people not yet invited`);
    await expect(prompt).toBeVisible();
    if (process.env.ROLLCALL_SCREENSHOTS === '1') {
      await page.screenshot({ path: join(root, 'docs/screenshots/11-resume-interrupted.png'), animations: 'disabled', caret: 'hide' });
    }
    // Signed in, the prompt shown, and still nothing sent: the run waits, interrupted.
    expect(sandboxOf(app).world.deliveryCounts(callId)).toEqual(deliveredBefore);
    const waiting = await app.core.handlers.runsInterrupted({});
    expect(waiting.runs.map((r) => r.state)).toEqual(['interrupted']);
    await expect(page.getByRole('button', { name: `End the run to ${callName} without sending` })).toBeEnabled();

    await page.getByRole('button', { name: `Resume the run to ${callName}` }).click();
    await expect(runStatus(page)).toHaveText(/^Finished — 30 of 30 people/, { timeout: 30_000 });
    await expect(summary(page).getByRole('listitem')).toHaveText(['30 invited']);
    await expect(prompt).toHaveCount(0);

    const counts = sandboxOf(app).world.deliveryCounts(callId);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  } finally {
    await app.close();
    previews.remove();
  }
});
