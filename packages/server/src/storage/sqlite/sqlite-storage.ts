// The SQLite engine of the storage contract, on better-sqlite3: WAL, foreign keys, numbered migrations,
// prepared statements, one transaction per operation.
import type {
  AuditEventRecord,
  AuditEventStore,
  IdempotencyStore,
  Storage,
  Workspace,
  WorkspaceStore,
} from '../storage';
import { newId } from './ids';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database';
import { SqliteDirectoryStore } from './sqlite-directories';
import { SqliteGroupDirectory } from './sqlite-group-directory';
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

const toAuditEvent = (row: Record<string, string | null>): AuditEventRecord => ({
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
});

class SqliteAuditEventStore implements AuditEventStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async page(
    workspaceId: string,
    query: { limit: number; after?: { occurredAt: string; id: string }; action?: string; targetId?: string },
  ) {
    const where = ['workspace_id = ?'];
    const params: string[] = [workspaceId];
    if (query.action) {
      where.push('action = ?');
      params.push(query.action);
    }
    if (query.targetId) {
      where.push('target_id = ?');
      params.push(query.targetId);
    }
    const filter = where.join(' AND ');
    return this.sql.read(() => {
      const { n } = this.sql
        .prepare(`SELECT count(*) AS n FROM audit_events WHERE ${filter}`)
        .get(...params) as {
        n: number;
      };
      const after = query.after ? ' AND (occurred_at, id) < (?, ?)' : '';
      const rows = this.sql
        .prepare(
          `SELECT * FROM audit_events WHERE ${filter}${after} ORDER BY occurred_at DESC, id DESC LIMIT ?`,
        )
        .all(
          ...params,
          ...(query.after ? [query.after.occurredAt, query.after.id] : []),
          query.limit,
        ) as Array<Record<string, string | null>>;
      return { records: rows.map(toAuditEvent), totalCount: n };
    });
  }

  async list(workspaceId: string, options: { limit?: number } = {}): Promise<AuditEventRecord[]> {
    const rows = this.sql
      .prepare('SELECT * FROM audit_events WHERE workspace_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?')
      .all(workspaceId, options.limit ?? 50) as Array<Record<string, string | null>>;
    return rows.map(toAuditEvent);
  }
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async find(workspaceId: string, key: string) {
    const row = this.sql
      .prepare(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE workspace_id = ? AND key = ? AND created_at > ?',
      )
      .get(workspaceId, key, Date.now() - IDEMPOTENCY_TTL_MS) as
      | { fingerprint: string; status: number; body: string }
      | undefined;
    return row && { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) as unknown };
  }

  async remember(
    workspaceId: string,
    key: string,
    reply: { fingerprint: string; status: number; body: unknown },
    at: string,
  ) {
    const now = Date.parse(at);
    this.sql.transaction(() => {
      this.sql.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?').run(now - IDEMPOTENCY_TTL_MS);
      this.sql
        .prepare(
          `INSERT INTO idempotency_keys (workspace_id, key, fingerprint, status, body, created_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(workspaceId, key, reply.fingerprint, reply.status, JSON.stringify(reply.body ?? null), now);
    });
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
    idempotency: new SqliteIdempotencyStore(database),
    members: new SqliteMemberStore(database),
    groups: new SqliteGroupDirectory(database),
    sessionPolicies: new SqliteSessionPolicyStore(database),
    sessions: new SqliteSessionStore(database),
    directories: new SqliteDirectoryStore(database),
    scimConnections: new SqliteScimConnectionStore(database),
    scimUsers: new SqliteScimUserStore(database),
    scimGroups: new SqliteScimGroupStore(database),
    auditEvents: new SqliteAuditEventStore(database),
    close: () => database.close(),
  };
}
