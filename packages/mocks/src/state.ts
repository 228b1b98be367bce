import type {
  AuditEvent,
  DirectoryConnection,
  Group,
  ProviderId,
  Reauthentication,
  ScimConnectionSettings,
  ScimRequestError,
  SessionPolicy,
  SyncRun,
  User,
} from '@identity-kit/sdk';

/** What the server keeps: unlike the API's shapes, these hold the secrets and the timers. */
export interface StoredToken {
  id: string;
  secret: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface StoredScimConnection {
  id: string;
  provider: ProviderId;
  name: string;
  status: 'pending' | 'active';
  baseUrl: string;
  settings: ScimConnectionSettings;
  token: StoredToken;
  rotation: { startedAt: string; newToken: StoredToken } | null;
  lastUsedTokenId: string | null;
  verifiedAt: string | null;
  lastRequestAt: string | null;
  recentErrors: ScimRequestError[];
  createdAt: string;
  updatedAt: string;
  /** The simulated IdP's first request, due at `at` ms (scenario `autoVerify`). */
  autoVerify: { at: number; users: number; groups: number } | null;
}

export interface StoredSyncRun extends SyncRun {
  /** When a running run finishes, in ms. */
  finishesAt: number;
}

export interface StoredDirectoryConnection {
  id: string;
  provider: ProviderId;
  name: string;
  state: DirectoryConnection['state'];
  stateReason: DirectoryConnection['stateReason'];
  credentials: Record<string, string>;
  syncIntervalMinutes: number;
  /** When the credential check in progress ends, in ms. */
  validatingUntil: number | null;
  /** Oldest first. */
  runs: StoredSyncRun[];
  nextSyncAt: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredUser extends User {
  /** Insertion order. Lists break ties by id (see http/query.ts), which grows in the same order. */
  seq: number;
  sessions: number;
}

export interface StoredGroup extends Group {
  seq: number;
}

export interface WorkspaceState {
  users: StoredUser[];
  groups: StoredGroup[];
  scimConnections: StoredScimConnection[];
  directoryConnections: StoredDirectoryConnection[];
  sessionPolicy: Pick<
    SessionPolicy,
    'sessionDurationSeconds' | 'idleTimeoutSeconds' | 'updatedAt' | 'updatedBy'
  >;
  reauthentications: Reauthentication[];
  /** Oldest first. */
  auditEvents: AuditEvent[];
  idempotency: Map<string, { fingerprint: string; status: number; body: unknown }>;
  /** The next fake person to hand out, so SCIM and directory users never share an email. */
  nextPerson: number;
  nextGroup: number;
  seq: number;
}

export function emptyState(): WorkspaceState {
  return {
    users: [],
    groups: [],
    scimConnections: [],
    directoryConnections: [],
    sessionPolicy: {
      sessionDurationSeconds: 86_400,
      idleTimeoutSeconds: null,
      updatedAt: null,
      updatedBy: null,
    },
    reauthentications: [],
    auditEvents: [],
    idempotency: new Map(),
    nextPerson: 0,
    nextGroup: 0,
    seq: 0,
  };
}
