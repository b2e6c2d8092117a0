// electron-updater against a real local feed: an HTTP server on 127.0.0.1 serves a generated
// latest*.yml (the generic provider's format, what electron-builder publishes) and a fake
// artifact. electron-updater loads Electron only to make requests (net) and for the app's facts,
// so in plain Node the test hands it a stub app and swaps its request factory for node:http; the
// provider, YAML parsing, version comparison, download and sha512 check are electron-updater's own.
// The same flow through Electron's net module needs the Electron binary: that part skips here.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { findElectronBinary } from '../../scripts/electronBinary';

const ARTIFACT = Buffer.from('not really Rollcall 0.2.0, but the bytes the feed promises');
const ARTIFACT_NAME = 'Rollcall-0.2.0.AppImage';

function latestYml(): string {
  const sha512 = createHash('sha512').update(ARTIFACT).digest('base64');
  return [
    'version: 0.2.0',
    'files:',
    `  - url: ${ARTIFACT_NAME}`,
    `    sha512: ${sha512}`,
    `    size: ${ARTIFACT.length}`,
    `path: ${ARTIFACT_NAME}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-05-01T09:00:00.000Z'",
    '',
  ].join('\n');
}

let server: Server;
let feedUrl: string;
const served: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    served.push(path);
    if (/^\/latest(-linux|-mac)?\.yml$/.test(path)) res.end(latestYml());
    else if (path === `/${ARTIFACT_NAME}`) res.end(ARTIFACT);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function stubApp(version: string): AppAdapter {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-updates-'));
  dirs.push(dir);
  // What electron-builder embeds in a packaged app (resources/app-update.yml); with the generic provider.
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: rollcall-updater\n`);
  return {
    version,
    name: 'Rollcall',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
}

function nodeUpdater(version: string): { updater: AppImageUpdater; app: AppAdapter } {
  const app = stubApp(version);
  const updater = new AppImageUpdater(null, app);
  // Requests through node:http instead of Electron's net (the one part that needs Electron).
  const executor = new ElectronHttpExecutor();
  executor.createRequest = (options, callback) => request(options as never, callback) as never;
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = executor;
  // An AppImage updater is active only inside an AppImage ($APPIMAGE); the stub app stands in for one.
  updater.forceDevUpdateConfig = true;
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.logger = null;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  return { updater, app };
}

describe('updates against a local feed (electron-updater, generic provider, real HTTP)', () => {
  it('item 7: finds the newer version in latest.yml, downloads it and checks its sha512', async () => {
    const { updater, app } = nodeUpdater('0.1.0');
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(true);
    expect(result?.updateInfo.version).toBe('0.2.0');
    expect(served.some((p) => /^\/latest(-linux|-mac)?\.yml$/.test(p))).toBe(true);

    // An AppImage updater downloads next to the running AppImage ($APPIMAGE): the stub app's folder.
    const before = process.env.APPIMAGE;
    process.env.APPIMAGE = join(app.userDataPath, '..', 'Rollcall-0.1.0.AppImage');
    onTestFinished(() => {
      if (before === undefined) delete process.env.APPIMAGE;
      else process.env.APPIMAGE = before;
    });
    updater.disableDifferentialDownload = true;
    const downloaded = new Promise<{ version: string; downloadedFile: string }>((resolve) => updater.once('update-downloaded', resolve));
    const files = await updater.downloadUpdate();
    const event = await downloaded;
    expect(event.version).toBe('0.2.0');
    expect(files.some((f) => existsSync(f) && readFileSync(f).equals(ARTIFACT))).toBe(true);
    expect(files.every((f) => f.startsWith(app.baseCachePath))).toBe(true);
  });

  it('item 7: the same version is not an update', async () => {
    const { updater } = nodeUpdater('0.2.0');
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(false);
  });

  const electron = findElectronBinary();
  it.skipIf('missing' in electron)(
    `item 7: the packaged app's own request path (Electron net) ${'missing' in electron ? `skipped: ${electron.missing}` : ''}`,
    () => {
      // Not written yet: an Electron spec that launches the built app against this feed (Electron's
      // net instead of node:http). Until then this only records that the binary was there.
      expect('path' in electron).toBe(true);
    },
  );
});
