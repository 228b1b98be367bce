import type {
  DirectoryConnection,
  DirectoryConnectionCreateParams,
  DirectoryConnectionUpdateParams,
} from '@identity-kit/sdk';
import { directoryConnectionsKey, syncRunsKey } from '../query/keys';
import { directoryConnectionsQueryOptions, syncRunsQueryOptions } from '../query/options';
import { removeFrom, upsert, useKitMutation, useKitQuery } from './kit-query';

/** The workspace's directory connections; polled while one validates or syncs. */
export function useDirectoryConnections() {
  return useKitQuery(directoryConnectionsQueryOptions);
}

/** The latest sync runs of one connection. */
export function useSyncRuns(connectionId: string, options: { refetchInterval?: number | false } = {}) {
  return useKitQuery((client) => syncRunsQueryOptions(client, connectionId), options);
}

export function useCreateDirectoryConnection() {
  return useKitMutation(
    (client, params: DirectoryConnectionCreateParams) => client.directoryConnections.create(params),
    (cache, connection, _, ws) => upsert(cache, directoryConnectionsKey(ws), connection),
  );
}

/** A secret left out of `credentials` keeps its stored value. */
export function useUpdateDirectoryConnection() {
  return useKitMutation(
    (client, { id, ...params }: DirectoryConnectionUpdateParams & { id: string }) =>
      client.directoryConnections.update(id, params),
    (cache, connection, _, ws) => upsert(cache, directoryConnectionsKey(ws), connection),
  );
}

export function useDeleteDirectoryConnection() {
  return useKitMutation(
    (client, id: string) => client.directoryConnections.delete(id),
    (cache, _, id, ws) => removeFrom(cache, directoryConnectionsKey(ws), id),
  );
}

export function useStartSync() {
  return useKitMutation(
    (client, connectionId: string) => client.directoryConnections.syncs.start(connectionId),
    (cache, run, connectionId, ws) => {
      cache.setQueryData<DirectoryConnection[]>(directoryConnectionsKey(ws), (list) =>
        list?.map((c) => (c.id === connectionId ? { ...c, state: 'syncing', lastSyncRun: run } : c)),
      );
      return cache.invalidateQueries({ queryKey: syncRunsKey(ws, connectionId) });
    },
  );
}
