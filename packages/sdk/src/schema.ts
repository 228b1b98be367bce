// Friendly names for the contract's schemas. The shapes themselves are generated from openapi.yaml
// (`npm run generate`), so the SDK cannot drift from the contract.
import type { components, operations } from './generated/openapi';

type S = components['schemas'];
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type ErrorBody = S['ErrorBody'];
export type FieldError = S['FieldError'];
export type Actor = S['Actor'];

export type ProviderId = S['ProviderId'];
export type Provider = S['Provider'];
export type ScimSetupGuide = S['ScimSetupGuide'];
export type DirectorySyncSetup = S['DirectorySyncSetup'];
export type SetupStep = S['SetupStep'];
export type SetupField = S['SetupField'];
export type CredentialField = S['CredentialField'];

export type ScimConnection = S['ScimConnection'];
export type ScimConnectionSettings = S['ScimConnectionSettings'];
export type ScimConnectionCreateParams = S['ScimConnectionCreate'];
export type ScimConnectionUpdateParams = S['ScimConnectionUpdate'];
export type ScimConnectionWithToken = S['ScimConnectionWithToken'];
export type ScimToken = S['ScimToken'];
export type ScimRequestError = S['ScimRequestError'];

export type DirectoryConnection = S['DirectoryConnection'];
export type DirectoryConnectionCreateParams = S['DirectoryConnectionCreate'];
export type DirectoryConnectionUpdateParams = S['DirectoryConnectionUpdate'];
export type DirectoryState = S['DirectoryState'];
export type CredentialValue = S['CredentialValue'];
export type SyncRun = S['SyncRun'];
export type SyncRunListParams = Query<'listSyncRuns'>;

export type SourceType = S['SourceType'];
export type UserStatus = S['UserStatus'];
export type User = S['User'];
export type UserListParams = Query<'listUsers'>;
export type Group = S['Group'];
export type GroupListParams = Query<'listGroups'>;

export type SessionPolicy = S['SessionPolicy'];
export type SessionPolicyUpdateParams = S['SessionPolicyUpdate'];

export type Reauthentication = S['Reauthentication'];
export type ReauthenticationParams = S['ReauthenticationRequest'];
export type ReauthenticationStatus = S['ReauthenticationStatus'];

export type AuditAction = S['AuditAction'];
export type AuditEvent = S['AuditEvent'];
export type AuditEventListParams = Query<'listAuditEvents'>;

/** One page of a paginated list, as the API sends it. */
export interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
  totalCount: number;
}
