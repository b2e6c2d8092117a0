// People through the contract's stream, as the picker gets them: start a stream, wait for its
// last page, and read every page it sent from the test core's events.
import type { Person } from '../../../shared/domain/people';
import type { IpcError } from '../../../shared/ipc/result';
import type { PeopleStreamPage, PeopleStreamSource } from '../../../shared/ipc/contract';
import type { TestCore } from './host';

let streams = 0;

export interface StreamedPeople {
  people: Person[];
  total: number | null;
  error: IpcError | null;
  /** Every page of the stream, in the order it arrived (the last one says done). */
  pages: PeopleStreamPage[];
}

/** A fresh stream id, unique in this test process. */
export const newStreamId = (): string => `test-${++streams}`;

/** The pages this stream has sent so far. */
export function pagesOf(t: TestCore, streamId: string): PeopleStreamPage[] {
  return t.events.filter((e) => e.event === 'peopleStreamPage' && (e.payload as PeopleStreamPage).streamId === streamId).map((e) => e.payload as PeopleStreamPage);
}

/** Streams a source to its end (an error ends it too). */
export async function streamPeople(t: TestCore, from: PeopleStreamSource, timeoutMs = 30_000): Promise<StreamedPeople> {
  const streamId = newStreamId();
  await t.ok('peopleStreamStart', { streamId, from });
  const last = await t.nextEvent('peopleStreamPage', (p) => p.streamId === streamId && p.done, timeoutMs);
  const pages = pagesOf(t, streamId);
  return { people: pages.flatMap((p) => p.people), total: last.total, error: last.error, pages };
}

/** Every person of a source, or the test fails with the stream's error. */
export async function allPeople(t: TestCore, from: PeopleStreamSource): Promise<Person[]> {
  const { people, error } = await streamPeople(t, from);
  if (error) throw new Error(`streaming ${from.source} failed: ${error.code} ${error.message}`);
  return people;
}
