// The SQLite connection every store shares: pragmas, migrations, a statement cache and transactions.
import Database from 'better-sqlite3';
import type { Actor, AuditAction, ScimRequestContext } from '../storage';
import { migrations } from './migrations';

export interface SqliteOptions {
  /** A file path, or `:memory:`. */
  filename: string;
  /**
   * `full` (default): every commit is on disk before the IdP hears 201. `normal`: faster in WAL mode; a power
   * loss may drop the last commits (never corrupts).
   */
  synchronous?: 'full' | 'normal';
}

export class SqliteDatabase {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((row) => (row as { version: number }).version),
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      })();
    }
  }

  /** A prepared statement, compiled once per SQL text. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in one read transaction (a consistent snapshot, no write lock). */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** Runs `fn` in one immediate transaction (so read-modify-write sequences never interleave). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** When each connection's last request was written down, with which token (this process's view). */
  private readonly touched = new Map<string, { tokenId: string; at: number }>();

  /**
   * For reads: records the request unless this process wrote the same token for the connection less than a second
   * ago. A read then needs no write transaction (and no fsync), so lookups stay fast; lastRequestAt is exact to
   * the second, status and lastUsedTokenId always.
   */
  touchIfStale(ctx: ScimRequestContext): void {
    const last = this.touched.get(ctx.connectionId);
    const at = Date.parse(ctx.at);
    if (last && last.tokenId === ctx.tokenId && at - last.at < 1000 && at >= last.at) return;
    this.transaction(() => this.touch(ctx));
  }

  /** Records an authenticated SCIM request on its connection and token; called inside the request's transaction. */
  touch(ctx: ScimRequestContext): void {
    this.touched.set(ctx.connectionId, { tokenId: ctx.tokenId, at: Date.parse(ctx.at) });
    this.prepare(
      `UPDATE scim_connections SET status = 'active', verified_at = COALESCE(verified_at, ?), last_request_at = ?,
         last_used_token_id = ? WHERE id = ? AND workspace_id = ?`,
    ).run(ctx.at, ctx.at, ctx.tokenId, ctx.connectionId, ctx.workspaceId);
    this.prepare('UPDATE scim_tokens SET last_used_at = ? WHERE id = ? AND connection_id = ?').run(
      ctx.at,
      ctx.tokenId,
      ctx.connectionId,
    );
  }

  audit(event: {
    id: string;
    workspaceId: string;
    action: AuditAction;
    actor: Actor;
    target: { type: string; id: string; name: string | null };
    at: string;
    changes?: Record<string, { from: unknown; to: unknown }>;
    requestId?: string | null;
  }): void {
    this.prepare(
      `INSERT INTO audit_events (id, workspace_id, action, actor, target_type, target_id, target_name, occurred_at,
         request_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.id,
      event.workspaceId,
      event.action,
      JSON.stringify(event.actor),
      event.target.type,
      event.target.id,
      event.target.name,
      event.at,
      event.requestId ?? null,
      JSON.stringify(event.changes ?? {}),
    );
  }

  close(): void {
    this.db.close();
  }
}
