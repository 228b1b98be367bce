import { notFound } from '@identity-kit/sdk/contract';
import type { StoredDirectoryConnection, StoredScimConnection } from '../state';
import type { MockWorkspace } from '../workspace';

export function scimConnectionOr404(ws: MockWorkspace, id: string | undefined): StoredScimConnection {
  const connection = ws.state.scimConnections.find((c) => c.id === id);
  if (!connection) throw notFound('This SCIM connection does not exist. It may have been disconnected.');
  return connection;
}

export function directoryConnectionOr404(
  ws: MockWorkspace,
  id: string | undefined,
): StoredDirectoryConnection {
  const connection = ws.state.directoryConnections.find((c) => c.id === id);
  if (!connection) throw notFound('This directory connection does not exist. It may have been disconnected.');
  return connection;
}

/** Newest first, as every list of the contract except groups. */
export function newestFirst<T extends { createdAt: string }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.createdAt.localeCompare(a.item.createdAt) || b.index - a.index)
    .map(({ item }) => item);
}
