// Sessions, the session policy and forced reauthentication on SQLite. See migration 2 for the epoch and the
// counters that make forcing reauthentication cost the same at any number of sessions.

import { NotFoundError, StorageError } from '../errors';
import type {
  Actor,
  MemberRecord,
  ReauthenticationRecord,
  SessionLengths,
  SessionPolicyRecord,
  SessionPolicyStore,
  SessionRecord,
  SessionStore,
} from '../storage';
import { newId } from './ids';
import type { SqliteDatabase } from './sqlite-database';
import { toMember, type UserRow } from './sqlite-members';

/** A new workspace's policy: a day, no idle timeout (as the mocks and most products start). */
export const DEFAULT_SESSION_POLICY = { sessionDurationSeconds: 86_400, idleTimeoutSeconds: null };

/** last_seen_at is written at most this often per session: idle timeouts are whole minutes or more. */
const SEEN_EVERY_MS = 60_000;
/**
 * Sign-in, sign-out and validation write through the group commit: a crowd signing in again after a forced
 * reauthentication shares fsyncs, and none blocks the event loop on one. A single DELETE or UPDATE (its triggers
 * included) is undone by SQLite itself if it fails, so needs no savepoint.
 */
const ONE = { oneStatement: true };

/**
 * For validation's writes, which no answer waits for (it would answer with a member read before the wait): a
 * session found invalid stays invalid whether its row is gone yet or not, and a lost last-seen time only makes the
 * idle timeout end sooner. A failed sync reports itself, and a closed database needs no report.
 */
function unawaited(write: Promise<unknown>): void {
  write.catch((error: unknown) => {
    if (!(error instanceof StorageError))
      console.error('[identity-kit/server] a session write failed:', error);
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

interface PolicyRow {
  session_duration_seconds: number;
  idle_timeout_seconds: number | null;
}

export class SqliteSessionPolicyStore implements SessionPolicyStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async get(workspaceId: string): Promise<SessionPolicyRecord> {
    return this.read(workspaceId);
  }

  private read(workspaceId: string): SessionPolicyRecord {
    const row = this.sql.prepare('SELECT * FROM session_policies WHERE workspace_id = ?').get(workspaceId) as
      | (PolicyRow & { updated_at: string | null; updated_by: string | null })
      | undefined;
    if (!row) return { ...DEFAULT_SESSION_POLICY, updatedAt: null, updatedBy: null };
    return {
      sessionDurationSeconds: row.session_duration_seconds,
      idleTimeoutSeconds: row.idle_timeout_seconds,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by ? (JSON.parse(row.updated_by) as Actor) : null,
    };
  }

  async update(
    workspaceId: string,
    change: (current: SessionPolicyRecord) => SessionLengths,
    meta: { actor: Actor; requestId: string; at: string },
  ): Promise<SessionPolicyRecord> {
    return this.sql.transaction(() => {
      const before = this.read(workspaceId);
      const next = change(before);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['sessionDurationSeconds', 'idleTimeoutSeconds'] as const) {
        if (before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
      }
      // Saving what is already set changes nothing and records nothing.
      if (Object.keys(changes).length === 0) return before;
      this.sql
        .prepare(
          `INSERT INTO session_policies (workspace_id, session_duration_seconds, idle_timeout_seconds, updated_at,
             updated_by) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (workspace_id) DO UPDATE SET session_duration_seconds = excluded.session_duration_seconds,
             idle_timeout_seconds = excluded.idle_timeout_seconds, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by`,
        )
        .run(
          workspaceId,
          next.sessionDurationSeconds,
          next.idleTimeoutSeconds,
          meta.at,
          JSON.stringify(meta.actor),
        );
      this.sql.audit({
        id: newId('evt'),
        workspaceId,
        action: 'session_policy.updated',
        actor: meta.actor,
        target: { type: 'session_policy', id: workspaceId, name: null },
        at: meta.at,
        changes,
        requestId: meta.requestId,
      });
      return { ...next, updatedAt: meta.at, updatedBy: meta.actor };
    });
  }
}

type SessionRow = {
  id: string;
  workspace_id: string;
  user_id: string;
  epoch: number;
  created_at: number;
  last_seen_at: number;
  session_epoch: number;
  session_duration_seconds: number | null;
  idle_timeout_seconds: number | null;
};

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly sql: SqliteDatabase) {}

  private toSession(row: SessionRow): SessionRecord {
    const duration = (row.session_duration_seconds ?? DEFAULT_SESSION_POLICY.sessionDurationSeconds) * 1000;
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      userId: row.user_id,
      createdAt: iso(row.created_at),
      lastSeenAt: iso(row.last_seen_at),
      expiresAt: iso(row.created_at + duration),
    };
  }

  async create(input: { workspaceId: string; userId: string; secretHash: Uint8Array; at: string }) {
    const at = Date.parse(input.at);
    const id = newId('ses');
    // Read back in the same write: once it is durable, a deletion or a forced reauthentication may have come between.
    const row = await this.sql.write(() => {
      // Only a member of that very workspace: a session is never valid in another.
      const { changes } = this.sql
        .prepare(
          `INSERT INTO sessions (id, workspace_id, user_id, secret_hash, epoch, created_at, last_seen_at)
           SELECT ?, w.id, u.id, ?, w.session_epoch, ?, ? FROM workspaces w
           JOIN users u ON u.workspace_id = w.id AND u.id = ? WHERE w.id = ?`,
        )
        .run(id, input.secretHash, at, at, input.userId, input.workspaceId);
      if (changes === 0)
        throw new NotFoundError(`${input.userId} is not a member of workspace ${input.workspaceId}.`);
      this.sql
        .prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ? AND workspace_id = ?')
        .run(input.at, input.userId, input.workspaceId);
      return this.row('s.id = ?', id) as SessionRow;
    });
    return this.toSession(row);
  }

  private row(where: string, value: unknown): SessionRow | undefined {
    return this.sql
      .prepare(
        `SELECT s.*, w.session_epoch, p.session_duration_seconds, p.idle_timeout_seconds
         FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
         LEFT JOIN session_policies p ON p.workspace_id = s.workspace_id WHERE ${where}`,
      )
      .get(value) as SessionRow | undefined;
  }

  async validate(secretHash: Uint8Array, atIso: string) {
    const at = Date.parse(atIso);
    const row = this.row('s.secret_hash = ?', secretHash);
    if (!row) return undefined;
    const member = this.sql.prepare('SELECT * FROM users WHERE id = ?').get(row.user_id) as
      | UserRow
      | undefined;
    const duration = (row.session_duration_seconds ?? DEFAULT_SESSION_POLICY.sessionDurationSeconds) * 1000;
    const idle = row.idle_timeout_seconds === null ? null : row.idle_timeout_seconds * 1000;
    const valid =
      row.epoch === row.session_epoch &&
      at < row.created_at + duration &&
      (idle === null || at < row.last_seen_at + idle) &&
      member?.status === 'active';
    if (!valid) {
      unawaited(this.sql.write(() => this.sql.prepare('DELETE FROM sessions WHERE id = ?').run(row.id), ONE));
      return undefined;
    }
    if (at - row.last_seen_at >= SEEN_EVERY_MS) {
      unawaited(
        this.sql.write(
          () => this.sql.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, row.id),
          ONE,
        ),
      );
      row.last_seen_at = at;
    }
    return { session: this.toSession(row), member: toMember(member as UserRow) as MemberRecord };
  }

  async revoke(workspaceId: string, sessionId: string): Promise<void> {
    await this.sql.write(
      () =>
        this.sql
          .prepare('DELETE FROM sessions WHERE id = ? AND workspace_id = ?')
          .run(sessionId, workspaceId),
      ONE,
    );
  }

  async revokeMember(workspaceId: string, userId: string): Promise<number> {
    return this.sql.write(
      () =>
        this.sql
          .prepare('DELETE FROM sessions WHERE workspace_id = ? AND user_id = ?')
          .run(workspaceId, userId).changes,
      ONE,
    );
  }

  async status(workspaceId: string) {
    const row = this.sql
      .prepare('SELECT session_count, session_user_count FROM workspaces WHERE id = ?')
      .get(workspaceId) as { session_count: number; session_user_count: number } | undefined;
    return { activeSessions: row?.session_count ?? 0, activeUsers: row?.session_user_count ?? 0 };
  }

  async forceReauthentication(
    workspaceId: string,
    input: { keepSessionId: string | null; reason: string | null },
    meta: { actor: Actor; requestId: string; at: string },
  ): Promise<ReauthenticationRecord> {
    return this.sql.transaction(() => {
      const ws = this.sql
        .prepare('SELECT session_epoch, session_count, session_user_count FROM workspaces WHERE id = ?')
        .get(workspaceId) as { session_epoch: number; session_count: number; session_user_count: number };
      const epoch = ws.session_epoch + 1;
      const kept = input.keepSessionId
        ? (this.sql
            .prepare('SELECT user_id FROM sessions WHERE id = ? AND workspace_id = ? AND epoch = ?')
            .get(input.keepSessionId, workspaceId, ws.session_epoch) as { user_id: string } | undefined)
        : undefined;
      // The admin keeps this one session; their other sessions end with everyone's.
      const keptUserSessions = kept
        ? (
            this.sql
              .prepare('SELECT count FROM user_session_counts WHERE user_id = ? AND epoch = ?')
              .get(kept.user_id, ws.session_epoch) as { count: number }
          ).count
        : 0;
      const revokedSessions = ws.session_count - (kept ? 1 : 0);
      const affectedUsers = ws.session_user_count - (kept && keptUserSessions === 1 ? 1 : 0);
      this.sql
        .prepare(
          'UPDATE workspaces SET session_epoch = ?, session_count = ?, session_user_count = ? WHERE id = ?',
        )
        .run(epoch, kept ? 1 : 0, kept ? 1 : 0, workspaceId);
      if (kept && input.keepSessionId) {
        this.sql.prepare('UPDATE sessions SET epoch = ? WHERE id = ?').run(epoch, input.keepSessionId);
        this.sql
          .prepare('UPDATE user_session_counts SET epoch = ?, count = 1 WHERE user_id = ?')
          .run(epoch, kept.user_id);
      }
      const record: ReauthenticationRecord = {
        id: newId('rea'),
        revokedSessions,
        affectedUsers,
        effectiveAt: meta.at,
        keptCurrentSession: kept !== undefined,
        performedBy: meta.actor,
        reason: input.reason,
      };
      this.sql
        .prepare(
          `INSERT INTO reauthentications (id, workspace_id, revoked_sessions, affected_users, effective_at,
             kept_current_session, performed_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.id,
          workspaceId,
          revokedSessions,
          affectedUsers,
          meta.at,
          record.keptCurrentSession ? 1 : 0,
          JSON.stringify(meta.actor),
          input.reason,
        );
      this.sql.audit({
        id: newId('evt'),
        workspaceId,
        action: 'reauthentication.forced',
        actor: meta.actor,
        target: { type: 'workspace', id: workspaceId, name: null },
        at: meta.at,
        changes: { keepCurrentSession: { from: null, to: record.keptCurrentSession } },
        requestId: meta.requestId,
      });
      return record;
    });
  }

  async lastReauthentication(workspaceId: string): Promise<ReauthenticationRecord | null> {
    const row = this.sql
      .prepare(
        'SELECT * FROM reauthentications WHERE workspace_id = ? ORDER BY effective_at DESC, rowid DESC LIMIT 1',
      )
      .get(workspaceId) as Record<string, string | number | null> | undefined;
    if (!row) return null;
    return {
      id: row.id as string,
      revokedSessions: row.revoked_sessions as number,
      affectedUsers: row.affected_users as number,
      effectiveAt: row.effective_at as string,
      keptCurrentSession: row.kept_current_session === 1,
      performedBy: JSON.parse(row.performed_by as string) as Actor,
      reason: (row.reason as string | null) ?? null,
    };
  }

  async sweep(atIso: string, limit = 1000): Promise<number> {
    const at = Date.parse(atIso);
    // Each branch walks an index from the workspaces (few) into their sessions, never the whole table: sessions of a
    // past epoch, then past the policy's duration, then idle too long.
    const branches: Array<{ sql: string; args: number[] }> = [
      // CROSS JOIN keeps the workspaces outermost whatever the planner's statistics say.
      {
        sql: `SELECT s.rowid FROM workspaces w CROSS JOIN sessions s
                ON s.workspace_id = w.id AND s.epoch < w.session_epoch LIMIT ?`,
        args: [limit],
      },
      {
        sql: `SELECT s.rowid FROM workspaces w CROSS JOIN sessions s
                ON s.workspace_id = w.id AND s.epoch = w.session_epoch AND s.created_at <= ? - COALESCE(
                  (SELECT session_duration_seconds FROM session_policies WHERE workspace_id = w.id), ?) * 1000 LIMIT ?`,
        args: [at, DEFAULT_SESSION_POLICY.sessionDurationSeconds, limit],
      },
      {
        sql: `SELECT s.rowid FROM session_policies p CROSS JOIN workspaces w CROSS JOIN sessions s
                ON w.id = p.workspace_id AND s.workspace_id = w.id AND s.epoch = w.session_epoch
                  AND s.last_seen_at <= ? - p.idle_timeout_seconds * 1000
                WHERE p.idle_timeout_seconds IS NOT NULL LIMIT ?`,
        args: [at, limit],
      },
    ];
    const remove = this.sql.prepare('DELETE FROM sessions WHERE rowid = ?');
    return this.sql.transaction(() => {
      let deleted = 0;
      for (const branch of branches) {
        if (deleted >= limit) break;
        const rows = this.sql.prepare(branch.sql).all(...branch.args) as Array<{ rowid: number }>;
        for (const { rowid } of rows.slice(0, limit - deleted)) deleted += remove.run(rowid).changes;
      }
      return deleted;
    });
  }
}
