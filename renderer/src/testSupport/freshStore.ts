// Between tests: the store back to its first state (including the runs slice's early progress)
// and the fake main process with no requests and no answers.
import { useStore } from '../store';
import { fake } from './installFakeBridge';

export function freshStore(): void {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().resetRuns();
  fake.reset();
}
