// The embedded sandbox listens only while the target is the sandbox: any local process can
// connect to it, so it stops when the organiser switches to Telegram and starts again on demand.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exploreSandboxOptions } from './embeddedSandbox';
import { startTestCore, type TestCore } from './testSupport/host';

const CREDENTIALS = { TELEGRAM_API_ID: '12345', TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef' };

/** Resolves with the connect error's code, or 'connected'. */
function dial(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore({ env: CREDENTIALS });
});
afterAll(() => t.close());

it('item 5: the sandbox stops listening when the target becomes Telegram, and starts again for the sandbox', { timeout: 30_000 }, async () => {
  expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
  const port = t.core.embeddedSandbox()!.info.port;
  expect(await dial(port)).toBe('connected');

  expect((await t.ok('authSelectTarget', { target: 'telegram' })).target).toBe('telegram');
  expect(t.core.embeddedSandbox()).toBeNull();
  expect(await dial(port)).toBe('ECONNREFUSED');

  expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
  const again = t.core.embeddedSandbox()!;
  expect(await dial(again.info.port)).toBe('connected');
  const me = await t.ok('appInfo', {});
  expect(me.backend).toMatchObject({ target: 'sandbox', state: 'ready' });
});

it('item 5 (issue 12): the sandbox a person explores has attendance on, joins within a minute; tests get it off unless they ask', { timeout: 30_000 }, async () => {
  expect((await t.ok('authExploreSandbox', {})).step).toBe('signedIn');
  expect(t.core.embeddedSandbox()!.controls.attendance).toBeNull();
  const explore = await startTestCore({ env: CREDENTIALS, sandbox: exploreSandboxOptions() });
  try {
    expect((await explore.ok('authExploreSandbox', {})).step).toBe('signedIn');
    const attendance = explore.core.embeddedSandbox()!.controls.attendance!;
    expect(attendance.joinShare).toBeGreaterThan(0);
    expect(attendance.uninvited).toBeGreaterThan(0);
    expect(attendance.delayMs[1]).toBeLessThanOrEqual(60_000);
  } finally {
    await explore.close();
  }
});
