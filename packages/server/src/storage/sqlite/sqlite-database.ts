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

  /** Runs `fn` in one immediate transaction (so read-modify-write sequences never interleave), committed at once. */
  transaction<T>(fn: () => T): T {
    // Whatever a caller of this assumes durable on return must not wait for a group commit.
    if (this.group) this.commitGroup(this.group);
    return this.db.transaction(fn).immediate();
  }

  /** The group commit in progress: its transaction is open until the event loop's next turn. */
  private group: { waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> } | undefined;

  /**
   * A write that shares its commit with the writes arriving in the same turn of the event loop (group commit):
   * each runs at once in its own savepoint, so a failure undoes only its own work and throws to its caller; all are
   * answered after the one commit, and fsync, that makes them durable. Concurrent SCIM creates from an identity
   * provider then cost one fsync per batch instead of one each, with the same guarantee: nothing is acknowledged
   * before it is on disk. (Reads in the same turn may see a batch's rows just before its commit.)
   */
  write<T>(fn: () => T): Promise<T> {
    // A group whose transaction SQLite itself rolled back (a full disk, an I/O error): its writers have heard.
    if (this.group && !this.db.inTransaction)
      this.failGroup(this.group, new Error('The transaction was rolled back.'));
    // Inside a caller's own transaction (seeding, tests): part of it, committed with it.
    if (this.db.inTransaction && !this.group) return Promise.resolve(this.db.transaction(fn)());
    if (!this.group) {
      this.db.exec('BEGIN IMMEDIATE');
      const group: NonNullable<SqliteDatabase['group']> = { waiters: [] };
      this.group = group;
      setImmediate(() => this.commitGroup(group));
    }
    const group = this.group;
    let result: T;
    try {
      result = this.db.transaction(fn)(); // a savepoint inside the group's transaction
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) =>
      group.waiters.push({ resolve: () => resolve(result), reject }),
    );
  }

  private commitGroup(group: NonNullable<SqliteDatabase['group']>): void {
    if (this.group !== group) return;
    this.group = undefined;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      this.failGroup(group, error);
      return;
    }
    for (const waiter of group.waiters) waiter.resolve();
  }

  private failGroup(group: NonNullable<SqliteDatabase['group']>, error: unknown): void {
    if (this.group === group) this.group = undefined;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    for (const waiter of group.waiters) waiter.reject(error);
    group.waiters = [];
  }

  /** When each connection's last request was recorded, with which token (this process's view). */
  private readonly touched = new Map<string, { tokenId: string; at: number }>();
  private readonly pendingTouches = new Map<string, ScimRequestContext>();
  private flushScheduled = false;

  /**
   * For reads: records the request unless this process recorded the same token for the connection less than a
   * second ago, and writes it just after the response rather than before, so a lookup never waits for a commit
   * (an fsync). lastRequestAt is exact to the second; status and lastUsedTokenId always. Reading a connection
   * (and closing) writes what is pending first.
   */
  touchIfStale(ctx: ScimRequestContext): void {
    const last = this.touched.get(ctx.connectionId);
    const at = Date.parse(ctx.at);
    if (last && last.tokenId === ctx.tokenId && at - last.at < 1000 && at >= last.at) return;
    this.touched.set(ctx.connectionId, { tokenId: ctx.tokenId, at });
    this.pendingTouches.set(ctx.connectionId, ctx);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushTouches());
  }

  /** Writes the pending read touches (one transaction for all of them). */
  flushTouches(): void {
    this.flushScheduled = false;
    if (!this.pendingTouches.size || !this.db.open) return;
    const pending = [...this.pendingTouches.values()];
    this.pendingTouches.clear();
    this.transaction(() => {
      for (const ctx of pending) this.touch(ctx);
    });
  }

  /**
   * Records an authenticated SCIM request on its connection and token, inside the request's transaction. Never
   * moves lastRequestAt (or the token that goes with it) backwards, as a deferred read touch may land late.
   */
  touch(ctx: ScimRequestContext): void {
    const last = this.touched.get(ctx.connectionId);
    const at = Date.parse(ctx.at);
    if (!last || at >= last.at) this.touched.set(ctx.connectionId, { tokenId: ctx.tokenId, at });
    this.prepare(
      `UPDATE scim_connections SET status = 'active', verified_at = COALESCE(verified_at, @at),
         last_used_token_id = CASE WHEN last_request_at IS NULL OR last_request_at <= @at THEN @tokenId ELSE last_used_token_id END,
         last_request_at = CASE WHEN last_request_at IS NULL OR last_request_at < @at THEN @at ELSE last_request_at END
       WHERE id = @connectionId AND workspace_id = @workspaceId`,
    ).run({ at: ctx.at, tokenId: ctx.tokenId, connectionId: ctx.connectionId, workspaceId: ctx.workspaceId });
    this.prepare(
      `UPDATE scim_tokens SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < @at THEN @at ELSE last_used_at END
       WHERE id = @tokenId AND connection_id = @connectionId`,
    ).run({ at: ctx.at, tokenId: ctx.tokenId, connectionId: ctx.connectionId });
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
    if (this.group) this.commitGroup(this.group);
    this.flushTouches();
    this.db.close();
  }
}
