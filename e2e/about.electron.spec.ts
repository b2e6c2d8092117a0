import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { INVOKE_CHANNELS } from '../shared/ipc/channels';
import { findElectronBinary } from '../scripts/electronBinary';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`Electron specs skip: ${binary.missing}`);

test('the Electron window shows the version and the backend status from the core', async () => {
  test.skip('missing' in binary, `Electron spec skipped: ${'missing' in binary ? binary.missing : ''}`);
  const app = await electron.launch({ args: [join(__dirname, '..')], executablePath: 'path' in binary ? binary.path : undefined });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('status', { name: 'Backend status' })).toHaveText('Ready');
    await expect(window.getByRole('region', { name: 'About this copy' })).toContainText('Electron');
    // The page sees the contract and nothing of Node or Electron.
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as unknown as { rollcall: object }).rollcall).sort(),
      url: (globalThis as unknown as { location: { href: string } }).location.href,
    }));
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: [...INVOKE_CHANNELS, 'subscribe'].sort(),
      url: 'app://rollcall/index.html',
    });
  } finally {
    await app.close();
  }
});
