// `npm test` finds or installs its own browser (issue 10, item 1): the order it looks in, what it
// installs when nothing is there, and the one line it prints.
import { describe, expect, it } from 'vitest';
import type { BrowserProbe } from '../e2e/support/chromium';
import { ensureBrowser, HOW_TO_GET_ONE, type Installers } from '../scripts/browser';

const PLAYWRIGHT_OWN = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

function machine(files: string[], env: Record<string, string> = {}): BrowserProbe & { files: Set<string> } {
  const files_ = new Set(files);
  return { files: files_, env, platform: 'linux', exists: (p) => files_.has(p), playwrightChromium: () => PLAYWRIGHT_OWN };
}

function installers(probe: { files: Set<string> }, outcome: { playwright: boolean; apt: boolean | null }): Installers & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    playwright: () => {
      calls.push('playwright');
      if (outcome.playwright) probe.files.add(PLAYWRIGHT_OWN);
      return outcome.playwright;
    },
    apt:
      outcome.apt === null
        ? null
        : () => {
            calls.push('apt');
            if (outcome.apt) probe.files.add('/usr/bin/chromium');
            return outcome.apt!;
          },
  };
}

describe('finding a browser for the UI tests', () => {
  it('prefers $PLAYWRIGHT_CHROMIUM_EXECUTABLE, then a system Chromium, then Playwright’s own, installing nothing', () => {
    const all = machine(['/opt/c/chrome', '/usr/bin/chromium', PLAYWRIGHT_OWN], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/opt/c/chrome' });
    const none = installers(all, { playwright: true, apt: true });
    expect(ensureBrowser(all, none)).toEqual({ ok: true, line: "browser: using PLAYWRIGHT_CHROMIUM_EXECUTABLE's Chromium at /opt/c/chrome" });
    const system = machine(['/usr/bin/chromium', PLAYWRIGHT_OWN]);
    expect(ensureBrowser(system, none).line).toBe('browser: using the system Chromium at /usr/bin/chromium');
    const own = machine([PLAYWRIGHT_OWN]);
    expect(ensureBrowser(own, none).line).toBe(`browser: using Playwright's Chromium at ${PLAYWRIGHT_OWN}`);
    expect(none.calls).toEqual([]);
  });

  it('refuses a $PLAYWRIGHT_CHROMIUM_EXECUTABLE that does not exist instead of testing another browser', () => {
    const probe = machine(['/usr/bin/chromium'], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/missing/chrome' });
    expect(ensureBrowser(probe, installers(probe, { playwright: true, apt: true }))).toEqual({
      ok: false,
      line: 'browser: PLAYWRIGHT_CHROMIUM_EXECUTABLE names /missing/chrome, which does not exist.',
    });
  });

  it('with no browser, installs Playwright’s where its download works', () => {
    const probe = machine([]);
    const install = installers(probe, { playwright: true, apt: true });
    expect(ensureBrowser(probe, install).line).toMatch(/^browser: none found, so installed Playwright's Chromium/);
    expect(install.calls).toEqual(['playwright']);
  });

  it('falls back to apt-get on Debian as root when Playwright’s download fails (as on these machines)', () => {
    const probe = machine([]);
    const install = installers(probe, { playwright: false, apt: true });
    const result = ensureBrowser(probe, install);
    expect(result).toEqual({
      ok: true,
      line: "browser: none found and Playwright's download failed, so installed Debian's chromium with apt-get at /usr/bin/chromium",
    });
    expect(install.calls).toEqual(['playwright', 'apt']);
  });

  it('fails with one line saying how to get one where nothing can be installed', () => {
    for (const apt of [false, null]) {
      const probe = machine([]);
      const result = ensureBrowser(probe, installers(probe, { playwright: false, apt }));
      expect(result).toEqual({ ok: false, line: `browser: ${HOW_TO_GET_ONE}` });
      expect(result.line).not.toContain('\n');
    }
  });
});
