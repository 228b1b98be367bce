// Tests only: what every connector's tests do with a read — collect its pages, catch its error, wait on a fake clock.
import { expect } from 'vitest';
import { DirectoryError, type DirectoryPage, type DirectoryRead } from '../connector';

/** Retries wait on this clock: it records each wait and returns at once. */
export function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** The read's pages, all of them or the first `stopAfter`. */
export async function collect(
  read: DirectoryRead,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<DirectoryPage[]> {
  const pages: DirectoryPage[] = [];
  for await (const page of read.pages) {
    pages.push(page);
    if (pages.length >= stopAfter) break;
  }
  return pages;
}

export const usersOf = (pages: DirectoryPage[]) => pages.flatMap((p) => p.users ?? []);
export const groupsOf = (pages: DirectoryPage[]) => pages.flatMap((p) => p.groups ?? []);

/** The DirectoryError the promise rejects with (and a failed assertion when it does not). */
export async function failure(promise: Promise<unknown>): Promise<DirectoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DirectoryError);
  return error as DirectoryError;
}
