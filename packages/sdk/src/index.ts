export type { IdentityClientOptions } from './client';
export { createIdentityClient, IdentityClient } from './client';
export {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ConnectionTimeoutError,
  IdentityKitError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UserAbortError,
  ValidationError,
} from './core/errors';
export { Page, PagePromise } from './core/pagination';
export type { components, operations, paths } from './generated/openapi';
export type { PollOptions } from './internal/poll';
export type { AccessTokenProvider, HeadersProvider, RequestOptions } from './internal/request';
export type { RetryPolicy } from './internal/retry';
export type { AuditEvents } from './resources/audit-events';
export type { DirectoryConnections, SyncRuns } from './resources/directory-connections';
export type { Groups } from './resources/groups';
export type { Providers } from './resources/providers';
export type { Reauthentications } from './resources/reauthentication';
export type { ScimConnections } from './resources/scim-connections';
export type { SessionPolicies } from './resources/session-policy';
export type { Users } from './resources/users';
export type * from './schema';
