// The full read both pull connectors share: every user page by page, then every group with its whole member
// list, each page carrying the exact point a stopped run resumes from. Providers differ only in how a page of
// users, a page of groups and a group's members are fetched.
import type { DirectoryGroup, DirectoryPage, DirectoryUser } from '../connector';
import { DirectoryError } from '../connector';

/** Where a full read stands: a provider page reference (next link, page token; null for the first page). */
export type FullReadPosition =
  | { phase: 'users'; page: string | null }
  /** `skip`: groups of `page` already applied, so a resumed run neither repeats nor misses one. */
  | { phase: 'groups'; page: string | null; skip: number };

export interface FullReadSource {
  users(page: string | null): Promise<{ users: DirectoryUser[]; next: string | null }>;
  groups(
    page: string | null,
  ): Promise<{ groups: { externalId: string; displayName: string }[]; next: string | null }>;
  /** Every user member of the group, or null when the group was deleted since it was listed. */
  members(groupId: string): Promise<string[] | null>;
}

/** Groups go to the engine in pages of about this many memberships, so one transaction stays small. */
export const MEMBERSHIPS_PER_PAGE = 1000;

export async function* readFull(
  source: FullReadSource,
  from: FullReadPosition,
  /** The resume string for a position; the connector adds whatever else it must carry (delta links). */
  resumeAt: (position: FullReadPosition) => string,
  signal?: AbortSignal,
): AsyncGenerator<DirectoryPage> {
  let position = from;
  if (position.phase === 'users') {
    let page = position.page;
    for (;;) {
      signal?.throwIfAborted();
      const { users, next } = await source.users(page);
      page = next;
      // The groups still follow, so even the last page of users names a resume point.
      yield { users, resumeFrom: resumeAt(next ? { phase: 'users', page: next } : groupsStart) };
      if (!next) break;
    }
    position = groupsStart;
  }

  let page = position.page;
  let skip = position.phase === 'groups' ? position.skip : 0;
  for (;;) {
    signal?.throwIfAborted();
    const listed = await source.groups(page);
    const rest = listed.groups.slice(skip);
    let batch: DirectoryGroup[] = [];
    let memberships = 0;
    for (const [index, group] of rest.entries()) {
      signal?.throwIfAborted();
      const members = await source.members(group.externalId);
      if (members) {
        batch.push({ ...group, memberExternalIds: members });
        memberships += members.length;
      }
      const done = skip + index + 1;
      const pageDone = done === listed.groups.length;
      if (memberships >= MEMBERSHIPS_PER_PAGE || pageDone) {
        const after: FullReadPosition | null = !pageDone
          ? { phase: 'groups', page, skip: done }
          : listed.next
            ? { phase: 'groups', page: listed.next, skip: 0 }
            : null;
        yield { groups: batch, resumeFrom: after && resumeAt(after) };
        batch = [];
        memberships = 0;
        if (!after) return;
      }
    }
    if (!listed.next) break;
    page = listed.next;
    skip = 0;
  }
  // No groups at all (or the last page of groups came back empty): the run still ends on a page without a
  // resume point.
  yield { resumeFrom: null };
}

const groupsStart: FullReadPosition = { phase: 'groups', page: null, skip: 0 };

/** Resume points and cursors are JSON this connector wrote; anything else is a mistake worth saying. */
export function parseState<T>(provider: string, what: string, value: string): T {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object') return parsed as T;
  } catch {}
  throw new DirectoryError(
    'bad_response',
    `This ${what} was not written by the ${provider} connector; start a full sync instead.`,
  );
}
