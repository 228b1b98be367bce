// The SQLite engine of the storage contract, on better-sqlite3: WAL, foreign keys, numbered migrations,
// prepared statements, one transaction per operation.
import type { AuditEventRecord, AuditEventStore, Storage, Workspace, WorkspaceStore } from '../storage';
import { newId } from './ids';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database';
import { SqliteMemberStore } from './sqlite-members';
import { SqliteScimConnectionStore } from './sqlite-scim-connections';
import { SqliteScimGroupStore } from './sqlite-scim-groups';
import { SqliteScimUserStore } from './sqlite-scim-users';
import { SqliteSessionPolicyStore, SqliteSessionStore } from './sqlite-sessions';

class SqliteWorkspaceStore implements WorkspaceStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async create(input: { id?: string; name: string }): Promise<Workspace> {
    const workspace = { id: input.id ?? newId('ws'), name: input.name, createdAt: new Date().toISOString() };
    this.sql
      .prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(workspace.id, workspace.name, workspace.createdAt);
    return workspace;
  }

  async get(id: string): Promise<Workspace | undefined> {
    const row = this.sql.prepare('SELECT id, name, created_at FROM workspaces WHERE id = ?').get(id) as
      | { id: string; name: string; created_at: string }
      | undefined;
    return row && { id: row.id, name: row.name, createdAt: row.created_at };
  }
}

class SqliteAuditEventStore implements AuditEventStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async list(workspaceId: string, options: { limit?: number } = {}): Promise<AuditEventRecord[]> {
    const rows = this.sql
      .prepare('SELECT * FROM audit_events WHERE workspace_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?')
      .all(workspaceId, options.limit ?? 50) as Array<Record<string, string | null>>;
    return rows.map((row) => ({
      id: row.id as string,
      action: row.action as AuditEventRecord['action'],
      actor: JSON.parse(row.actor as string),
      target: {
        type: row.target_type as AuditEventRecord['target']['type'],
        id: row.target_id as string,
        name: row.target_name ?? null,
      },
      occurredAt: row.occurred_at as string,
      requestId: row.request_id ?? null,
      changes: JSON.parse(row.changes as string),
    }));
  }
}

export interface SqliteStorage extends Storage {
  /** The underlying database, for tests and operator tooling; the contract is the `Storage` interface. */
  readonly database: SqliteDatabase;
}

/** Opens (and migrates) a SQLite database as the server's storage. */
export function openSqliteStorage(options: SqliteOptions): SqliteStorage {
  const database = new SqliteDatabase(options);
  return {
    database,
    workspaces: new SqliteWorkspaceStore(database),
    members: new SqliteMemberStore(database),
    sessionPolicies: new SqliteSessionPolicyStore(database),
    sessions: new SqliteSessionStore(database),
    scimConnections: new SqliteScimConnectionStore(database),
    scimUsers: new SqliteScimUserStore(database),
    scimGroups: new SqliteScimGroupStore(database),
    auditEvents: new SqliteAuditEventStore(database),
    async close() {
      database.close();
    },
  };
}
