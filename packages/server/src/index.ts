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
export { ConflictError, InvalidReferenceError, NotFoundError, StorageError } from './storage/errors';
export type {
  Actor,
  AuditAction,
  AuditEventRecord,
  AuditEventStore,
  DeprovisionAction,
  Deprovisioning,
  JsonObject,
  ListQuery,
  ListResult,
  ProviderId,
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
  Storage,
  Timestamp,
  Workspace,
  WorkspaceStore,
} from './storage/storage';
export { MAX_RECENT_ERRORS } from './storage/storage';
export type { TestConnection } from './testing/test-connection';
export { createTestConnection } from './testing/test-connection';
