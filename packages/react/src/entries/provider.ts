// The provider, hooks and query factories without any component: pair it with one component's entry.
export {
  useCreateDirectoryConnection,
  useDeleteDirectoryConnection,
  useDirectoryConnections,
  useStartSync,
  useSyncRuns,
  useUpdateDirectoryConnection,
} from '../hooks/useDirectoryConnections';
export { useProviders } from '../hooks/useProviders';
export { useForceReauthentication, useReauthenticationStatus } from '../hooks/useReauthentication';
export {
  useCancelScimTokenRotation,
  useCompleteScimTokenRotation,
  useCreateScimConnection,
  useDeleteScimConnection,
  useScimConnections,
  useStartScimTokenRotation,
  useUpdateScimConnection,
} from '../hooks/useScimConnections';
export { useSessionPolicy, useUpdateSessionPolicy } from '../hooks/useSessionPolicy';
export { useUsers } from '../hooks/useUsers';
export type { Message, Params, PluralMessage } from '../i18n/format';
export type { MessageOverrides, Messages } from '../i18n/messages';
export type { IdentityKitContextValue, Theme } from '../provider/context';
export { useIdentityKit } from '../provider/context';
export type { IdentityKitProviderProps } from '../provider/IdentityKitProvider';
export { IdentityKitProvider } from '../provider/IdentityKitProvider';
export { identityKeys } from '../query/keys';
export {
  directoryConnectionsQueryOptions,
  providersQueryOptions,
  reauthenticationQueryOptions,
  scimConnectionsQueryOptions,
  sessionPolicyQueryOptions,
  syncRunsQueryOptions,
  usersQueryOptions,
} from '../query/options';
