// Fixtures and steps for the organiser's workflow against the embedded sandbox. Each test gets a
// preview of its own (a fresh core, data folder and sandbox world), so one scenario's ended call
// or rate limit never leaks into the next. Steps read the screen the way a person does: roles,
// accessible names and text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { startPreviewServer, type PreviewOptions, type PreviewServer } from '../../electron/preview/server';
import { IDS } from '../../sandbox/src/index';
import { APP_VERSION, test as base } from './fixtures';

const root = join(__dirname, '../..');

export type SandboxHandle = NonNullable<ReturnType<PreviewServer['core']['embeddedSandbox']>>;

export interface WorkflowOptions {
  /** The embedded sandbox's world size and initial scenario controls: `test.use({ sandboxOptions })`. */
  sandboxOptions: PreviewOptions['sandbox'];
}

export interface WorkflowFixtures {
  /** A preview of this test's own: a fresh core, data folder (removed on close) and sandbox world. */
  app: PreviewServer;
  /**
   * The app's embedded sandbox, for scenario controls and the world. It starts when the page
   * first needs it (Explore the sandbox, a sandbox sign-in), hence a getter.
   */
  sandbox: () => SandboxHandle;
}

export const test = base.extend<WorkflowFixtures & WorkflowOptions>({
  sandboxOptions: [undefined, { option: true }],
  app: async ({ sandboxOptions }, use) => {
    const env = { ...process.env };
    delete env.ROLLCALL_DATA_DIR;
    const app = await startPreviewServer({
      port: 0,
      rendererDir: join(root, 'out/renderer'),
      appVersion: APP_VERSION,
      env,
      sandbox: sandboxOptions,
    });
    await use(app);
    await app.close();
  },
  sandbox: async ({ app }, use) => {
    await use(() => sandboxOf(app));
  },
});

export { expect };

/** Opens the app and takes "Explore the sandbox" to the list of calls. */
export async function exploreSandbox(page: Page, app: PreviewServer): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Explore the sandbox' }).click();
  await expect(page.getByRole('note', { name: 'Sandbox' })).toContainText('SANDBOX');
  await expect(page.getByRole('heading', { name: 'Choose a call' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Live calls' })).toBeVisible();
}

/** Chooses the live call of a chat and waits for the picker. */
export async function chooseCall(page: Page, chatTitle: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Choose ${escapeRegExp(chatTitle)}`) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Invite people to ${escapeRegExp(chatTitle)}`) })).toBeVisible();
}

export const peopleList = (page: Page): Locator => page.getByRole('listbox');
export const filterBox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter people' });
export const selectedCount = (page: Page): Locator => page.getByRole('status').filter({ hasText: /selected$|^Nobody selected/ });

/** Waits until the current source has finished loading (its count is shown). */
export async function waitForPeople(page: Page): Promise<void> {
  await expect(peopleList(page).getByRole('option').first()).toBeVisible();
  await expect(page.getByText(/^Loaded [\d,]+/)).toHaveCount(0);
}

/**
 * Finds a person with the filter (the list only renders what is on screen) and toggles them.
 * `box`: the filter as named in another language.
 */
export async function pick(page: Page, name: string, box: Locator = filterBox(page)): Promise<void> {
  await box.fill(name);
  await peopleList(page).getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}`) }).click();
  await box.fill('');
}

/** Types a filter and selects the first `n` people it shows, with the keyboard alone. */
export async function selectWithKeyboard(page: Page, filter: string, n: number, box: Locator = filterBox(page)): Promise<void> {
  await box.fill(filter);
  await box.press('ArrowDown');
  await expect(peopleList(page)).toBeFocused();
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Space');
    if (i < n - 1) await page.keyboard.press('ArrowDown');
  }
}

/** The run screen's one-line status ("Finished — 25 of 25 people, request 3 of 3"). */
export const runStatus = (page: Page): Locator =>
  page.getByRole('status').filter({ hasText: /^(Inviting|Waiting for Telegram|Finished|Stopped|Cancelled|Interrupted) — / });

export const summary = (page: Page): Locator => page.getByRole('list', { name: 'Summary' });

/** Everyone the sandbox delivered an invitation of this call to, with how many each got. */
export function deliveries(sandbox: SandboxHandle, callId: bigint): Map<bigint, number> {
  return sandbox.world.deliveryCounts(callId);
}

/**
 * Previews over one data folder, as two starts of Rollcall on one computer: `open()` starts one
 * (the previous must be closed first), `remove()` deletes the folder once the test is done.
 */
export function previewsOverOneFolder(name: string): { open(): Promise<PreviewServer>; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), `rollcall-e2e-${name}-`));
  const env = { ...process.env };
  delete env.ROLLCALL_DATA_DIR;
  return {
    open: () =>
      startPreviewServer({ port: 0, rendererDir: join(root, 'out/renderer'), appVersion: APP_VERSION, env, dataDir: join(folder, 'data'), keyDir: join(folder, 'key') }),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A preview's embedded sandbox; it starts when the page first needs it. */
export function sandboxOf(app: PreviewServer): SandboxHandle {
  const handle = app.core.embeddedSandbox();
  if (!handle) throw new Error('the embedded sandbox has not started yet');
  return handle;
}

/**
 * Signs in to the sandbox and invites 30 people to Rust Meetup Berlin under two invite requests
 * per 10 s: the run invites 20, then waits out a flood wait, long enough to act in the middle of
 * it. Returns the call's id.
 */
export async function startSlowRun(page: Page, app: PreviewServer): Promise<bigint> {
  await exploreSandbox(page, app);
  await chooseCall(page, 'Rust Meetup Berlin');
  await waitForPeople(page);
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(selectedCount(page)).toHaveText('30 people selected');
  sandboxOf(app).controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 10 } };
  await page.getByRole('button', { name: 'Invite 30 people' }).click();
  await expect(runStatus(page)).toHaveText(/^Waiting for Telegram — 20 of 30 people/);
  return callOf(sandboxOf(app), IDS.rustMeetup).id;
}

/** The live call of a seeded chat. */
export function callOf(sandbox: SandboxHandle, chatId: bigint) {
  const call = sandbox.world.callOf(chatId);
  if (!call) throw new Error(`chat ${chatId} has no live call`);
  return call;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
