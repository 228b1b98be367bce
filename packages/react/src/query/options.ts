import type { DirectoryConnection, IdentityClient, ScimConnection, UserListParams } from '@identity-kit/sdk';
import { queryOptions } from '@tanstack/react-query';
import {
  directoryConnectionsKey,
  providersKey,
  reauthenticationKey,
  scimConnectionsKey,
  sessionPolicyKey,
  syncRunsKey,
  usersKey,
} from './keys';

// The SDK already retries what is worth retrying (with backoff and Retry-After); a second layer of retries
// here would only delay the error an admin needs to see.
const retry = false;

/** How often to look again while something is happening on the provider's side. */
export const POLL_MS = 2000;

export const providersQueryOptions = (client: IdentityClient) =>
  queryOptions({
    queryKey: providersKey(client.workspaceId),
    queryFn: ({ signal }) => client.providers.list({ signal }),
    staleTime: 60 * 60 * 1000, // the catalog changes with deployments, not with clicks
    retry,
  });

const scimBusy = (c: ScimConnection) => c.status === 'pending' || c.rotation !== null;

export const scimConnectionsQueryOptions = (client: IdentityClient) =>
  queryOptions({
    queryKey: scimConnectionsKey(client.workspaceId),
    queryFn: ({ signal }) => client.scimConnections.list({ signal }),
    // Waiting for the IdP's first request, or for it to switch tokens: watch for it.
    refetchInterval: (query) => (query.state.data?.some(scimBusy) ? POLL_MS : false),
    retry,
  });

const directoryBusy = (c: DirectoryConnection) => c.state === 'validating' || c.state === 'syncing';

export const directoryConnectionsQueryOptions = (client: IdentityClient) =>
  queryOptions({
    queryKey: directoryConnectionsKey(client.workspaceId),
    queryFn: ({ signal }) => client.directoryConnections.list({ signal }),
    refetchInterval: (query) => (query.state.data?.some(directoryBusy) ? POLL_MS : false),
    retry,
  });

export const syncRunsQueryOptions = (client: IdentityClient, connectionId: string, limit = 5) =>
  queryOptions({
    queryKey: syncRunsKey(client.workspaceId, connectionId),
    queryFn: async ({ signal }) =>
      (await client.directoryConnections.syncs.list(connectionId, { limit }, { signal })).data,
    retry,
  });

/** One page of users, with the total: the "did they arrive?" list. */
export const usersQueryOptions = (client: IdentityClient, params: UserListParams = {}) =>
  queryOptions({
    queryKey: usersKey(client.workspaceId, params),
    queryFn: async ({ signal }) => {
      const page = await client.users.list(params, { signal });
      return { data: page.data, totalCount: page.totalCount, nextCursor: page.nextCursor };
    },
    retry,
  });

export const sessionPolicyQueryOptions = (client: IdentityClient) =>
  queryOptions({
    queryKey: sessionPolicyKey(client.workspaceId),
    queryFn: ({ signal }) => client.sessionPolicy.get({ signal }),
    retry,
  });

export const reauthenticationQueryOptions = (client: IdentityClient) =>
  queryOptions({
    queryKey: reauthenticationKey(client.workspaceId),
    queryFn: ({ signal }) => client.reauthentication.status({ signal }),
    retry,
  });
