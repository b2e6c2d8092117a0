// Makes sure the UI tests have a Chromium before they start, so `npm install && npm test` works on
// a machine where nobody installed a browser: use one that is there, else install one the way this
// machine allows, and say in one line what was done.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, realProbe, type BrowserProbe } from '../e2e/support/chromium';

export interface Installers {
  /** `playwright install chromium`: true when it finished (it fails where its download is blocked). */
  playwright(): boolean;
  /** Debian's chromium through apt-get: only offered on Debian as root. */
  apt: (() => boolean) | null;
}

export type EnsureResult = { ok: true; line: string } | { ok: false; line: string };

export const HOW_TO_GET_ONE =
  'No Chromium for the UI tests: install one (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary.';

/** Finds a browser, else installs one; the one line to print either way. */
export function ensureBrowser(probe: BrowserProbe, install: Installers): EnsureResult {
  let found;
  try {
    found = findChromium(probe);
  } catch (error) {
    return { ok: false, line: `browser: ${(error as Error).message}` };
  }
  if (found) return { ok: true, line: `browser: using ${found.source === 'system' ? 'the system' : found.source + "'s"} Chromium at ${found.path}` };

  if (install.playwright()) {
    const own = findChromium(probe);
    if (own) return { ok: true, line: `browser: none found, so installed Playwright's Chromium (npx playwright install chromium) at ${own.path}` };
  }
  if (install.apt?.()) {
    const system = findChromium(probe);
    if (system) return { ok: true, line: `browser: none found and Playwright's download failed, so installed Debian's chromium with apt-get at ${system.path}` };
  }
  return { ok: false, line: `browser: ${HOW_TO_GET_ONE}` };
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 15 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

const isDebianRoot = process.platform === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0;

export const realInstallers: Installers = {
  playwright: () => run(process.execPath, [join(__dirname, '../node_modules/@playwright/test/cli.js'), 'install', 'chromium']),
  apt: isDebianRoot ? () => run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']) : null,
};

if (require.main === module) {
  const result = ensureBrowser(realProbe, realInstallers);
  (result.ok ? console.log : console.error)(result.line);
  process.exit(result.ok ? 0 : 1);
}
