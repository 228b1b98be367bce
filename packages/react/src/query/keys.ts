import type { GroupListParams, UserListParams } from '@identity-kit/sdk';

// One function per key, so that an entry that needs one key (a single component) does not carry the rest.
const allKey = (workspaceId: string) => ['identity-kit', workspaceId] as const;
export const providersKey = (ws: string) => [...allKey(ws), 'providers'] as const;
export const scimConnectionsKey = (ws: string) => [...allKey(ws), 'scim-connections'] as const;
export const directoryConnectionsKey = (ws: string) => [...allKey(ws), 'directory-connections'] as const;
export const syncRunsKey = (ws: string, connectionId: string) =>
  [...directoryConnectionsKey(ws), connectionId, 'syncs'] as const;
export const usersKey = (ws: string, params: UserListParams = {}) =>
  [...allKey(ws), 'users', params] as const;
export const groupsKey = (ws: string, params: GroupListParams = {}) =>
  [...allKey(ws), 'groups', params] as const;
export const sessionPolicyKey = (ws: string) => [...allKey(ws), 'session-policy'] as const;
export const reauthenticationKey = (ws: string) => [...allKey(ws), 'reauthentication'] as const;

/**
 * The kit's query keys, by workspace. Use them with your own QueryClient to prefetch, invalidate or read what the
 * components show: `queryClient.invalidateQueries({ queryKey: identityKeys.all('ws_acme') })`.
 */
export const identityKeys = {
  all: allKey,
  providers: providersKey,
  scimConnections: scimConnectionsKey,
  directoryConnections: directoryConnectionsKey,
  syncRuns: syncRunsKey,
  users: usersKey,
  groups: groupsKey,
  sessionPolicy: sessionPolicyKey,
  reauthentication: reauthenticationKey,
};
