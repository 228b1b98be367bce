export type { AdminApi, AdminApiOptions } from './api/admin-api';
export { createAdminApi } from './api/admin-api';
export type { Authenticate, Principal } from './api/principal';
export type {
  ConnectorFactory,
  ConnectorOptions,
  DirectoryConnector,
  DirectoryGroup,
  DirectoryPage,
  DirectoryRead,
  DirectoryUser,
} from './directory/connector';
export { DirectoryError } from './directory/connector';
export { builtInConnectors } from './directory/connectors';
export type { CredentialVault } from './directory/credential-vault';
export {
  CREDENTIAL_KEYS_ENV,
  createCredentialVault,
  generateCredentialKey,
} from './directory/credential-vault';
export type { DirectorySync } from './directory/directory-sync';
export type { IdentityServerEvents, UserDeprovisionedEvent } from './events';
export type { AttributePath, CompareOperator, Filter, FilterValue, PatchPath } from './scim/filter';
export { parseFilter, parsePatchPath } from './scim/filter';
export type { RateLimit } from './scim/rate-limiter';
export type { ScimType } from './scim/scim-error';
export { ScimError } from './scim/scim-error';
export type { ScimHandler, ScimHandlerOptions } from './scim/scim-handler';
export { createScimHandler } from './scim/scim-handler';
export type { IdentityServer, IdentityServerOptions } from './server';
export { createIdentityServer } from './server';
export type { KitSessions, KitSessionsOptions, SignedIn } from './sessions/kit-sessions';
export { createKitSessions } from './sessions/kit-sessions';
export type {
  IdpSimulator,
  ProvisioningPlan,
  ProvisioningReport,
  SimulatorOptions,
} from './simulator/idp-simulator';
export { createIdpSimulator, person, ScimRequestFailed } from './simulator/idp-simulator';
export type { Person, Shapes, SimulatedProvider } from './simulator/shapes';
export { CORE_USER, shapes } from './simulator/shapes';
export {
  ConflictError,
  InvalidReferenceError,
  LeaseLostError,
  NotFoundError,
  StorageError,
} from './storage/errors';
export type {
  Actor,
  AuditAction,
  AuditEventRecord,
  AuditEventStore,
  DeprovisionAction,
  Deprovisioning,
  GroupDirectory,
  GroupRecord,
  IdempotencyStore,
  JsonObject,
  ListQuery,
  ListResult,
  MemberQuery,
  MemberRecord,
  MemberStore,
  ProviderId,
  ReauthenticationRecord,
  Role,
  ScimConnectionRecord,
  ScimConnectionStore,
  ScimCredential,
  ScimGroupDraft,
  ScimGroupRecord,
  ScimGroupStore,
  ScimRequestContext,
  ScimRequestError,
  ScimTokenInfo,
  ScimUserDraft,
  ScimUserRecord,
  ScimUserStore,
  SessionLengths,
  SessionPolicyRecord,
  SessionPolicyStore,
  SessionRecord,
  SessionStore,
  Storage,
  Timestamp,
  Workspace,
  WorkspaceStore,
} from './storage/storage';
export { MAX_RECENT_ERRORS } from './storage/storage';
export type { TestConnection } from './testing/test-connection';
export { createTestConnection } from './testing/test-connection';
