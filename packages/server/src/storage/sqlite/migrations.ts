// Numbered schema migrations, applied in order inside one transaction each and recorded in
// `schema_migrations`. Never edit a released migration: add the next number.
//
// Index design (the SCIM hot paths):
// - `userName eq` (Okta's and Entra's lookup before every create): the unique (workspace_id, user_name_key)
//   index, where user_name_key is the lower-cased userName: one B-tree probe at any size.
// - `externalId eq`: a (connection_id, external_id) index; `id eq` is the primary key; a Users `displayName eq`
//   (no IdP sends it) reads the connection's users.
// - listing a connection's users in creation order: a partial index on connection_id over the users SCIM still
//   sees, whose entries are ordered by rowid already.
// Creates stay cheap: one row, indexes that mostly append, the connection's counters, one group commit
// (migration 6 says why).

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a table others reference (SQLite cannot alter a constraint): foreign keys are off while
   * it runs, or dropping the old table would cascade into its children, and checked before it commits.
   */
  rebuildsTables?: boolean;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'workspaces, scim connections and tokens, members, groups, audit events',
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE scim_connections (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        name TEXT NOT NULL,
        deprovision_action TEXT NOT NULL DEFAULT 'suspend' CHECK (deprovision_action IN ('suspend', 'delete')),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active')),
        rotation_started_at TEXT,
        last_used_token_id TEXT,
        verified_at TEXT,
        last_request_at TEXT,
        user_count INTEGER NOT NULL DEFAULT 0 CHECK (user_count >= 0),
        group_count INTEGER NOT NULL DEFAULT 0 CHECK (group_count >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scim_connections_by_workspace ON scim_connections (workspace_id);

      -- Only a SHA-256 hash of each token; 'next' exists only while a rotation is in progress.
      CREATE TABLE scim_tokens (
        id TEXT PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES scim_connections (id) ON DELETE CASCADE,
        slot TEXT NOT NULL CHECK (slot IN ('current', 'next')),
        hash BLOB NOT NULL UNIQUE,
        hint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX scim_tokens_one_per_slot ON scim_tokens (connection_id, slot);

      -- The recent errors ring: trimmed to the newest 20 per connection on every insert.
      CREATE TABLE scim_request_errors (
        seq INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES scim_connections (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER NOT NULL,
        scim_type TEXT,
        message TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scim_request_errors_by_connection ON scim_request_errors (connection_id, seq);

      -- Workspace members. SCIM-provisioned ones carry their connection and full SCIM resource (JSON, with the
      -- enterprise extension); scim_removed_at marks a member the IdP deleted while the connection suspends.
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        source TEXT NOT NULL DEFAULT 'scim' CHECK (source IN ('scim', 'directory', 'manual')),
        connection_id TEXT REFERENCES scim_connections (id) ON DELETE SET NULL,
        user_name TEXT NOT NULL,
        user_name_key TEXT NOT NULL,
        external_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
        display_name TEXT,
        display_name_key TEXT,
        given_name TEXT,
        family_name TEXT,
        email TEXT,
        resource TEXT NOT NULL CHECK (json_valid(resource)),
        scim_removed_at TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_sign_in_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX users_user_name ON users (workspace_id, user_name_key);
      CREATE INDEX users_by_connection ON users (connection_id) WHERE scim_removed_at IS NULL;
      CREATE INDEX users_external_id ON users (connection_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX users_display_name ON users (connection_id, display_name_key);

      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        connection_id TEXT REFERENCES scim_connections (id) ON DELETE CASCADE,
        display_name TEXT NOT NULL,
        display_name_key TEXT NOT NULL,
        external_id TEXT,
        resource TEXT NOT NULL CHECK (json_valid(resource)),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX groups_by_connection ON groups (connection_id, display_name_key);
      CREATE INDEX groups_external_id ON groups (connection_id, external_id) WHERE external_id IS NOT NULL;

      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX group_members_by_user ON group_members (user_id);

      CREATE TABLE audit_events (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (json_valid(actor)),
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        target_name TEXT,
        occurred_at TEXT NOT NULL,
        request_id TEXT,
        changes TEXT NOT NULL CHECK (json_valid(changes))
      ) STRICT;
      CREATE INDEX audit_events_by_workspace ON audit_events (workspace_id, occurred_at DESC, id DESC);
    `,
  },
  {
    version: 2,
    name: 'sessions, session policies, forced reauthentication, idempotency keys',
    // Forcing reauthentication writes a constant number of rows however many sessions exist: the workspace's
    // session_epoch moves on, and a session is valid only in the epoch it was opened in (or moved to, for the
    // admin's kept session). The counts the admin sees (how many people are signed in, how many were signed
    // out) are counters kept exact by triggers on every insert and delete, so forcing never counts rows either.
    // Sessions of a past epoch, or past the policy's duration or idle timeout, are deleted by the sweeper off the
    // request path (or when next presented).
    sql: `
      ALTER TABLE workspaces ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE workspaces ADD COLUMN session_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE workspaces ADD COLUMN session_user_count INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE session_policies (
        workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        session_duration_seconds INTEGER NOT NULL,
        idle_timeout_seconds INTEGER,
        updated_at TEXT,
        updated_by TEXT CHECK (updated_by IS NULL OR json_valid(updated_by))
      ) STRICT;

      -- Times in milliseconds since the epoch: validation compares them on every request.
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        secret_hash BLOB NOT NULL UNIQUE,
        epoch INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_workspace ON sessions (workspace_id, epoch, created_at);

      -- Per member: open sessions in one epoch (a row of a past epoch counts as none). No foreign key, so a
      -- member's deletion cascades to their sessions first and the triggers below still find this row.
      CREATE TABLE user_session_counts (
        user_id TEXT PRIMARY KEY,
        epoch INTEGER NOT NULL,
        count INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER sessions_opened AFTER INSERT ON sessions BEGIN
        INSERT INTO user_session_counts (user_id, epoch, count) VALUES (NEW.user_id, NEW.epoch, 1)
          ON CONFLICT (user_id) DO UPDATE SET
            count = CASE WHEN epoch = excluded.epoch THEN count + 1 ELSE 1 END, epoch = excluded.epoch;
        UPDATE workspaces SET
          session_count = session_count + 1,
          session_user_count = session_user_count
            + (SELECT count = 1 FROM user_session_counts WHERE user_id = NEW.user_id)
          WHERE id = NEW.workspace_id;
      END;

      CREATE TRIGGER sessions_closed AFTER DELETE ON sessions
        WHEN OLD.epoch = (SELECT session_epoch FROM workspaces WHERE id = OLD.workspace_id) BEGIN
        UPDATE user_session_counts SET count = count - 1 WHERE user_id = OLD.user_id AND epoch = OLD.epoch;
        UPDATE workspaces SET
          session_count = session_count - 1,
          session_user_count = session_user_count
            - (SELECT count = 0 FROM user_session_counts WHERE user_id = OLD.user_id)
          WHERE id = OLD.workspace_id;
      END;

      CREATE TABLE reauthentications (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        revoked_sessions INTEGER NOT NULL,
        affected_users INTEGER NOT NULL,
        effective_at TEXT NOT NULL,
        kept_current_session INTEGER NOT NULL,
        performed_by TEXT NOT NULL CHECK (json_valid(performed_by)),
        reason TEXT
      ) STRICT;
      CREATE INDEX reauthentications_by_workspace ON reauthentications (workspace_id, effective_at DESC);

      -- An admin API POST's answer, replayed for a retry with the same Idempotency-Key (kept 24 hours).
      CREATE TABLE idempotency_keys (
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX users_by_workspace_created ON users (workspace_id, created_at DESC, id DESC);
    `,
  },
  {
    version: 3,
    name: 'directory connections, sync runs, directory members and groups',
    // Credentials are sealed (AES-256-GCM) before they reach storage; only the masked view is kept in clear.
    // Members and groups a directory brought in carry its id and the last run that saw them: after a full read,
    // those the run did not see are gone upstream.
    sql: `
      CREATE TABLE directory_connections (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('validating', 'active', 'syncing', 'invalid_credentials', 'error')),
        state_reason TEXT CHECK (state_reason IS NULL OR json_valid(state_reason)),
        sealed_credentials TEXT NOT NULL,
        credential_view TEXT NOT NULL CHECK (json_valid(credential_view)),
        sync_interval_minutes INTEGER NOT NULL,
        cursor TEXT,
        next_sync_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX directory_connections_by_workspace ON directory_connections (workspace_id);
      CREATE INDEX directory_connections_due ON directory_connections (next_sync_at) WHERE next_sync_at IS NOT NULL;

      CREATE TABLE sync_runs (
        id TEXT PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES directory_connections (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        trigger TEXT NOT NULL CHECK (trigger IN ('initial', 'manual', 'schedule')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        counts TEXT NOT NULL CHECK (json_valid(counts)),
        errors TEXT NOT NULL CHECK (json_valid(errors)),
        full_read INTEGER,
        read_cursor TEXT,
        resume_from TEXT,
        lease_until INTEGER
      ) STRICT;
      CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at DESC, id DESC);
      CREATE UNIQUE INDEX sync_runs_one_running ON sync_runs (connection_id) WHERE status = 'running';

      ALTER TABLE users ADD COLUMN directory_connection_id TEXT REFERENCES directory_connections (id) ON DELETE SET NULL;
      ALTER TABLE users ADD COLUMN seen_by_run TEXT;
      CREATE UNIQUE INDEX users_directory_external ON users (directory_connection_id, external_id)
        WHERE directory_connection_id IS NOT NULL;

      ALTER TABLE groups ADD COLUMN directory_connection_id TEXT REFERENCES directory_connections (id) ON DELETE CASCADE;
      ALTER TABLE groups ADD COLUMN seen_by_run TEXT;
      CREATE UNIQUE INDEX groups_directory_external ON groups (directory_connection_id, external_id)
        WHERE directory_connection_id IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'sessions by last use, for the sweeper',
    sql: `CREATE INDEX sessions_by_last_seen ON sessions (workspace_id, epoch, last_seen_at);`,
  },
  {
    version: 5,
    name: 'a deleted member leaves no session counter behind',
    sql: `
      -- After the member's sessions have cascaded away (and sessions_closed has counted them out).
      CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN
        DELETE FROM user_session_counts WHERE user_id = OLD.id;
      END;
      DELETE FROM user_session_counts WHERE user_id NOT IN (SELECT id FROM users);
    `,
  },
  {
    version: 6,
    name: 'cheaper SCIM creates: ascending time indexes, no users display-name index',
    // Every page a write dirties is a frame appended to the WAL (two pwrites) and copied again at checkpoint, so a
    // create's cost follows the pages it touches. Time-ordered keys in a DESC index always land at the left edge of
    // the workspace's range, where a B-tree splits page after page; ascending, they append (SQLite reads an index
    // backwards for ORDER BY … DESC). A users index on display name put each create on a random page, for a filter
    // no identity provider sends: a Users `displayName eq` filter now reads the connection's users instead.
    // Together: about 7 pages a create down to 5.
    sql: `
      DROP INDEX users_display_name;
      DROP INDEX users_by_workspace_created;
      CREATE INDEX users_by_workspace_created ON users (workspace_id, created_at, id);
      DROP INDEX audit_events_by_workspace;
      CREATE INDEX audit_events_by_workspace ON audit_events (workspace_id, occurred_at, id);
    `,
  },
  {
    version: 7,
    name: 'who holds a running directory sync',
    // A run's lease names its holder, so a runner whose run was resumed elsewhere (its lease ran out while it was
    // paused or cut off) finds out and stops instead of writing beside the new holder.
    sql: `ALTER TABLE sync_runs ADD COLUMN lease_holder TEXT;`,
  },
  {
    version: 8,
    name: 'users checks without IN lists',
    // SQLite compiles a CHECK's IN list of three values or more into an ephemeral table, built and dropped on every
    // insert and update of the row: two of them per SCIM create, about 11 µs of its event-loop time. The same tests
    // as OR chains cost nothing of the kind. A CHECK cannot be altered, so the table is rebuilt (the 12 steps of
    // https://sqlite.org/lang_altertable.html#otheralter), rowids kept: lists in creation order read them.
    rebuildsTables: true,
    sql: `
      CREATE TABLE users_new (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        source TEXT NOT NULL DEFAULT 'scim' CHECK (source = 'scim' OR source = 'directory' OR source = 'manual'),
        connection_id TEXT REFERENCES scim_connections (id) ON DELETE SET NULL,
        user_name TEXT NOT NULL,
        user_name_key TEXT NOT NULL,
        external_id TEXT,
        status TEXT NOT NULL CHECK (status = 'active' OR status = 'suspended'),
        role TEXT NOT NULL DEFAULT 'member' CHECK (role = 'owner' OR role = 'admin' OR role = 'member'),
        display_name TEXT,
        display_name_key TEXT,
        given_name TEXT,
        family_name TEXT,
        email TEXT,
        resource TEXT NOT NULL CHECK (json_valid(resource)),
        scim_removed_at TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_sign_in_at TEXT,
        directory_connection_id TEXT REFERENCES directory_connections (id) ON DELETE SET NULL,
        seen_by_run TEXT
      ) STRICT;
      INSERT INTO users_new (rowid, id, workspace_id, source, connection_id, user_name, user_name_key, external_id,
          status, role, display_name, display_name_key, given_name, family_name, email, resource, scim_removed_at,
          version, created_at, updated_at, last_sign_in_at, directory_connection_id, seen_by_run)
        SELECT rowid, id, workspace_id, source, connection_id, user_name, user_name_key, external_id,
          status, role, display_name, display_name_key, given_name, family_name, email, resource, scim_removed_at,
          version, created_at, updated_at, last_sign_in_at, directory_connection_id, seen_by_run
        FROM users;
      DROP TABLE users;
      ALTER TABLE users_new RENAME TO users;
      CREATE UNIQUE INDEX users_user_name ON users (workspace_id, user_name_key);
      CREATE INDEX users_by_connection ON users (connection_id) WHERE scim_removed_at IS NULL;
      CREATE INDEX users_external_id ON users (connection_id, external_id) WHERE external_id IS NOT NULL;
      CREATE UNIQUE INDEX users_directory_external ON users (directory_connection_id, external_id)
        WHERE directory_connection_id IS NOT NULL;
      CREATE INDEX users_by_workspace_created ON users (workspace_id, created_at, id);
      CREATE TRIGGER users_deleted AFTER DELETE ON users BEGIN
        DELETE FROM user_session_counts WHERE user_id = OLD.id;
      END;
    `,
  },
];
