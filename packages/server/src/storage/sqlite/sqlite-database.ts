// The SQLite connection every store shares: pragmas, migrations, a statement cache and transactions.
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../errors';
import type { Actor, AuditAction, ScimRequestContext } from '../storage';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from './checkpointer';
import { migrations } from './migrations';

export interface SqliteOptions {
  /** A file path, or `:memory:`. */
  filename: string;
  /**
   * `full` (default): every commit is on disk (the WAL fdatasynced) before it is answered. `normal`: no sync at
   * commit; a power loss may drop the last commits (never corrupts).
   */
  synchronous?: 'full' | 'normal';
}

/**
 * Puts the file in WAL mode. Switching takes an exclusive lock that SQLite does not wait for, so processes opening a
 * new file at the same moment (a server and its CLI, several workers) wait their turn here, for up to 5 s.
 */
function walMode(db: Database.Database): boolean {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // a synchronous 10 ms pause
    }
  }
}

/** The longest a group commit stays open while writes keep arriving, in milliseconds. */
export const MAX_GROUP_MS = 10;

export class SqliteDatabase {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * The write-ahead log, when commits must be on disk before they are acknowledged (`synchronous: 'full'` on a
   * file). SQLite itself runs with synchronous NORMAL: a COMMIT writes its frames to the WAL without fsync, and
   * this class fsyncs the WAL after it, which is what FULL does, but for a group commit on libuv's thread pool
   * rather than on the event loop, so the next group is being served while the disk flushes. (SQLite still
   * syncs the WAL's header when it restarts the log, and the WAL and the database around each checkpoint.)
   */
  private readonly wal: { path: string; fd?: number } | undefined;
  /** Checkpoints on a worker thread, for a WAL-mode file (see checkpointer.ts). */
  private readonly checkpointer: Checkpointer | undefined;

  constructor(options: SqliteOptions) {
    this.db = new Database(options.filename);
    const wal = walMode(this.db);
    const durable = options.synchronous !== 'normal';
    this.db.pragma('foreign_keys = ON');
    // Outside WAL mode (`:memory:`, a file system without shared memory) SQLite's own FULL does the syncing.
    this.db.pragma(`synchronous = ${durable && !wal ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.wal = durable && wal ? { path: `${resolve(options.filename)}-wal` } : undefined;
    if (wal) {
      // The worker checkpoints every few dozen commits; the writer's own checkpoint stays as a backstop, at a size
      // the worker keeps the WAL under, and returns to SQLite's default if the worker fails.
      this.db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
      this.checkpointer = new Checkpointer(resolve(options.filename), (error) => {
        console.warn('[identity-kit/server] checkpoints are back on the event loop:', error);
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
    this.migrate();
  }

  /** Whether commits are fsynced before they are answered (`synchronous: 'full'` on a file). */
  get syncsWal(): boolean {
    return this.wal !== undefined;
  }

  /** The WAL's file descriptor, opened on first use (SQLite creates the file with the first transaction). */
  private walFd(): number | undefined {
    if (!this.wal) return undefined;
    this.wal.fd ??= openSync(this.wal.path, 'r+');
    return this.wal.fd;
  }

  /**
   * The first failed sync, after which nothing more is written: Linux reports a failed writeback once, to one
   * caller, and may drop the pages, so a later sync that succeeds would prove nothing about them. (PostgreSQL
   * stops on a failed fsync for the same reason.)
   */
  private syncError: Error | undefined;

  private syncFailed(error: unknown): Error {
    if (!this.syncError) {
      const code = (error as { code?: string }).code ?? String(error);
      this.syncError = new StorageError(
        `The write-ahead log could not be synced to disk (${code}); nothing more is written until the server restarts.`,
        { cause: error },
      );
      console.error('[identity-kit/server]', this.syncError.message, error);
    }
    return this.syncError;
  }

  /** Makes everything committed so far durable, blocking: for the callers of `transaction`. */
  private syncNow(): void {
    const fd = this.walFd();
    if (fd === undefined) return;
    try {
      fdatasyncSync(fd);
    } catch (error) {
      throw this.syncFailed(error);
    }
  }

  /** The sync running on the thread pool, if any. */
  private flushing: Promise<void> | undefined;
  /** The sync to start when that one ends: one for every commit made meanwhile. */
  private queued: Promise<void> | undefined;

  /**
   * Makes everything committed so far durable, without blocking the event loop. One sync at a time, so that each
   * hears of its own failure: a commit made while one runs waits for the next, which starts when that one ends
   * and covers every commit made until then. If a sync fails, so does the one queued behind it.
   */
  private syncLater(): Promise<void> {
    const fd = this.walFd();
    if (fd === undefined) return Promise.resolve();
    if (this.queued) return this.queued;
    if (!this.flushing) return this.startSync(fd);
    const queued: Promise<void> = this.flushing.then(() => {
      // Started: what commits from now on may be past this sync, and waits for the next.
      if (this.queued === queued) this.queued = undefined;
      return this.startSync(fd);
    });
    this.queued = queued;
    return queued;
  }

  private startSync(fd: number): Promise<void> {
    const done: Promise<void> = new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => (error ? reject(this.syncFailed(error)) : resolve())),
    ).finally(() => {
      if (this.flushing === done) this.flushing = undefined;
    });
    this.flushing = done;
    return done;
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
      // (Only outside a transaction does this pragma take effect.)
      if (migration.rebuildsTables) this.db.pragma('foreign_keys = OFF');
      try {
        this.transaction(() => {
          // Asked again under the write lock: another process starting at the same time may have applied it.
          if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version))
            return;
          this.db.exec(migration.sql);
          if (migration.rebuildsTables && (this.db.pragma('foreign_key_check') as unknown[]).length)
            throw new Error(`Migration ${migration.version} would break foreign keys; nothing was changed.`);
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.name, new Date().toISOString());
        });
      } finally {
        if (migration.rebuildsTables) this.db.pragma('foreign_keys = ON');
      }
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

  /** `PRAGMA data_version` as read in this turn of the event loop (see `dataVersion`). */
  private version: number | undefined;

  /**
   * Changes whenever another connection (another process) commits to the file. Read once per turn of the event
   * loop: outside a transaction, asking takes WAL read locks (10 to 25 µs under load, for a request that needs none
   * otherwise), and the requests served in one turn arrived together.
   */
  dataVersion(): number {
    if (this.version === undefined) {
      this.version = this.prepare('PRAGMA data_version').pluck().get() as number;
      setImmediate(() => {
        this.version = undefined;
      });
    }
    return this.version;
  }

  /** Runs `fn` in one read transaction (a consistent snapshot, no write lock). */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** Runs `fn` in one immediate transaction (so read-modify-write sequences never interleave), committed at once. */
  transaction<T>(fn: () => T): T {
    this.writable();
    // Whatever a caller of this assumes durable on return must not wait for a group commit.
    if (this.group) this.commitGroup(this.group);
    const nested = this.db.inTransaction;
    const result = this.db.transaction(fn).immediate();
    if (!nested) {
      this.syncNow();
      this.checkpointer?.committed();
    }
    return result;
  }

  /** The group commit in progress: its transaction is open until `settle` commits it. */
  private group:
    | {
        waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
        /** The latest request per connection and token, recorded once, just before the commit. */
        touches: Map<string, ScimRequestContext>;
        /** Changes to SCIM connections' user counts, added up and written just before the commit. */
        userCounts: Array<{ connectionId: string; delta: number }>;
        /** `performance.now()` at its BEGIN. */
        openedAt: number;
        /** The writes that joined it, answered or failed: how `settle` sees whether the clients are done. */
        writes: number;
      }
    | undefined;

  /**
   * A write that shares its commit with the writes arriving while the event loop is busy (group commit, see
   * `settle`): each runs at once, and a failure undoes only its own work (a savepoint) and throws to its caller;
   * all are answered after the one commit, and fsync, that makes them durable. Concurrent SCIM creates from an
   * identity provider then cost one fsync per batch instead of one each, with the same guarantee: nothing is
   * acknowledged before it is on disk. (Reads may see a batch's rows up to one fsync before they are durable; in
   * this process, before the commit too.)
   *
   * `oneStatement`: `fn` changes the database with one statement at most (any more on a rare path go through
   * `savepoint`), which SQLite undoes by itself if it fails, so in a group the savepoint would be pure cost (two
   * statements more, on the SCIM create path). In a caller's transaction, where touches and counts are written at
   * once, it runs in a savepoint all the same.
   *
   * The write that opens a group needs no savepoint either: if it fails, the transaction, with nothing else in it
   * yet, is rolled back whole. A savepoint makes SQLite copy every page the write changes into a sub-journal, which
   * spills to a temporary file past 64 KB: a directory sync's page of people took a fifth longer with one.
   */
  write<T>(fn: () => T, options: { oneStatement?: boolean } = {}): Promise<T> {
    try {
      this.writable();
    } catch (error) {
      return Promise.reject(error);
    }
    // A group whose transaction SQLite itself rolled back: its writers have heard; this write starts a new one.
    if (this.group) this.failIfRolledBack(this.group);
    // Inside a caller's own transaction (seeding, tests): part of it, committed with it.
    if (this.db.inTransaction && !this.group) return Promise.resolve(this.undoable(fn, true));
    const opens = !this.group;
    if (!this.group) {
      this.db.exec('BEGIN IMMEDIATE');
      const group: NonNullable<SqliteDatabase['group']> = {
        waiters: [],
        touches: new Map(),
        userCounts: [],
        openedAt: performance.now(),
        writes: 0,
      };
      this.group = group;
      // Bounded by the sync in flight: once it ends, the disk is free for this group.
      if (this.flushing) {
        const commit = () => this.commitGroup(group);
        this.flushing.then(commit, commit);
      }
      setImmediate(() => this.settle(group, 1, 0));
    }
    const group = this.group;
    group.writes++;
    let result: T;
    try {
      result = this.undoable(fn, !options.oneStatement && !opens);
    } catch (error) {
      if (opens && this.group === group) this.failGroup(group, error);
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) =>
      group.waiters.push({ resolve: () => resolve(result), reject }),
    );
  }

  /** Throws once the database is closing, or a sync has failed. */
  private writable(): void {
    if (this.syncError) throw this.syncError;
    if (this.closing) throw new StorageError('The database is closed.');
  }

  /**
   * Commits the group once the event loop has caught up with its clients: two turns in a row in which no write
   * joined it (a turn with nothing to do takes microseconds). While requests keep arriving the group keeps growing,
   * and one commit, and one fsync, serves them all. It commits sooner when the sync in flight as it opened ends
   * (see `write`), and at MAX_GROUP_MS, for a loop that never catches up. `seen`: the group's writes at the last
   * turn; `quiet`: the turns in a row without a new one.
   */
  private settle(group: NonNullable<SqliteDatabase['group']>, seen: number, quiet: number): void {
    if (this.group !== group) return;
    quiet = group.writes === seen ? quiet + 1 : 0;
    if (quiet >= 2 || performance.now() - group.openedAt >= MAX_GROUP_MS) {
      this.commitGroup(group);
      return;
    }
    const writes = group.writes;
    setImmediate(() => this.settle(group, writes, quiet));
  }

  /** Runs `fn` in a savepoint of the open transaction, undone if it throws: a one-statement write's rare path. */
  savepoint<T>(fn: () => T): T {
    return this.undoable(fn, true);
  }

  /**
   * Runs `fn` in the open transaction (the group's, or a caller's), undone if it throws: in a savepoint of its own,
   * or, for a single statement, by SQLite. (better-sqlite3's `transaction(fn)` makes savepoints too, but builds a
   * wrapper function per call, which costs more than the savepoint itself on the hot path.)
   */
  private undoable<T>(fn: () => T, savepoint: boolean): T {
    if (savepoint) this.prepare('SAVEPOINT write').run();
    const counted = this.group?.userCounts.length ?? 0;
    try {
      const result = fn();
      // What an async function wrote after its first await would land outside the savepoint, and the group.
      if (typeof (result as { then?: unknown } | undefined)?.then === 'function')
        throw new TypeError('A storage write must be synchronous; it returned a promise.');
      if (savepoint) this.prepare('RELEASE write').run();
      return result;
    } catch (error) {
      if (this.group) this.group.userCounts.length = counted;
      // Unless SQLite rolled the whole transaction back itself (a full disk): the group then fails as one.
      if (savepoint && this.db.inTransaction) {
        this.prepare('ROLLBACK TO write').run();
        this.prepare('RELEASE write').run();
      }
      throw error;
    }
  }

  private commitGroup(group: NonNullable<SqliteDatabase['group']>): void {
    // Nothing of a rolled-back group may be written now, outside any transaction.
    if (this.group !== group || this.failIfRolledBack(group)) return;
    // Nor of one open when a sync failed: no later sync could vouch for it.
    if (this.syncError) {
      this.failGroup(group, this.syncError);
      return;
    }
    this.group = undefined;
    try {
      for (const ctx of group.touches.values()) this.writeTouch(ctx);
      this.writeUserCounts(group.userCounts);
      this.db.exec('COMMIT');
    } catch (error) {
      this.failGroup(group, error);
      return;
    }
    this.checkpointer?.committed();
    this.syncLater().then(
      () => {
        for (const waiter of group.waiters) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of group.waiters) waiter.reject(error);
      },
    );
  }

  /**
   * Whether SQLite rolled the group's transaction back itself (a full disk, an I/O error); if so, the group is failed
   * and every writer hears.
   */
  private failIfRolledBack(group: NonNullable<SqliteDatabase['group']>): boolean {
    if (this.db.inTransaction) return false;
    this.failGroup(group, new Error('The transaction was rolled back.'));
    return true;
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
    if (this.recentlyTouched(ctx)) return;
    this.touched.set(ctx.connectionId, { tokenId: ctx.tokenId, at: Date.parse(ctx.at) });
    this.pendingTouches.set(ctx.connectionId, ctx);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushTouches());
  }

  /** Whether this process recorded the same token for the connection less than a second before `ctx.at`. */
  private recentlyTouched(ctx: ScimRequestContext): boolean {
    const last = this.touched.get(ctx.connectionId);
    const at = Date.parse(ctx.at);
    return last !== undefined && last.tokenId === ctx.tokenId && at - last.at < 1000 && at >= last.at;
  }

  /** Writes the pending read touches (one transaction for all of them). */
  flushTouches(): void {
    this.flushScheduled = false;
    if (!this.pendingTouches.size || this.closing || !this.db.open) return;
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
    // In a group commit, the connection's and token's rows are written once for the whole group, and, as for
    // reads, at most once a second for the same token: a bulk push then spares every group those two writes.
    if (this.group) {
      if (this.recentlyTouched(ctx)) return;
      const key = `${ctx.connectionId} ${ctx.tokenId}`;
      const pending = this.group.touches.get(key);
      if (!pending || pending.at <= ctx.at) this.group.touches.set(key, ctx);
      return;
    }
    this.writeTouch(ctx);
  }

  /**
   * Adds `delta` to a SCIM connection's user count. In a group commit the group's changes are added up and written
   * once, with its touch, just before the commit (a write that fails takes its change back with it).
   */
  countScimUsers(connectionId: string, delta: number): void {
    if (this.group) this.group.userCounts.push({ connectionId, delta });
    else this.writeUserCounts([{ connectionId, delta }]);
  }

  private writeUserCounts(changes: Array<{ connectionId: string; delta: number }>): void {
    const totals = new Map<string, number>();
    for (const { connectionId, delta } of changes)
      totals.set(connectionId, (totals.get(connectionId) ?? 0) + delta);
    for (const [connectionId, delta] of totals)
      if (delta)
        this.prepare('UPDATE scim_connections SET user_count = user_count + ? WHERE id = ?').run(
          delta,
          connectionId,
        );
  }

  private writeTouch(ctx: ScimRequestContext): void {
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

  /** Set by `close`: writes are refused from then on. */
  private closing = false;

  async close(): Promise<void> {
    if (this.group) this.commitGroup(this.group);
    this.flushTouches();
    this.closing = true;
    await (this.queued ?? this.flushing)?.catch(() => undefined);
    // The worker's connection first: the last one to close checkpoints what is left and removes the WAL.
    await this.checkpointer?.close();
    this.db.close();
    if (this.wal?.fd !== undefined) closeSync(this.wal.fd);
    if (this.wal) this.wal.fd = undefined;
  }
}
