// The storage contract of the reference server. The SCIM endpoint (and the admin API, sessions and CLI that
// come later) only see this interface; `storage/sqlite/` implements it on better-sqlite3, and another engine
// (Postgres, say) implements the same methods. Methods are async so such an engine fits; each one is atomic.
import type { DirectoryPage } from '../directory/connector';
import type { Filter } from '../scim/filter';

export type JsonObject = Record<string, unknown>;
export type Timestamp = string;

export interface Actor {
  type: 'user' | 'scim' | 'directory_sync' | 'system';
  id: string;
  displayName: string | null;
  email: string | null;
}

export interface Workspace {
  id: string;
  name: string;
  createdAt: Timestamp;
}

export type ProviderId =
  | 'okta'
  | 'entra_id'
  | 'google_workspace'
  | 'onelogin'
  | 'jumpcloud'
  | 'pingfederate'
  | 'rippling'
  | 'generic_scim';

export type DeprovisionAction = 'suspend' | 'delete';

export interface ScimTokenInfo {
  id: string;
  /** The last characters, e.g. `…4f2a`; never the token. */
  hint: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

export interface ScimRequestError {
  at: Timestamp;
  method: string;
  path: string;
  status: number;
  scimType?: string;
  message: string;
}

/** A SCIM connection as the admin API serves it (`ScimConnection` in openapi.yaml, minus `baseUrl`). */
export interface ScimConnectionRecord {
  id: string;
  workspaceId: string;
  provider: ProviderId;
  name: string;
  status: 'pending' | 'active';
  settings: { deprovisionAction: DeprovisionAction };
  token: ScimTokenInfo;
  rotation: { startedAt: Timestamp; newToken: ScimTokenInfo } | null;
  lastUsedTokenId: string | null;
  verifiedAt: Timestamp | null;
  lastRequestAt: Timestamp | null;
  counts: { users: number; groups: number };
  /** Newest first, at most `MAX_RECENT_ERRORS`. */
  recentErrors: ScimRequestError[];
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export const MAX_RECENT_ERRORS = 20;

/** A token's SHA-256 hash, for the SCIM endpoint to compare in constant time. */
export interface ScimCredential {
  tokenId: string;
  hash: Uint8Array;
}

/** Every SCIM call runs as one authenticated request of one connection: the scope and what to record. */
export interface ScimRequestContext {
  workspaceId: string;
  connectionId: string;
  tokenId: string;
  at: Timestamp;
}

export interface ScimUserRecord {
  id: string;
  workspaceId: string;
  connectionId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  /** The canonical SCIM resource without id, schemas and meta (extensions under their URN). */
  resource: JsonObject;
  groups: Array<{ id: string; displayName: string }>;
  version: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** What the SCIM layer derives from a resource for the member columns the admin API lists and searches. */
export interface ScimUserDraft {
  userName: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  resource: JsonObject;
}

export interface ScimGroupRecord {
  id: string;
  workspaceId: string;
  connectionId: string;
  displayName: string;
  externalId: string | null;
  resource: JsonObject;
  members: Array<{ id: string; displayName: string | null }>;
  version: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ScimGroupDraft {
  displayName: string;
  externalId: string | null;
  resource: JsonObject;
  memberIds: string[];
}

export interface ListQuery<T> {
  /** Narrows the candidates in the engine (e.g. `userName eq` through an index); may be ignored. */
  filter?: Filter;
  /** The exact test, applied to what the engine returns. */
  matches?: (record: T) => boolean;
  /** 1-based. */
  startIndex: number;
  count: number;
}

export interface ListResult<T> {
  totalResults: number;
  records: T[];
}

/** A change that took a member out: sessions (a later slice) end the user's sessions on this. */
export interface Deprovisioning {
  action: DeprovisionAction;
  userId: string;
}

export interface WorkspaceStore {
  create(input: { id?: string; name: string }): Promise<Workspace>;
  get(id: string): Promise<Workspace | undefined>;
}

export interface ScimConnectionStore {
  create(
    input: {
      workspaceId: string;
      provider: ProviderId;
      name?: string;
      settings?: { deprovisionAction: DeprovisionAction };
    },
    actor: Actor,
  ): Promise<{ connection: ScimConnectionRecord; token: string }>;
  get(workspaceId: string, id: string): Promise<ScimConnectionRecord | undefined>;
  list(workspaceId: string): Promise<ScimConnectionRecord[]>;
  /** Renames it or changes what deprovisioning does; audited when something changed. */
  update(
    workspaceId: string,
    id: string,
    change: { name?: string; settings?: { deprovisionAction: DeprovisionAction } },
    actor: Actor,
  ): Promise<ScimConnectionRecord>;
  /** Disconnects: its tokens stop working at once; the members it provisioned stay, unlinked from it. */
  delete(workspaceId: string, id: string, actor: Actor): Promise<void>;
  /** The hashes of the valid tokens (current, and next during a rotation); empty for an unknown connection. */
  credentials(workspaceId: string, id: string): Promise<ScimCredential[]>;
  /** Records an authenticated request that changed nothing else (writes record it in their own transaction). */
  touch(ctx: ScimRequestContext): Promise<void>;
  /** Records a failed request in the connection's recent errors (and the request itself, when authenticated). */
  recordError(
    target: { workspaceId: string; connectionId: string; tokenId?: string },
    error: ScimRequestError,
  ): Promise<void>;
  /** Issues the next token; both stay valid until the rotation is completed or cancelled. */
  startRotation(
    workspaceId: string,
    id: string,
    actor: Actor,
  ): Promise<{ connection: ScimConnectionRecord; token: string }>;
  /** The next token becomes the current one; the old one stops working. */
  completeRotation(workspaceId: string, id: string, actor: Actor): Promise<ScimConnectionRecord>;
  /** The next token stops working; the current one stays. */
  cancelRotation(workspaceId: string, id: string, actor: Actor): Promise<ScimConnectionRecord>;
}

export interface ScimUserStore {
  /**
   * Creates a member. A userName taken in the workspace is a `ConflictError`, except that a retry of the
   * same create (same connection, userName and externalId, and that externalId names one user) returns the user
   * with `replayed`, and a user this connection had deleted (suspended) comes back.
   */
  create(ctx: ScimRequestContext, draft: ScimUserDraft): Promise<{ user: ScimUserRecord; replayed: boolean }>;
  get(ctx: ScimRequestContext, id: string): Promise<ScimUserRecord | undefined>;
  list(ctx: ScimRequestContext, query: ListQuery<ScimUserRecord>): Promise<ListResult<ScimUserRecord>>;
  /** Read-modify-write in one transaction; `active: false` deprovisions per the connection's setting. */
  update(
    ctx: ScimRequestContext,
    id: string,
    change: (current: ScimUserRecord) => ScimUserDraft,
  ): Promise<{ user: ScimUserRecord; deprovisioned?: Deprovisioning }>;
  /** The IdP deletes the user: suspended (and out of SCIM) or deleted, per the connection's setting. */
  delete(ctx: ScimRequestContext, id: string): Promise<Deprovisioning>;
}

export interface ScimGroupStore {
  create(ctx: ScimRequestContext, draft: ScimGroupDraft): Promise<ScimGroupRecord>;
  get(ctx: ScimRequestContext, id: string): Promise<ScimGroupRecord | undefined>;
  list(ctx: ScimRequestContext, query: ListQuery<ScimGroupRecord>): Promise<ListResult<ScimGroupRecord>>;
  update(
    ctx: ScimRequestContext,
    id: string,
    change: (current: ScimGroupRecord) => ScimGroupDraft,
  ): Promise<ScimGroupRecord>;
  delete(ctx: ScimRequestContext, id: string): Promise<void>;
}

export type AuditAction =
  | 'scim_connection.created'
  | 'scim_connection.updated'
  | 'scim_connection.deleted'
  | 'scim_connection.token_rotation_started'
  | 'scim_connection.token_rotation_completed'
  | 'scim_connection.token_rotation_cancelled'
  | 'directory_connection.created'
  | 'directory_connection.updated'
  | 'directory_connection.deleted'
  | 'directory_connection.sync_started'
  | 'session_policy.updated'
  | 'reauthentication.forced';

/** `AuditEvent` of openapi.yaml. */
export interface AuditEventRecord {
  id: string;
  action: AuditAction;
  actor: Actor;
  target: {
    type: 'scim_connection' | 'directory_connection' | 'session_policy' | 'workspace';
    id: string;
    name: string | null;
  };
  occurredAt: Timestamp;
  requestId: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface AuditEventStore {
  /** Newest first. */
  list(workspaceId: string, options?: { limit?: number }): Promise<AuditEventRecord[]>;
  /** Newest first, resuming strictly after `after`; `totalCount` counts every match. */
  page(
    workspaceId: string,
    query: {
      limit: number;
      after?: { occurredAt: Timestamp; id: string };
      action?: string;
      targetId?: string;
    },
  ): Promise<{ records: AuditEventRecord[]; totalCount: number }>;
}

/** A group as the admin API lists it, whatever provisioned it. */
export interface GroupRecord {
  id: string;
  displayName: string;
  memberCount: number;
  source: { type: 'scim' | 'directory' | 'manual'; connectionId: string | null; externalId: string | null };
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GroupDirectory {
  /** By name, resuming strictly after `after`. */
  list(
    workspaceId: string,
    query: {
      limit: number;
      after?: { displayName: string; id: string };
      connectionId?: string;
      sourceType?: 'scim' | 'directory' | 'manual';
    },
  ): Promise<{ records: GroupRecord[]; totalCount: number }>;
}

// ---------- Members, sessions, session policy, forced reauthentication ----------

export type Role = 'owner' | 'admin' | 'member';

/** A workspace member as sessions and the admin API see them, whatever their source. */
export interface MemberRecord {
  id: string;
  workspaceId: string;
  email: string;
  userName: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  status: 'active' | 'suspended';
  role: Role;
  source: { type: 'scim' | 'directory' | 'manual'; connectionId: string | null; externalId: string | null };
  createdAt: Timestamp;
  updatedAt: Timestamp;
  lastSignInAt: Timestamp | null;
}

export interface MemberQuery {
  limit: number;
  /** Resume strictly after this member (keyset, newest first). */
  after?: { createdAt: Timestamp; id: string };
  connectionId?: string;
  sourceType?: 'scim' | 'directory' | 'manual';
  status?: 'active' | 'suspended';
  /** Case-insensitive substring of email, user name or display name. */
  query?: string;
}

export interface MemberStore {
  /** A member added by hand (the operator CLI, the playground's demo users); a taken email is a `ConflictError`. */
  create(input: {
    workspaceId: string;
    email: string;
    displayName: string;
    givenName?: string | null;
    familyName?: string | null;
    role: Role;
  }): Promise<MemberRecord>;
  get(workspaceId: string, id: string): Promise<MemberRecord | undefined>;
  list(workspaceId: string, query: MemberQuery): Promise<{ records: MemberRecord[]; totalCount: number }>;
}

/** The policy's stored part; bounds, presets and `appliesTo` are the contract's (`@identity-kit/sdk/contract`). */
export interface SessionPolicyRecord {
  sessionDurationSeconds: number;
  idleTimeoutSeconds: number | null;
  updatedAt: Timestamp | null;
  updatedBy: Actor | null;
}

export type SessionLengths = { sessionDurationSeconds: number; idleTimeoutSeconds: number | null };

export interface SessionPolicyStore {
  get(workspaceId: string): Promise<SessionPolicyRecord>;
  /**
   * `change` turns the current policy into the next, in the same transaction as the write, so two admins changing
   * different fields at once both land. What it throws (a validation error) changes nothing.
   */
  update(
    workspaceId: string,
    change: (current: SessionPolicyRecord) => SessionLengths,
    meta: { actor: Actor; requestId: string; at: Timestamp },
  ): Promise<SessionPolicyRecord>;
}

export interface SessionRecord {
  id: string;
  workspaceId: string;
  userId: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  /** When it ends under the current policy, unless the idle timeout ends it first. */
  expiresAt: Timestamp;
}

export interface ReauthenticationRecord {
  id: string;
  revokedSessions: number;
  affectedUsers: number;
  effectiveAt: Timestamp;
  keptCurrentSession: boolean;
  performedBy: Actor;
  reason: string | null;
}

export interface SessionStore {
  /** Opens a session; only the secret's SHA-256 is stored. */
  create(input: {
    workspaceId: string;
    userId: string;
    secretHash: Uint8Array;
    at: Timestamp;
  }): Promise<SessionRecord>;
  /**
   * The session and its member for a secret's hash, if it is valid at `at`: the workspace has not forced
   * reauthentication since it started, the current policy's duration and idle timeout have not run out, and the
   * member is active. A session found invalid is deleted.
   */
  validate(
    secretHash: Uint8Array,
    at: Timestamp,
  ): Promise<{ session: SessionRecord; member: MemberRecord } | undefined>;
  /** Signs one session out. */
  revoke(workspaceId: string, sessionId: string): Promise<void>;
  /** Ends every session of one member (deprovisioned, suspended); returns how many. */
  revokeMember(workspaceId: string, userId: string): Promise<number>;
  /** Sessions and members signed in now (expired sessions not yet swept count until they are). */
  status(workspaceId: string): Promise<{ activeSessions: number; activeUsers: number }>;
  /**
   * Every session that started before now ends, at once and in constant time, whatever their number: the
   * workspace's session epoch moves on. `keepSessionId` moves that one session to the new epoch.
   */
  forceReauthentication(
    workspaceId: string,
    input: { keepSessionId: string | null; reason: string | null },
    meta: { actor: Actor; requestId: string; at: Timestamp },
  ): Promise<ReauthenticationRecord>;
  lastReauthentication(workspaceId: string): Promise<ReauthenticationRecord | null>;
  /** Deletes up to `limit` ended sessions (off the request path); returns how many. */
  sweep(at: Timestamp, limit?: number): Promise<number>;
}

// ---------- Directory sync ----------

export type DirectoryState = 'validating' | 'active' | 'syncing' | 'invalid_credentials' | 'error';
export type CredentialView = Record<
  string,
  { secret: false; value: string } | { secret: true; hint: string }
>;

export interface SyncRunCounts {
  created: number;
  updated: number;
  deactivated: number;
  groups: number;
  memberships: number;
}

export interface SyncRunRecord {
  id: string;
  connectionId: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'initial' | 'manual' | 'schedule';
  startedAt: Timestamp;
  finishedAt: Timestamp | null;
  counts: SyncRunCounts;
  errors: Array<{ code: string; message: string; subject?: string }>;
  /** Where a stopped run resumes reading; null before the first page and after the last. */
  resumeFrom: string | null;
  /** The incremental cursor the run reads from (null: a full read), so a resumed run goes on as it began. */
  readCursor: string | null;
}

export interface DirectoryConnectionRecord {
  id: string;
  workspaceId: string;
  provider: ProviderId;
  name: string;
  state: DirectoryState;
  stateReason: { code: string; message: string; field?: string } | null;
  /** Secrets as hints only; what the API returns. */
  credentials: CredentialView;
  syncIntervalMinutes: number;
  /** Where the next incremental read starts (a delta link), or null for a full read. */
  cursor: string | null;
  /** When a complete read last succeeded: incremental reads miss what a provider hard-deletes. */
  lastFullSyncAt: Timestamp | null;
  nextSyncAt: Timestamp | null;
  counts: { users: number; groups: number };
  lastSyncRun: SyncRunRecord | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A page of a directory's read, as the sync engine applies it: the connectors' own `DirectoryPage`. */
export type DirectoryPageInput = DirectoryPage;

export interface DirectoryStore {
  create(
    input: {
      /** Chosen by the caller: sealed credentials are bound to it. */
      id: string;
      workspaceId: string;
      provider: ProviderId;
      name: string;
      sealedCredentials: string;
      credentials: CredentialView;
      syncIntervalMinutes: number;
    },
    meta: { actor: Actor; requestId: string; changes: Record<string, { from: unknown; to: unknown }> },
  ): Promise<DirectoryConnectionRecord>;
  get(workspaceId: string, id: string): Promise<DirectoryConnectionRecord | undefined>;
  list(workspaceId: string): Promise<DirectoryConnectionRecord[]>;
  /** The sealed credentials, for the engine to open. */
  sealedCredentials(workspaceId: string, id: string): Promise<string | undefined>;
  update(
    workspaceId: string,
    id: string,
    change: {
      name?: string;
      sealedCredentials?: string;
      credentials?: CredentialView;
      syncIntervalMinutes?: number;
      state?: DirectoryState;
      stateReason?: DirectoryConnectionRecord['stateReason'];
      cursor?: string | null;
      nextSyncAt?: Timestamp | null;
    },
    meta?: { actor: Actor; requestId: string; changes: Record<string, { from: unknown; to: unknown }> },
  ): Promise<DirectoryConnectionRecord>;
  /** Disconnects: the credentials are gone; its members stay (unlinked), its groups go. */
  delete(workspaceId: string, id: string, meta: { actor: Actor; requestId: string }): Promise<void>;
  /**
   * Starts a run unless one is running (a `ConflictError`); a run whose lease ran out (its process died) is
   * handed over to the caller instead, to resume. `lease` is the caller's hold on the run, valid for at least
   * `RUN_LEASE_MS` from `at` and for as long after as it is renewed; a run handed over gets a new one.
   */
  startRun(
    workspaceId: string,
    connectionId: string,
    trigger: SyncRunRecord['trigger'],
    at: Timestamp,
    meta?: { actor: Actor; requestId: string },
  ): Promise<{ run: SyncRunRecord; resumed: boolean; lease: string }>;
  /** Records which cursor a new run reads from, before its first page (a `LeaseLostError` if not the holder's). */
  beginRead(runId: string, lease: string, cursor: string | null): Promise<void>;
  /** Extends the lease; false when the run is no longer the holder's (ended, or resumed by another process). */
  renewLease(runId: string, lease: string, at: Timestamp): Promise<boolean>;
  /**
   * Applies one page in one transaction and renews the run's lease; returns the members it deactivated. A
   * `LeaseLostError`, writing nothing, when the run is no longer the holder's.
   */
  applyPage(
    runId: string,
    lease: string,
    page: DirectoryPageInput,
    at: Timestamp,
  ): Promise<{ deactivated: string[] }>;
  /**
   * Ends a run. A successful full read suspends the members (and deletes the groups) it did not see; the
   * connection becomes active with its next sync scheduled, or takes `state` and `stateReason` on failure.
   * With `lease`, only the holder's run (else a `LeaseLostError`); without, whoever runs it (an admin stopping it).
   */
  finishRun(
    runId: string,
    outcome: {
      lease?: string;
      status: 'succeeded' | 'failed';
      full: boolean;
      cursor: string | null;
      errors: SyncRunRecord['errors'];
      state?: DirectoryState;
      stateReason?: DirectoryConnectionRecord['stateReason'];
      at: Timestamp;
    },
  ): Promise<{ deactivated: string[] }>;
  runs(
    workspaceId: string,
    connectionId: string,
    query: { limit: number; after?: { startedAt: Timestamp; id: string } },
  ): Promise<{ records: SyncRunRecord[]; totalCount: number }>;
  getRun(workspaceId: string, connectionId: string, runId: string): Promise<SyncRunRecord | undefined>;
  /** Connections whose scheduled sync is due, and runs whose lease ran out: the scheduler's work list. */
  due(at: Timestamp): Promise<Array<{ workspaceId: string; connectionId: string }>>;
  /** Every sealed credential, to re-seal under a new key. */
  allSealed(): Promise<Array<{ id: string; sealedCredentials: string }>>;
  /** Replaces sealed credentials if they are still `previous`; false when someone changed them meanwhile. */
  reseal(id: string, sealedCredentials: string, previous: string): Promise<boolean>;
}

/**
 * How long a directory sync run stays its runner's without a renewal (each page applied renews it, and a runner
 * renews it while a page is slow to come). Past it, the run is taken to have died with its process: the next
 * scheduler tick, in any process, resumes it.
 */
export const RUN_LEASE_MS = 2 * 60_000;

/** Admin API answers to creating requests, replayed for a retry with the same Idempotency-Key. */
export interface IdempotencyStore {
  find(
    workspaceId: string,
    key: string,
  ): Promise<{ fingerprint: string; status: number; body: unknown } | undefined>;
  /** Keeps a success for 24 hours. */
  remember(
    workspaceId: string,
    key: string,
    reply: { fingerprint: string; status: number; body: unknown },
    at: Timestamp,
  ): Promise<void>;
}

export interface Storage {
  readonly workspaces: WorkspaceStore;
  readonly idempotency: IdempotencyStore;
  readonly members: MemberStore;
  readonly groups: GroupDirectory;
  readonly sessionPolicies: SessionPolicyStore;
  readonly sessions: SessionStore;
  readonly directories: DirectoryStore;
  readonly scimConnections: ScimConnectionStore;
  readonly scimUsers: ScimUserStore;
  readonly scimGroups: ScimGroupStore;
  readonly auditEvents: AuditEventStore;
  close(): Promise<void>;
}
