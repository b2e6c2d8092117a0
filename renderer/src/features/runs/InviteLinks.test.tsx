// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../../testSupport/render';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';
import { InviteLinks } from './InviteLinks';

const copied: string[] = [];

beforeEach(() => {
  freshStore();
  copied.length = 0;
  // The clipboard is the browser's: jsdom has none, so the test plays it.
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async (text: string) => void copied.push(text) } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InviteLinks', () => {
  it('item 8: copies the speaker link, says so and shows it; a second copy asks nobody', async () => {
    fake.answer('inviteExportLink', ({ role }) => okResult({ link: `https://t.me/rust?voicechat=${role}` }));
    render(<InviteLinks heading="Share the call’s link" callId="9001" />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy speaker link' })));
    expect(copied).toEqual(['https://t.me/rust?voicechat=speaker']);
    expect(screen.getByRole('status').textContent).toBe('Speaker link copied.');
    expect(screen.getByRole('textbox', { name: 'Speaker link' })).toHaveProperty('value', 'https://t.me/rust?voicechat=speaker');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy speaker link' })));
    expect(fake.sent('inviteExportLink')).toEqual([{ callId: '9001', role: 'speaker' }]);
    expect(copied).toHaveLength(2);
  });

  it('item 8: a refused link shows the catalogue’s error and copies nothing', async () => {
    fake.answer('inviteExportLink', () => failResult('CHAT_ADMIN_REQUIRED'));
    render(<InviteLinks heading="Share the call’s link" callId="9001" />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy listener link' })));
    expect(copied).toEqual([]);
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
