// Puts a fake main process where the preload puts the real one (window.rollcall), before the
// store is imported: import this first in a test file that imports the store.
import { createFakeBridge } from './fakeBridge';

export const fake = createFakeBridge();
window.rollcall = fake.api;
