// Issue 13, item 4: every main screen in the pseudo-locale en-XA (accented, each word 40% longer)
// without text that overflows or is cut off by its box, or controls that overlap. The steps find
// elements by role and by their English name or its en-XA form (`xa`), so the walk holds before and
// after each screen's words move into messages. First, the helpers themselves, on small pages.
import type { Page } from '@playwright/test';
import { IDS } from '../sandbox/src/index';
import { english } from '../shared/i18n/english';
import { pseudoText } from '../shared/i18n/pseudo';
import { expectNoLayoutProblems, expectNoUntranslatedText, expectReadsRightToLeft, layoutProblems, xa, xaStart } from './support/layout';
import type { PreviewServer } from '../electron/preview/server';
import { DEFAULT_SIZE, MIN_SIZE } from '../electron/main/mainWindow';
import { callOf, deliveries, expect, peopleList, pick as pickIn, selectWithKeyboard as selectIn, test, type SandboxHandle } from './support/workflow';

test.describe('the layout helpers', () => {
  test('item 4: a fixed-width box with a long word overflows, ellipsis truncates, siblings overlap; text that fits passes', async ({ page }) => {
    await page.setContent(`
      <div id="fits" style="width: 300px"><p>Short text that wraps inside its box</p><button>One</button> <button>Two</button></div>
      <div id="spills" style="width: 120px"><p>Ïñṽîţéïñṽ_þéöþļéþéö_ţöööö_Ţéļéĝŕåɱ</p></div>
      <div id="clips" style="width: 120px; overflow: hidden; white-space: nowrap">Ïñṽîţé þéöþļé ţö ţĥé çåļļ</div>
      <div id="ellipsis" style="width: 120px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">Ïñṽîţé þéöþļé ţö ţĥé çåļļ</div>
      <div id="overlap" style="position: relative; height: 40px"><button style="position: absolute; left: 0">Çåñçéļ ţĥé ŕûñ</button><button style="position: absolute; left: 40px">Šţöþ</button></div>
      <div id="hidden" style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0)">A visually hidden text far longer than its one pixel</div>`);
    expect(await layoutProblems(page, '#fits')).toEqual([]);
    expect(await layoutProblems(page, '#hidden')).toEqual([]);
    expect(await layoutProblems(page, '#spills')).toEqual([expect.objectContaining({ kind: 'overflows', selector: 'div#spills > p', text: 'Ïñṽîţéïñṽ_þéöþļéþéö_ţöööö_Ţéļéĝŕåɱ' })]);
    expect(await layoutProblems(page, '#clips')).toEqual([expect.objectContaining({ kind: 'clipped', selector: 'div#clips', text: 'Ïñṽîţé þéöþļé ţö ţĥé çåļļ' })]);
    expect(await layoutProblems(page, '#ellipsis')).toEqual([expect.objectContaining({ kind: 'truncated', selector: 'div#ellipsis' })]);
    expect(await layoutProblems(page, '#overlap')).toEqual([
      expect.objectContaining({ kind: 'overlaps', selector: 'div#overlap > button:nth-of-type(1)', text: 'Çåñçéļ ţĥé ŕûñ', detail: expect.stringContaining('Šţöþ') }),
    ]);
    // The same long word breaks where the box ends once the stylesheet lets it: no problem left.
    await page.locator('#spills p').evaluate((p) => (p.style.overflowWrap = 'anywhere'));
    expect(await layoutProblems(page, '#spills')).toEqual([]);
    await expect(expectNoLayoutProblems(page, 'the test page', '#clips')).rejects.toThrow(/clipped: div#clips “Ïñṽîţé þéöþļé ţö ţĥé çåļļ”/);
  });

  test('item 3: expectReadsRightToLeft passes for a right-to-left row that wraps and fails for a left-to-right one', async ({ page }) => {
    const chips = (dir: string) => `
      <ul dir="${dir}" style="width: 260px; display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0">
        ${['Ada Lovelace', 'Grace Vance', 'Linus Brook', 'Barbara Lin', 'Dennis Rowe'].map((n) => `<li style="padding: 2px 8px">${n}</li>`).join('')}
      </ul>`;
    await page.setContent(chips('rtl'));
    const items = page.getByRole('listitem');
    // Five chips in 260 px: the row wraps, so both rules (left of the previous, a new row at the right) are used.
    const tops = new Set(await items.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top)));
    expect(tops.size).toBeGreaterThan(1);
    await expectReadsRightToLeft(items);
    await page.setContent(chips('ltr'));
    await expect(expectReadsRightToLeft(items)).rejects.toThrow(/items out of right-to-left order/);
  });

  test('item 4: xa matches the English words and their en-XA form, values as they are', () => {
    expect('Choose Rust Meetup Berlin').toMatch(xa`Choose ${'Rust Meetup Berlin'}`);
    expect('ÇĥööšéÇĥö Rust Meetup Berlin').toMatch(xa`Choose ${'Rust Meetup Berlin'}`);
    expect('ÇĥööšéÇĥö Rust Meetup Berlin').not.toMatch(xa`Choose ${'Rust Meetup'}`);
    expect('ÎñṽîţéÎñṽ 3 þéöþļéþéö').toMatch(xa`Invite ${3} people`);
    expect('Finished — 3 of 3 people, request 1 of 1').toMatch(xaStart`Finished — `);
  });
});

// The default window and the smallest one Rollcall allows.
for (const size of [DEFAULT_SIZE, MIN_SIZE]) {
  test.describe(`every main screen in en-XA, ${size.width}×${size.height}`, () => {
    test.use({
      locale: 'en-XA',
      viewport: { ...size },
      // Some of the invited join, so the run shows attendance and the timeline has joins.
      sandboxOptions: { controls: { attendance: { joinShare: 0.4, delayMs: [300, 2500], leaveShare: 0, uninvited: 0, seed: 1 } } },
    });

    test('item 4: sign-in, calls, planned runs, picker with chips, a run waiting and finished with its charts, audiences, history, settings and the dialogs: no text overflows, nothing overlaps', async ({ page, app, sandbox }) => {
      test.setTimeout(180_000);
      await walkEveryScreen(page, app, sandbox);
    });
  });
}

/** Every main screen, checked as it is reached. */
async function walkEveryScreen(page: Page, app: PreviewServer, sandbox: () => SandboxHandle): Promise<void> {
  const nav = (name: RegExp) => page.getByRole('navigation', { name: xa`Main` }).getByRole('button', { name });
  const check = async (where: string) => {
    await expectNoLayoutProblems(page, where);
    await expectNoUntranslatedText(page, where);
  };

  // Sign-in, in the pseudo-locale: the tagline (already a message) is accented and longer.
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  await expect(page.getByText(pseudoText(english('app.tagline')), { exact: true })).toBeVisible();
  await expect(page.getByText(/ÎñṽîţéÎñṽ/)).toBeVisible();
  await check('the welcome screen');

  await page.getByRole('button', { name: xa`Use a sandbox test account` }).click();
  await expect(page.getByRole('heading', { name: xa`Sign in to the sandbox` })).toBeVisible();
  await check('the sandbox sign-in');
  await page.getByRole('textbox', { name: xa`Phone number` }).fill('9996620001');
  await page.getByRole('button', { name: xa`Send code` }).click();
  const code = page.getByRole('textbox', { name: xa`Login code` });
  await code.fill('11111');
  await page.getByRole('button', { name: xa`Sign in` }).click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await check('the code step with a wrong code explained');
  await code.fill('22222');
  await page.getByRole('button', { name: xa`Sign in` }).click();

  // The calls, live and scheduled.
  await expect(page.getByRole('heading', { name: xa`Choose a call` })).toBeVisible();
  await expect(page.getByRole('list', { name: xa`Scheduled calls` })).toBeVisible();
  await check('the calls');

  // A planned run for the scheduled call.
  await chooseCall(page, 'Board Games Night');
  for (const name of ['Barbara Lin', 'Dennis Rowe', 'Linus Brook']) await pick(page, name);
  await page.getByRole('button', { name: xa`Invite when it starts (${3} people)` }).click();
  await expect(page.getByRole('list', { name: xa`Planned runs` })).toBeVisible();
  await check('the planned run');

  // The picker with people and chips; a run that waits out a flood wait.
  await nav(xa`Calls`).click();
  await chooseCall(page, 'Rust Meetup Berlin');
  await selectWithKeyboard(page, 'duarte', 30);
  await expect(page.getByRole('status').filter({ hasText: xa`${30} people selected` })).toBeVisible();
  await expect(page.getByRole('list', { name: xa`Selected people` }).getByRole('listitem')).toHaveCount(12);
  await check('the picker with chips');
  sandbox().controls.rateLimits = { 'phone.inviteToGroupCall': { requests: 2, windowSeconds: 10 } };
  await page.getByRole('button', { name: xa`Invite ${30} people` }).click();
  await expect(runStatus(page)).toHaveText(xaStart`Waiting for Telegram — ${20} of ${30} people`);
  await check('a run waiting out a flood wait');
  // The close question and the sign-out question, while it waits.
  expect(app.requestClose()).toBe(true);
  const close = page.getByRole('dialog', { name: xa`A run is still sending invites` });
  await expect(close).toBeVisible();
  await check('the close question');
  await close.getByRole('button', { name: xa`Cancel` }).click();
  await expect(close).toHaveCount(0);
  await page.getByRole('button', { name: xa`Sign out` }).click();
  const signOut = page.getByRole('alertdialog', { name: xa`Sign out during a run` });
  await expect(signOut).toBeVisible();
  await check('the sign-out question');
  await signOut.getByRole('button', { name: xa`Keep signed in` }).click();

  // The finished run, its charts and the attendance.
  await expect(runStatus(page)).toHaveText(xaStart`Finished — ${30} of ${30} people`, { timeout: 30_000 });
  await expect.poll(() => sandbox().world.pendingAttendance()).toBe(0);
  await expect(page.getByRole('figure', { name: xa`Invites and joins over time` })).toBeVisible();
  expect(deliveries(sandbox(), callOf(sandbox(), IDS.rustMeetup).id).size).toBe(30);
  await check('the finished run with its charts');

  // Audiences: saved from the run, then the picker's source, a new one, and deleting one.
  await page.getByRole('button', { name: xa`Save as audience` }).click();
  const save = page.getByRole('form', { name: xa`Save as audience` });
  await save.getByRole('textbox', { name: xa`Audience name` }).fill('Tuesday regulars');
  await check('saving a run as an audience');
  await save.getByRole('button', { name: xa`Save audience` }).click();
  await page.getByRole('button', { name: xa`Invite more people` }).click();
  await page.getByRole('tab', { name: xa`Audiences` }).click();
  await page.getByRole('combobox', { name: xa`Audience` }).selectOption({ label: 'Tuesday regulars (30)' });
  await expect(peopleList(page).getByRole('option')).not.toHaveCount(0);
  await check('an audience as the picker’s source');
  await page.getByRole('button', { name: xa`New audience from a list or CSV…` }).click();
  await expect(page.getByRole('form', { name: xa`New audience` })).toBeVisible();
  await check('a new audience from a list');
  await page.getByRole('group', { name: xa`Manage ${'Tuesday regulars'}` }).getByRole('button', { name: xa`Delete…` }).click();
  await expect(page.getByRole('group', { name: xa`Delete ${'Tuesday regulars'}?` })).toBeVisible();
  await check('deleting an audience');

  // History and settings.
  await nav(xa`History`).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await check('the history');
  await nav(xa`Settings`).click();
  await expect(page.getByRole('heading', { name: xa`Settings` })).toBeVisible();
  await check('the settings');
}

/** The live or scheduled call of a chat, and its picker once its people are in. */
async function chooseCall(page: Page, chatTitle: string): Promise<void> {
  await page.getByRole('button', { name: xaStart`Choose ${chatTitle}` }).click();
  await expect(page.getByRole('heading', { name: xaStart`Invite people to ${chatTitle}` })).toBeVisible();
  await expect(peopleList(page).getByRole('option').first()).toBeVisible();
}

const filterBox = (page: Page) => page.getByRole('searchbox', { name: xa`Filter people` });
const pick = (page: Page, name: string) => pickIn(page, name, filterBox(page));
const selectWithKeyboard = (page: Page, filter: string, n: number) => selectIn(page, filter, n, filterBox(page));

const runStatus = (page: Page) => page.getByRole('status').filter({ hasText: / — / }).first();
