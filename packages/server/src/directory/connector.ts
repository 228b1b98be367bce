// What every directory connector (Okta, Microsoft Entra ID, Google Workspace, JumpCloud) gives the sync engine:
// a real call that proves the credentials, and the directory read page by page, in full or since a cursor.
// Connectors speak their provider's API and nothing else; storage, scheduling and resuming are the engine's.

export interface DirectoryUser {
  /** The provider's own id for the person (Okta user id, Entra object id, Google user id, JumpCloud id). */
  externalId: string;
  email: string;
  userName: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  /** False when the person is suspended, deactivated or blocked upstream: they are suspended here. */
  active: boolean;
}

export interface DirectoryGroup {
  externalId: string;
  displayName: string;
  /** Every member's `externalId`, whole (not a change list), when `members` is read with the group. */
  memberExternalIds: string[];
}

/** One page of the directory, applied in one transaction. */
export interface DirectoryPage {
  users?: DirectoryUser[];
  /** People gone upstream (deleted, or out of the app's scope): suspended here. Delta reads only. */
  removedUserIds?: string[];
  groups?: DirectoryGroup[];
  removedGroupIds?: string[];
  /**
   * Where reading resumes after this page if the run stops (a next-page link, a page token, an offset), opaque
   * to the engine; null on the last page.
   */
  resumeFrom: string | null;
}

export interface DirectoryRead {
  /**
   * True when the pages hold the whole directory: people and groups not in them are gone upstream. False for
   * an incremental read (Entra's delta query, Okta's lastUpdated filter), which names what it removed.
   */
  full: boolean;
  pages: AsyncIterable<DirectoryPage>;
  /** After the last page: where the next incremental read starts (a delta link), or null for a full read. */
  nextCursor(): string | null;
}

export interface DirectoryConnector {
  /**
   * Calls the provider with the credentials, as a sync would, and throws `DirectoryError` with kind
   * `invalid_credentials` and the provider's reason in plain words when they do not work.
   */
  validate(signal?: AbortSignal): Promise<void>;
  /**
   * Reads the directory. `cursor`: the previous run's `nextCursor()` for an incremental read (null for a full
   * one). `resumeFrom`: a page's `resumeFrom` when a stopped run goes on.
   */
  read(options: { cursor: string | null; resumeFrom: string | null; signal?: AbortSignal }): DirectoryRead;
}

export interface ConnectorOptions {
  /** Looked up at call time, so tests and fakes can stand in. */
  fetch?: typeof fetch;
  /**
   * Where the provider's APIs are, for sovereign clouds, custom domains and tests, e.g.
   * `{ graph: 'http://127.0.0.1:4010', login: 'http://127.0.0.1:4010' }`. Each connector names its keys.
   */
  baseUrls?: Record<string, string>;
  /** Waits between retries; tests pass a fake clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * A provider address an admin typed (Okta's org URL) must resolve to public addresses only, so a workspace admin
   * cannot point the server at its own network. True lifts that, for providers on a private network and tests.
   * (`baseUrls` come from the operator and are never checked.)
   */
  allowPrivateAddresses?: boolean;
}

export type ConnectorFactory = (
  credentials: Record<string, string>,
  options?: ConnectorOptions,
) => DirectoryConnector;

export type DirectoryErrorKind =
  /** The credentials are wrong, expired or revoked: the admin must fix them. */
  | 'invalid_credentials'
  /** They work, but lack a permission the sync needs (e.g. Graph's GroupMember.Read.All). */
  | 'insufficient_permissions'
  /** The provider kept failing or throttling after every retry. */
  | 'unavailable'
  /** The provider answered something this connector cannot read. */
  | 'bad_response';

/** A failure worded for the admin: `message` says what the provider said and what to do about it. */
export class DirectoryError extends Error {
  override name = 'DirectoryError';
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
