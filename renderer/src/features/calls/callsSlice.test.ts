// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { call } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';

const meetup = call();
const bookClub = call({ id: '9002', chat: { id: '501', title: 'Book club', kind: 'group', username: null }, title: null });

beforeEach(freshStore);

describe('callsSlice', () => {
  it('item 8: loadCalls is loading meanwhile, then lists the calls', async () => {
    const release = fake.hold('callsList');
    const loading = useStore.getState().loadCalls();
    expect(useStore.getState().callsLoading).toBe(true);
    release(okResult({ calls: [meetup, bookClub] }));
    await loading;
    expect(useStore.getState()).toMatchObject({ calls: [meetup, bookClub], callsLoading: false, callsError: null });
    expect(fake.sent('callsList')).toEqual([{}]);
  });

  it('item 8: loadCalls refreshes the chosen call’s summary when it is still listed', async () => {
    useStore.setState({ selectedCall: meetup });
    const fresher = { ...meetup, participantsCount: 40, warnings: ['notJoined' as const] };
    fake.answer('callsList', () => okResult({ calls: [fresher] }));
    await useStore.getState().loadCalls();
    expect(useStore.getState().selectedCall).toEqual(fresher);

    fake.answer('callsList', () => okResult({ calls: [bookClub] }));
    await useStore.getState().loadCalls();
    expect(useStore.getState().selectedCall).toEqual(fresher);
  });

  it('item 8: a failed loadCalls keeps the error and the calls it had', async () => {
    useStore.setState({ calls: [meetup] });
    fake.answer('callsList', () => failResult('BACKEND_UNREACHABLE'));
    await useStore.getState().loadCalls();
    expect(useStore.getState()).toMatchObject({ calls: [meetup], callsLoading: false, callsError: { code: 'BACKEND_UNREACHABLE' } });
  });

  it('item 8: choosing a new call opens the picker on its members and forgets the last call’s refusals', () => {
    useStore.setState({
      selectedCall: bookClub,
      inviteBlocked: { code: 'GROUPCALL_FORBIDDEN', message: 'ended' },
      runError: { code: 'INTERNAL', message: 'x' },
      inviteLinkError: { code: 'INTERNAL', message: 'y' },
      linkError: { code: 'LINK_INVALID', message: 'z' },
    });
    useStore.getState().chooseCall(meetup);
    expect(useStore.getState()).toMatchObject({
      selectedCall: meetup, view: 'people', inviteBlocked: null, runError: null, inviteLinkError: null, linkError: null,
    });
    expect(fake.sent('peopleStreamStart')).toEqual([expect.objectContaining({ from: { source: 'members', callId: meetup.id } })]);
  });

  it('item 8: choosing the same call again keeps the picker as it was', () => {
    useStore.setState({ selectedCall: meetup, runError: { code: 'INTERNAL', message: 'kept' }, view: 'run' });
    useStore.getState().chooseCall(meetup);
    expect(useStore.getState()).toMatchObject({ view: 'people', runError: { message: 'kept' } });
    expect(fake.requests).toEqual([]);
  });

  it('item 8: openCallLink resolves the trimmed link and chooses the call', async () => {
    const release = fake.hold('callsResolveLink');
    const opening = useStore.getState().openCallLink('  https://t.me/rustberlin?videochat  ');
    expect(useStore.getState().callLinkPending).toBe(true);
    release(okResult(meetup));
    await opening;
    expect(fake.sent('callsResolveLink')).toEqual([{ link: 'https://t.me/rustberlin?videochat' }]);
    expect(useStore.getState()).toMatchObject({ callLinkPending: false, selectedCall: meetup, view: 'people' });
  });

  it('item 8: a link that does not resolve keeps its error until cleared, and chooses nothing', async () => {
    fake.answer('callsResolveLink', () => failResult('LINK_INVALID'));
    await useStore.getState().openCallLink('t.me/nothing');
    expect(useStore.getState()).toMatchObject({ callLinkPending: false, selectedCall: null, linkError: { code: 'LINK_INVALID' } });
    useStore.getState().clearLinkError();
    expect(useStore.getState().linkError).toBeNull();
  });

  it('item 8: resetCalls forgets the calls, the choice and the errors', () => {
    useStore.setState({ calls: [meetup], selectedCall: meetup, callsError: { code: 'INTERNAL', message: '' }, linkError: { code: 'INTERNAL', message: '' }, callLinkPending: true });
    useStore.getState().resetCalls();
    expect(useStore.getState()).toMatchObject({ calls: null, selectedCall: null, callsError: null, linkError: null, callLinkPending: false });
  });
});
