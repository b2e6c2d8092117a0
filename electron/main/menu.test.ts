// The native menu: the template for each OS and build, and the installer over the Electron stand-in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, Menu, record, resetElectronStandIn, shell, type FakeMenu } from './test/electronStandIn';
import type { UiLocale } from '../../shared/i18n/locales';
import { createTranslator } from '../../shared/i18n/translate';
import { ACCELERATORS, buildMenuTemplate, installAppMenu } from './menu';

vi.mock('electron', async () => (await import('./test/electronStandIn')).electronModule);

const { t } = createTranslator('en');
const actions = () => ({ command: vi.fn(), openLogsFolder: vi.fn(), reportProblem: vi.fn(), about: vi.fn() });

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).flatMap((item) => (item.role ? [item.role] : []));
/** Rollcall's own items' labels and the menus' (the OS's own items are checked by role). */
const labels = (items: MenuItemConstructorOptions[]) =>
  flatten(items).flatMap((item) => (item.label && !(item.role && !item.submenu) ? [item.label] : []));
const allLabels = (items: MenuItemConstructorOptions[]) => flatten(items).flatMap((item) => (item.label ? [item.label] : []));
/** Reload and DevTools, and the roles whose default submenus would bring them back. */
const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'editMenu', 'fileMenu', 'appMenu'];

describe('the menu template', () => {
  it('item 2: macOS has the app menu first, with About, Settings, Sign Out and Quit', () => {
    const template = buildMenuTemplate({ platform: 'darwin', packaged: true, appName: 'Rollcall', commands: actions(), t });
    expect(template.map((m) => m.label)).toEqual(['Rollcall', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels([template[0]!])).toEqual(['Rollcall', 'About Rollcall', 'Settings…', 'Sign Out…']);
    expect(roles([template[0]!])).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(labels([template[1]!])).toEqual(['File', 'New Invite', 'History']);
  });

  it.each(['win32', 'linux'] as const)('item 2: %s has File/Edit/View/Window/Help, the commands in File, About in Help', (platform) => {
    const template = buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands: actions(), t });
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels([template[0]!])).toEqual(['File', 'New Invite', 'History', 'Settings', 'Sign Out…']);
    expect(roles([template[0]!])).toEqual(['quit']);
    expect(labels([template[4]!])).toEqual(['Help', 'Open Logs Folder', 'Report a Problem…', 'About Rollcall']);
  });

  it.each(['darwin', 'win32', 'linux'] as const)('item 2: on %s, no Reload or DevTools when packaged; both in development', (platform) => {
    const packaged = roles(buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands: actions(), t }));
    for (const role of DEVELOPER_ROLES) expect(packaged).not.toContain(role);
    const dev = roles(buildMenuTemplate({ platform, packaged: false, appName: 'Rollcall', commands: actions(), t }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it.each(['darwin', 'win32', 'linux'] as const)('item 2: on %s, the commands have their accelerators and send their command', (platform) => {
    const commands = actions();
    const items = flatten(buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands, t }));
    const byLabel = (label: string) => items.find((item) => item.label === label)!;
    expect(byLabel('New Invite').accelerator).toBe(ACCELERATORS.newInvite);
    expect(byLabel('History').accelerator).toBe(ACCELERATORS.history);
    expect(byLabel(platform === 'darwin' ? 'Settings…' : 'Settings').accelerator).toBe('CmdOrCtrl+,');
    // Cmd+Shift+Q is macOS's Log Out: signing out has no accelerator.
    expect(byLabel('Sign Out…').accelerator).toBeUndefined();
    const click = (label: string) => byLabel(label).click!({} as never, undefined, {} as never);
    for (const [label, command] of [
      ['New Invite', 'newInvite'],
      ['History', 'history'],
      [platform === 'darwin' ? 'Settings…' : 'Settings', 'settings'],
      ['Sign Out…', 'signOut'],
    ] as const) {
      click(label);
      expect(commands.command).toHaveBeenLastCalledWith(command);
    }
    click('Open Logs Folder');
    click('Report a Problem…');
    click('About Rollcall');
    expect(commands.openLogsFolder).toHaveBeenCalledOnce();
    expect(commands.reportProblem).toHaveBeenCalledOnce();
    expect(commands.about).toHaveBeenCalledOnce();
  });

  it('item 2: no accelerator is used twice, each command has one item (its id), and no link leaves the app', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = flatten(buildMenuTemplate({ platform, packaged: false, appName: 'Rollcall', commands: actions(), t }));
      const accelerators = items.flatMap((item) => (item.accelerator ? [item.accelerator] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
      const ids = items.flatMap((item) => (item.id ? [item.id] : []));
      expect(ids.sort()).toEqual(['history', 'newInvite', 'settings', 'signOut']);
      expect(JSON.stringify(items)).not.toMatch(/electronjs|https?:/);
    }
  });
});

describe('the menu in the organiser\'s language', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('item 1: on %s, every item has a label in English, the OS\'s own items too', (platform) => {
    const template = buildMenuTemplate({ platform, packaged: false, appName: 'Rollcall', commands: actions(), t });
    const items = flatten(template).filter((item) => item.type !== 'separator');
    expect(items.filter((item) => !item.label)).toEqual([]);
    const byRole = (role: string) => items.find((item) => item.role === role)?.label;
    expect(byRole('copy')).toBe('Copy');
    expect(byRole('togglefullscreen')).toBe('Toggle Full Screen');
    expect(byRole('quit')).toBe({ darwin: 'Quit Rollcall', win32: 'Exit', linux: 'Quit' }[platform]);
    if (platform === 'darwin') expect(byRole('hide')).toBe('Hide Rollcall');
  });

  it.each(['darwin', 'win32', 'linux'] as const)('item 1: on %s, the same menu in Russian and in the pseudo-locale, the app\'s name untouched', (platform) => {
    const english = buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands: actions(), t });
    for (const locale of ['ru', 'en-XA'] as const) {
      const translated = createTranslator(locale);
      const template = buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands: actions(), t: translated.t });
      // Same items, same roles and commands, in the same places: only the words differ.
      expect(flatten(template).map((item) => [item.role, item.id, item.accelerator])).toEqual(flatten(english).map((item) => [item.role, item.id, item.accelerator]));
      const label = (id: string) => flatten(template).find((item) => item.id === id)?.label;
      expect(label('newInvite')).toBe(translated.t('main.menu.newInvite'));
      expect(label('signOut')).toBe(translated.t('main.menu.signOut'));
      expect(template.at(-1)!.label).toBe(translated.t('main.menu.help'));
      expect(allLabels(template)).toContain(translated.t('main.menu.about', { appName: 'Rollcall' }));
      expect(allLabels(template).join(' ')).toContain('Rollcall');
    }
    // The pseudo-locale proves the words come from the translator (Russian does once translated).
    const pseudo = allLabels(buildMenuTemplate({ platform, packaged: true, appName: 'Rollcall', commands: actions(), t: createTranslator('en-XA').t }));
    expect(pseudo.filter((text) => allLabels(english).includes(text) && text !== 'Rollcall')).toEqual([]);
  });
});

describe('the menu installer', () => {
  beforeEach(() => resetElectronStandIn());

  const language: { locale: UiLocale } = { locale: 'en' };
  function install(packaged: boolean) {
    language.locale = 'en';
    app.isPackaged = packaged;
    const window = { isDestroyed: vi.fn(() => false), isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const options = { getWindow: vi.fn(() => window as never), sendCommand: vi.fn(), reportProblem: vi.fn(async () => {}), logError: vi.fn() };
    const rebuild = installAppMenu({ ...options, translator: () => createTranslator(language.locale) });
    return { window, options, rebuild, menu: () => record.applicationMenu as FakeMenu };
  }

  it('item 9: sets the application menu built from the template, and the About panel', () => {
    const { menu } = install(true);
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(roles(menu().template)).not.toContain('toggleDevTools');
    expect(app.setAboutPanelOptions).toHaveBeenCalledWith(expect.objectContaining({ applicationName: 'Rollcall', applicationVersion: '0.1.0' }));
  });

  it('item 9: a command restores and focuses the window, then goes to the renderer', () => {
    const { window, options, menu } = install(true);
    menu().click('History');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(options.sendCommand).toHaveBeenCalledWith('history');
  });

  it('item 9: Help opens the logs folder, reports a problem, shows About', async () => {
    const { options, menu } = install(false);
    const logs = join(mkdtempSync(join(tmpdir(), 'rollcall-menu-')), 'logs');
    vi.spyOn(app, 'getPath').mockReturnValue(logs);
    menu().click('Open Logs Folder');
    await vi.waitFor(() => expect(shell.openPath).toHaveBeenCalledWith(logs));
    expect(app.getPath).toHaveBeenCalledWith('logs');
    menu().click('Report a Problem…');
    expect(options.reportProblem).toHaveBeenCalledOnce();
    menu().click('About Rollcall');
    expect(app.showAboutPanel).toHaveBeenCalledOnce();
  });

  it('item 9: a failed report is logged, not thrown', async () => {
    const { options, menu } = install(true);
    options.reportProblem.mockRejectedValueOnce(new Error('no clipboard'));
    menu().click('Report a Problem…');
    await vi.waitFor(() => expect(options.logError).toHaveBeenCalledWith('Reporting a problem failed', expect.any(Error)));
  });

  it('item 2: the menu is built again in the new language when it changes', () => {
    const { rebuild, menu } = install(true);
    expect(menu().template.at(-1)!.label).toBe('Help');
    language.locale = 'en-XA';
    rebuild();
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect(menu().template.at(-1)!.label).toBe(createTranslator('en-XA').t('main.menu.help'));
    expect(app.setAboutPanelOptions).toHaveBeenLastCalledWith(expect.objectContaining({ copyright: createTranslator('en-XA').t('main.about.copyright', { year: 2026 }) }));
  });
});
