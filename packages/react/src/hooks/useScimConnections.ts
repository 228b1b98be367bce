import type { ScimConnectionCreateParams, ScimConnectionUpdateParams } from '@identity-kit/sdk';
import { scimConnectionsKey } from '../query/keys';
import { scimConnectionsQueryOptions } from '../query/options';
import { removeFrom, upsert, useKitMutation, useKitQuery } from './kit-query';

/** The workspace's SCIM connections; polled while one waits for its provider. */
export function useScimConnections() {
  return useKitQuery(scimConnectionsQueryOptions);
}

/** Resolves to `{ connection, token }`. The token is not cached anywhere: show it, then let it go. */
export function useCreateScimConnection() {
  return useKitMutation(
    (client, params: ScimConnectionCreateParams) => client.scimConnections.create(params),
    (cache, { connection }, _, ws) => upsert(cache, scimConnectionsKey(ws), connection),
  );
}

export function useUpdateScimConnection() {
  return useKitMutation(
    (client, { id, ...params }: ScimConnectionUpdateParams & { id: string }) =>
      client.scimConnections.update(id, params),
    (cache, connection, _, ws) => upsert(cache, scimConnectionsKey(ws), connection),
  );
}

export function useDeleteScimConnection() {
  return useKitMutation(
    (client, id: string) => client.scimConnections.delete(id),
    (cache, _, id, ws) => removeFrom(cache, scimConnectionsKey(ws), id),
  );
}

/** Resolves to `{ connection, token }` with the new token, shown once. */
export function useStartScimTokenRotation() {
  return useKitMutation(
    (client, id: string) => client.scimConnections.startTokenRotation(id),
    (cache, { connection }, _, ws) => upsert(cache, scimConnectionsKey(ws), connection),
  );
}

/**
 * Retires the old token. Refused with a `ConflictError` (`new_token_unused`) while the provider has not used the
 * new token yet; `force: true` retires it anyway.
 */
export function useCompleteScimTokenRotation() {
  return useKitMutation(
    (client, { id, force }: { id: string; force?: boolean }) =>
      client.scimConnections.completeTokenRotation(id, force ? { force } : undefined),
    (cache, connection, _, ws) => upsert(cache, scimConnectionsKey(ws), connection),
  );
}

export function useCancelScimTokenRotation() {
  return useKitMutation(
    (client, id: string) => client.scimConnections.cancelTokenRotation(id),
    (cache, connection, _, ws) => upsert(cache, scimConnectionsKey(ws), connection),
  );
}
