// Numbered schema migrations, applied in order inside one transaction each and recorded in
// `schema_migrations`. Never edit a released migration: add the next number.
//
// Index design (the SCIM hot paths):
// - `userName eq` (Okta's and Entra's lookup before every create): the unique (workspace_id, user_name_key)
//   index, where user_name_key is the lower-cased userName: one B-tree probe at any size.
// - `externalId eq`, `displayName eq`: (connection_id, …) indexes; `id eq` is the primary key.
// - listing a connection's users in creation order: a partial index on connection_id over the users SCIM still
//   sees, whose entries are ordered by rowid already.
// Creates stay cheap: one row, four small indexes, the connection's counters, one transaction.

export interface Migration {
  version: number;
  name: string;
  sql: string;
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
];
