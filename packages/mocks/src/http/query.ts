import type { PageBody } from '@identity-kit/sdk';
import { encodeCursor, type PageQuery, type Position } from '@identity-kit/sdk/contract';

/** How a list is ordered. The same comparison sorts the list and finds where a cursor resumes. */
export interface Ordering<T> {
  /** Scopes cursors, so one list's cursor is refused by another. */
  list: string;
  sortKey(item: T): string;
  id(item: T): string;
  descending: boolean;
  /** Default: code-point order, which sorts ISO timestamps chronologically. */
  compareSort?: (a: string, b: string) => number;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** `usr_0009` before `usr_0010` before `usr_10000`: generated ids grow in length only after 9999. */
const byId = (a: string, b: string) => a.length - b.length || byCodePoint(a, b);

function compareWith<T>(order: Ordering<T>) {
  const compareSort = order.compareSort ?? byCodePoint;
  const sign = order.descending ? -1 : 1;
  return (a: Position, b: Position) => sign * (compareSort(a.sort, b.sort) || byId(a.id, b.id));
}

/**
 * Keyset pagination: the cursor holds the last item's position and the next page starts strictly after it,
 * so items added or removed while an admin pages neither shift anyone onto a second page nor skip anyone.
 */
export function paginate<T, U>(
  items: readonly T[],
  order: Ordering<T>,
  { limit, after }: PageQuery,
  toBody: (item: T) => U,
): PageBody<U> {
  const compare = compareWith(order);
  const position = (item: T): Position => ({ sort: order.sortKey(item), id: order.id(item) });
  const sorted = items.map((item) => ({ item, at: position(item) })).sort((a, b) => compare(a.at, b.at));
  const rest = after ? sorted.filter(({ at }) => compare(at, after) > 0) : sorted;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ item }) => toBody(item)),
    nextCursor: rest.length > limit && last ? encodeCursor(order.list, last.at) : null,
    totalCount: items.length,
  };
}
