// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { freshStore } from '../../testSupport/freshStore';

beforeEach(freshStore);

describe('updateSlice', () => {
  it('item 8: offerUpdate shows the version on offer, forgetting an earlier answer', () => {
    useStore.setState({ updateAnswer: 'refused' });
    useStore.getState().offerUpdate({ version: '0.2.0' });
    expect(useStore.getState()).toMatchObject({ updateReady: { version: '0.2.0' }, updateAnswer: null });
  });

  it('item 8: restartForUpdate says it is restarting when the main process restarts', async () => {
    useStore.getState().offerUpdate({ version: '0.2.0' });
    fake.answer('updateRestart', () => okResult({ restarting: true }));
    await useStore.getState().restartForUpdate();
    expect(fake.sent('updateRestart')).toEqual([{}]);
    expect(useStore.getState()).toMatchObject({ updateReady: { version: '0.2.0' }, updateAnswer: 'restarting' });
  });

  it('item 8: a refused or failed restart takes the offer away and says why', async () => {
    for (const answer of [okResult({ restarting: false }), failResult('INTERNAL')]) {
      useStore.getState().offerUpdate({ version: '0.2.0' });
      fake.answer('updateRestart', () => answer);
      await useStore.getState().restartForUpdate();
      expect(useStore.getState()).toMatchObject({ updateReady: null, updateAnswer: 'refused' });
    }
  });

  it('item 8: postponeUpdate takes the offer away and sends nothing', () => {
    useStore.getState().offerUpdate({ version: '0.2.0' });
    useStore.getState().postponeUpdate();
    expect(useStore.getState()).toMatchObject({ updateReady: null, updateAnswer: null });
    expect(fake.requests).toEqual([]);
  });
});
