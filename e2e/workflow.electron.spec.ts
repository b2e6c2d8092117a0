// The happy path in the real Electron window: explore the sandbox, choose a call, pick people,
// invite them, see each outcome. Skips (saying why) where the Electron binary is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../scripts/electronBinary';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`Electron specs skip: ${binary.missing}`);

test('in Electron: explore the sandbox, invite ten people, every one invited', async () => {
  test.skip('missing' in binary, `Electron spec skipped: ${'missing' in binary ? binary.missing : ''}`);
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-electron-'));
  const app = await electron.launch({
    args: [join(__dirname, '..'), `--user-data-dir=${dataDir}`],
    executablePath: 'path' in binary ? binary.path : undefined,
    env: { ...process.env, ROLLCALL_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await window.getByRole('button', { name: 'Explore the sandbox' }).click();
    await expect(window.getByRole('note', { name: 'Sandbox' })).toContainText('SANDBOX');
    await window.getByRole('button', { name: /^Choose Rust Meetup Berlin/ }).click();
    const list = window.getByRole('listbox');
    await expect(list.getByRole('option').first()).toBeVisible();

    const filter = window.getByRole('searchbox', { name: 'Filter people' });
    await filter.fill('berg');
    await filter.press('ArrowDown');
    for (let i = 0; i < 10; i++) {
      await window.keyboard.press('Space');
      await window.keyboard.press('ArrowDown');
    }
    await expect(window.getByRole('status').filter({ hasText: /selected$/ })).toHaveText('10 people selected');
    await window.getByRole('button', { name: 'Invite 10 people' }).click();

    await expect(window.getByRole('status').filter({ hasText: /^Finished — / })).toHaveText('Finished — 10 of 10 people, request 1 of 1', {
      timeout: 30_000,
    });
    await expect(window.getByRole('list', { name: 'Summary' }).getByRole('listitem')).toHaveText(['10 invited']);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
