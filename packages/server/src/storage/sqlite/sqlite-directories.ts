// Directory connections, their sync runs, and what they bring in, on SQLite. Every page of a read is applied in
// one transaction with the run's resume point, so a run that stops (a crash, a deploy) resumes from its last
// applied page: upserts keyed by the directory's own ids make a page applied twice change nothing.
import type { DirectoryUser } from '../../directory/connector';
import { ConflictError, LeaseLostError, NotFoundError } from '../errors';
import {
  type Actor,
  type CredentialView,
  type DirectoryConnectionRecord,
  type DirectoryPageInput,
  type DirectoryState,
  type DirectoryStore,
  type ProviderId,
  RUN_LEASE_MS,
  type SyncRunCounts,
  type SyncRunRecord,
} from '../storage';
import { newId } from './ids';
import type { SqliteDatabase } from './sqlite-database';

type Row = Record<string, string | number | null>;
type Changes = Record<string, { from: unknown; to: unknown }>;

const zero = (): SyncRunCounts => ({ created: 0, updated: 0, deactivated: 0, groups: 0, memberships: 0 });

function toRun(row: Row): SyncRunRecord {
  return {
    id: row.id as string,
    connectionId: row.connection_id as string,
    status: row.status as SyncRunRecord['status'],
    trigger: row.trigger as SyncRunRecord['trigger'],
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
    counts: JSON.parse(row.counts as string),
    errors: JSON.parse(row.errors as string),
    resumeFrom: (row.resume_from as string | null) ?? null,
    readCursor: (row.read_cursor as string | null) ?? null,
  };
}

export class SqliteDirectoryStore implements DirectoryStore {
  constructor(private readonly sql: SqliteDatabase) {}

  private row(workspaceId: string, id: string): Row | undefined {
    return this.sql
      .prepare('SELECT * FROM directory_connections WHERE id = ? AND workspace_id = ?')
      .get(id, workspaceId) as Row | undefined;
  }

  private toRecord(row: Row): DirectoryConnectionRecord {
    const id = row.id as string;
    const users = this.sql
      .prepare("SELECT count(*) AS n FROM users WHERE directory_connection_id = ? AND status = 'active'")
      .get(id) as { n: number };
    const groups = this.sql
      .prepare('SELECT count(*) AS n FROM groups WHERE directory_connection_id = ?')
      .get(id) as {
      n: number;
    };
    const last = this.sql
      .prepare('SELECT * FROM sync_runs WHERE connection_id = ? ORDER BY started_at DESC, id DESC LIMIT 1')
      .get(id) as Row | undefined;
    const full = this.sql
      .prepare(
        "SELECT max(finished_at) AS at FROM sync_runs WHERE connection_id = ? AND status = 'succeeded' AND full_read = 1",
      )
      .get(id) as { at: string | null };
    return {
      id,
      workspaceId: row.workspace_id as string,
      provider: row.provider as ProviderId,
      name: row.name as string,
      state: row.state as DirectoryState,
      stateReason: row.state_reason ? JSON.parse(row.state_reason as string) : null,
      credentials: JSON.parse(row.credential_view as string) as CredentialView,
      syncIntervalMinutes: row.sync_interval_minutes as number,
      cursor: (row.cursor as string | null) ?? null,
      lastFullSyncAt: full.at,
      nextSyncAt: row.state === 'active' ? ((row.next_sync_at as string | null) ?? null) : null,
      counts: { users: users.n, groups: groups.n },
      lastSyncRun: last ? toRun(last) : null,
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    };
  }

  private audit(
    row: Row,
    action: string,
    actor: Actor,
    requestId: string,
    at: string,
    changes: Changes = {},
  ) {
    this.sql.audit({
      id: newId('evt'),
      workspaceId: row.workspace_id as string,
      action: action as 'directory_connection.created',
      actor,
      target: { type: 'directory_connection', id: row.id as string, name: row.name as string },
      at,
      changes,
      requestId,
    });
  }

  async create(
    input: Parameters<DirectoryStore['create']>[0],
    meta: Parameters<DirectoryStore['create']>[1],
  ): Promise<DirectoryConnectionRecord> {
    const { id } = input;
    const at = new Date().toISOString();
    return this.sql.transaction(() => {
      this.sql
        .prepare(
          `INSERT INTO directory_connections (id, workspace_id, provider, name, state, sealed_credentials,
             credential_view, sync_interval_minutes, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'validating', ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.workspaceId,
          input.provider,
          input.name,
          input.sealedCredentials,
          JSON.stringify(input.credentials),
          input.syncIntervalMinutes,
          at,
          at,
        );
      const row = this.row(input.workspaceId, id) as Row;
      this.audit(row, 'directory_connection.created', meta.actor, meta.requestId, at, meta.changes);
      return this.toRecord(row);
    });
  }

  async get(workspaceId: string, id: string) {
    const row = this.row(workspaceId, id);
    return row && this.toRecord(row);
  }

  async list(workspaceId: string) {
    const rows = this.sql
      .prepare('SELECT * FROM directory_connections WHERE workspace_id = ? ORDER BY created_at DESC, id DESC')
      .all(workspaceId) as Row[];
    return rows.map((row) => this.toRecord(row));
  }

  async sealedCredentials(workspaceId: string, id: string) {
    return this.row(workspaceId, id)?.sealed_credentials as string | undefined;
  }

  async update(
    workspaceId: string,
    id: string,
    change: Parameters<DirectoryStore['update']>[2],
    meta?: Parameters<DirectoryStore['update']>[3],
  ): Promise<DirectoryConnectionRecord> {
    const at = new Date().toISOString();
    return this.sql.transaction(() => {
      const row = this.row(workspaceId, id);
      if (!row) throw new NotFoundError(`No directory connection ${id} in this workspace.`);
      const columns: Record<string, unknown> = {
        name: change.name,
        sealed_credentials: change.sealedCredentials,
        credential_view: change.credentials && JSON.stringify(change.credentials),
        sync_interval_minutes: change.syncIntervalMinutes,
        state: change.state,
        state_reason: change.stateReason === undefined ? undefined : JSON.stringify(change.stateReason),
        cursor: change.cursor,
        next_sync_at: change.nextSyncAt,
      };
      const set = Object.entries(columns).filter(([, v]) => v !== undefined);
      if (change.stateReason === null) set.push(['state_reason', null]);
      if (set.length > 0) {
        this.sql
          .prepare(
            `UPDATE directory_connections SET ${[...set.map(([k]) => `${k} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`,
          )
          .run(...set.map(([, v]) => v as string | number | null), at, id);
      }
      const updated = this.row(workspaceId, id) as Row;
      if (meta && Object.keys(meta.changes).length > 0) {
        this.audit(updated, 'directory_connection.updated', meta.actor, meta.requestId, at, meta.changes);
      }
      return this.toRecord(updated);
    });
  }

  async delete(workspaceId: string, id: string, meta: { actor: Actor; requestId: string }) {
    this.sql.transaction(() => {
      const row = this.row(workspaceId, id);
      if (!row) throw new NotFoundError(`No directory connection ${id} in this workspace.`);
      this.sql.prepare('DELETE FROM directory_connections WHERE id = ?').run(id);
      this.audit(row, 'directory_connection.deleted', meta.actor, meta.requestId, new Date().toISOString());
    });
  }

  async startRun(
    workspaceId: string,
    connectionId: string,
    trigger: SyncRunRecord['trigger'],
    at: string,
    meta?: { actor: Actor; requestId: string },
  ) {
    const now = Date.parse(at);
    return this.sql.transaction(() => {
      const row = this.row(workspaceId, connectionId);
      if (!row) throw new NotFoundError(`No directory connection ${connectionId} in this workspace.`);
      const running = this.sql
        .prepare("SELECT * FROM sync_runs WHERE connection_id = ? AND status = 'running'")
        .get(connectionId) as Row | undefined;
      if (running) {
        if ((running.lease_until as number) > now) {
          throw new ConflictError('sync', 'A sync is already running for this directory.');
        }
        const lease = newId('lease');
        this.sql
          .prepare('UPDATE sync_runs SET lease_until = ?, lease_holder = ? WHERE id = ?')
          .run(now + RUN_LEASE_MS, lease, running.id);
        return { run: toRun(running), resumed: true, lease };
      }
      const id = newId('run');
      const lease = newId('lease');
      this.sql
        .prepare(
          `INSERT INTO sync_runs (id, connection_id, status, trigger, started_at, counts, errors, lease_until, lease_holder)
           VALUES (?, ?, 'running', ?, ?, ?, '[]', ?, ?)`,
        )
        .run(id, connectionId, trigger, at, JSON.stringify(zero()), now + RUN_LEASE_MS, lease);
      this.sql
        .prepare(
          "UPDATE directory_connections SET state = 'syncing', state_reason = NULL, updated_at = ? WHERE id = ?",
        )
        .run(at, connectionId);
      if (meta) {
        this.audit(row, 'directory_connection.sync_started', meta.actor, meta.requestId, at, {
          trigger: { from: null, to: trigger },
        });
      }
      return {
        run: toRun(this.sql.prepare('SELECT * FROM sync_runs WHERE id = ?').get(id) as Row),
        resumed: false,
        lease,
      };
    });
  }

  async beginRead(runId: string, lease: string, cursor: string | null) {
    this.sql.transaction(() => {
      this.heldRun(runId, lease);
      this.sql.prepare('UPDATE sync_runs SET read_cursor = ? WHERE id = ?').run(cursor, runId);
    });
  }

  /** The run, if it is running and (given a lease) still the lease holder's; else a `LeaseLostError`. */
  private heldRun(runId: string, lease: string | undefined): Row {
    const run = this.sql.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as Row | undefined;
    if (run?.status !== 'running' || (lease !== undefined && run.lease_holder !== lease)) {
      throw new LeaseLostError(`Sync run ${runId} is no longer held by this runner.`);
    }
    return run;
  }

  async renewLease(runId: string, lease: string, at: string) {
    return this.sql.transaction(
      () =>
        this.sql
          .prepare(
            "UPDATE sync_runs SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_holder = ?",
          )
          .run(Date.parse(at) + RUN_LEASE_MS, runId, lease).changes === 1,
    );
  }

  async applyPage(runId: string, lease: string, page: DirectoryPageInput, at: string) {
    // In the group commit: a page synced at once would hold the event loop for its fsync, and commit early
    // whatever SCIM writes were open, once for every page of a sync.
    return this.sql.write(() => {
      const run = this.heldRun(runId, lease);
      const connection = this.sql
        .prepare('SELECT * FROM directory_connections WHERE id = ?')
        .get(run.connection_id) as Row;
      const workspaceId = connection.workspace_id as string;
      const connectionId = connection.id as string;
      const counts = JSON.parse(run.counts as string) as SyncRunCounts;
      const errors = JSON.parse(run.errors as string) as SyncRunRecord['errors'];
      const deactivated: string[] = [];

      /** A member as the directory has them now, linked to this connection and seen by this run. */
      const write = (id: string, user: DirectoryUser, status: string) =>
        this.sql
          .prepare(
            `UPDATE users SET directory_connection_id = ?, external_id = ?, user_name = ?, user_name_key = ?, email = ?,
               display_name = ?, display_name_key = ?, given_name = ?, family_name = ?, status = ?, seen_by_run = ?,
               updated_at = ?, version = version + 1 WHERE id = ?`,
          )
          .run(
            connectionId,
            user.externalId,
            user.userName,
            user.userName.toLowerCase(),
            user.email,
            user.displayName,
            user.displayName.toLowerCase(),
            user.givenName,
            user.familyName,
            status,
            runId,
            at,
            id,
          );
      const byExternal = this.sql.prepare(
        'SELECT * FROM users WHERE directory_connection_id = ? AND external_id = ?',
      );
      for (const user of page.users ?? []) {
        const status = user.active ? 'active' : 'suspended';
        const existing = byExternal.get(connectionId, user.externalId) as Row | undefined;
        const key = user.userName.toLowerCase();
        if (existing) {
          const changed =
            existing.user_name !== user.userName ||
            existing.email !== user.email ||
            existing.display_name !== user.displayName ||
            existing.given_name !== user.givenName ||
            existing.family_name !== user.familyName ||
            existing.status !== status;
          if (changed) {
            const taken = this.sql
              .prepare('SELECT id FROM users WHERE workspace_id = ? AND user_name_key = ? AND id <> ?')
              .get(workspaceId, key, existing.id) as Row | undefined;
            if (taken) {
              errors.push({
                code: 'user_name_taken',
                subject: user.email,
                message: `${user.userName} is already another member of this workspace; this person was left as they were.`,
              });
              // Still seen upstream: a full read must not take them for gone.
              this.sql.prepare('UPDATE users SET seen_by_run = ? WHERE id = ?').run(runId, existing.id);
              continue;
            }
            write(existing.id as string, user, status);
            if (existing.status === 'active' && status === 'suspended') {
              counts.deactivated++;
              deactivated.push(existing.id as string);
            } else counts.updated++;
          } else {
            this.sql.prepare('UPDATE users SET seen_by_run = ? WHERE id = ?').run(runId, existing.id);
          }
          continue;
        }
        const taken = this.sql
          .prepare(
            'SELECT id, source, directory_connection_id FROM users WHERE workspace_id = ? AND user_name_key = ?',
          )
          .get(workspaceId, key) as Row | undefined;
        if (taken?.source === 'directory' && taken.directory_connection_id === null) {
          // Brought in by a directory since disconnected: this connection takes them back rather than refuse them.
          write(taken.id as string, user, status);
          counts.updated++;
          continue;
        }
        if (taken) {
          errors.push({
            code: 'user_name_taken',
            subject: user.email,
            message: `${user.userName} is already a member of this workspace, added by hand, over SCIM or by another directory; not added again.`,
          });
          continue;
        }
        this.sql
          .prepare(
            `INSERT INTO users (id, workspace_id, source, directory_connection_id, user_name, user_name_key,
               external_id, status, role, display_name, display_name_key, given_name, family_name, email, resource,
               seen_by_run, created_at, updated_at)
             VALUES (?, ?, 'directory', ?, ?, ?, ?, ?, 'member', ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
          )
          .run(
            newId('usr'),
            workspaceId,
            connectionId,
            user.userName,
            key,
            user.externalId,
            status,
            user.displayName,
            user.displayName.toLowerCase(),
            user.givenName,
            user.familyName,
            user.email,
            runId,
            at,
            at,
          );
        counts.created++;
      }

      for (const externalId of page.removedUserIds ?? []) {
        const existing = byExternal.get(connectionId, externalId) as Row | undefined;
        if (existing?.status === 'active') {
          this.sql
            .prepare(
              "UPDATE users SET status = 'suspended', updated_at = ?, version = version + 1 WHERE id = ?",
            )
            .run(at, existing.id);
          counts.deactivated++;
          deactivated.push(existing.id as string);
        }
      }

      const groupByExternal = this.sql.prepare(
        'SELECT id FROM groups WHERE directory_connection_id = ? AND external_id = ?',
      );
      for (const group of page.groups ?? []) {
        const existing = groupByExternal.get(connectionId, group.externalId) as Row | undefined;
        const id = (existing?.id as string | undefined) ?? newId('grp');
        if (existing) {
          this.sql
            .prepare(
              'UPDATE groups SET display_name = ?, display_name_key = ?, seen_by_run = ?, updated_at = ? WHERE id = ?',
            )
            .run(group.displayName, group.displayName.toLowerCase(), runId, at, id);
          this.sql.prepare('DELETE FROM group_members WHERE group_id = ?').run(id);
        } else {
          this.sql
            .prepare(
              `INSERT INTO groups (id, workspace_id, directory_connection_id, display_name, display_name_key,
                 external_id, resource, seen_by_run, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
            )
            .run(
              id,
              workspaceId,
              connectionId,
              group.displayName,
              group.displayName.toLowerCase(),
              group.externalId,
              runId,
              at,
              at,
            );
        }
        counts.groups++;
        const member = this.sql.prepare(
          `INSERT OR IGNORE INTO group_members (group_id, user_id)
           SELECT ?, id FROM users WHERE directory_connection_id = ? AND external_id = ?`,
        );
        for (const externalId of group.memberExternalIds) {
          counts.memberships += member.run(id, connectionId, externalId).changes;
        }
      }
      for (const externalId of page.removedGroupIds ?? []) {
        this.sql
          .prepare('DELETE FROM groups WHERE directory_connection_id = ? AND external_id = ?')
          .run(connectionId, externalId);
      }

      this.sql
        .prepare('UPDATE sync_runs SET counts = ?, errors = ?, resume_from = ?, lease_until = ? WHERE id = ?')
        .run(
          JSON.stringify(counts),
          JSON.stringify(errors.slice(-100)),
          page.resumeFrom,
          Date.parse(at) + RUN_LEASE_MS,
          runId,
        );
      return { deactivated };
    });
  }

  async finishRun(runId: string, outcome: Parameters<DirectoryStore['finishRun']>[1]) {
    return this.sql.transaction(() => {
      const run = this.heldRun(runId, outcome.lease);
      const connection = this.sql
        .prepare('SELECT * FROM directory_connections WHERE id = ?')
        .get(run.connection_id) as Row;
      const counts = JSON.parse(run.counts as string) as SyncRunCounts;
      const errors = [...(JSON.parse(run.errors as string) as SyncRunRecord['errors']), ...outcome.errors];
      const deactivated: string[] = [];
      if (outcome.status === 'succeeded' && outcome.full) {
        // Not in a complete read: gone upstream, or out of the app's scope.
        const gone = this.sql
          .prepare(
            `SELECT id FROM users WHERE directory_connection_id = ? AND status = 'active'
               AND (seen_by_run IS NULL OR seen_by_run <> ?)`,
          )
          .all(connection.id, runId) as Array<{ id: string }>;
        const suspend = this.sql.prepare(
          "UPDATE users SET status = 'suspended', updated_at = ?, version = version + 1 WHERE id = ?",
        );
        for (const { id } of gone) {
          suspend.run(outcome.at, id);
          deactivated.push(id);
        }
        counts.deactivated += gone.length;
        this.sql
          .prepare(
            'DELETE FROM groups WHERE directory_connection_id = ? AND (seen_by_run IS NULL OR seen_by_run <> ?)',
          )
          .run(connection.id, runId);
      }
      this.sql
        .prepare(
          `UPDATE sync_runs SET status = ?, finished_at = ?, counts = ?, errors = ?, full_read = ?, resume_from = NULL,
             lease_until = NULL, lease_holder = NULL WHERE id = ?`,
        )
        .run(
          outcome.status,
          outcome.at,
          JSON.stringify(counts),
          JSON.stringify(errors.slice(-100)),
          outcome.full ? 1 : 0,
          runId,
        );
      const next = new Date(
        Date.parse(outcome.at) + (connection.sync_interval_minutes as number) * 60_000,
      ).toISOString();
      const state = outcome.state ?? (outcome.status === 'succeeded' ? 'active' : 'error');
      this.sql
        .prepare(
          `UPDATE directory_connections SET state = ?, state_reason = ?, cursor = COALESCE(?, cursor),
             next_sync_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          state,
          outcome.stateReason ? JSON.stringify(outcome.stateReason) : null,
          outcome.status === 'succeeded' ? outcome.cursor : null,
          state === 'invalid_credentials' ? null : next,
          outcome.at,
          connection.id,
        );
      return { deactivated };
    });
  }

  async runs(
    workspaceId: string,
    connectionId: string,
    query: { limit: number; after?: { startedAt: string; id: string } },
  ) {
    if (!this.row(workspaceId, connectionId))
      throw new NotFoundError(`No directory connection ${connectionId}.`);
    return this.sql.read(() => {
      const { n } = this.sql
        .prepare('SELECT count(*) AS n FROM sync_runs WHERE connection_id = ?')
        .get(connectionId) as {
        n: number;
      };
      const after = query.after ? ' AND (started_at, id) < (?, ?)' : '';
      const rows = this.sql
        .prepare(
          `SELECT * FROM sync_runs WHERE connection_id = ?${after} ORDER BY started_at DESC, id DESC LIMIT ?`,
        )
        .all(
          connectionId,
          ...(query.after ? [query.after.startedAt, query.after.id] : []),
          query.limit,
        ) as Row[];
      return { records: rows.map(toRun), totalCount: n };
    });
  }

  async getRun(workspaceId: string, connectionId: string, runId: string) {
    if (!this.row(workspaceId, connectionId)) return undefined;
    const row = this.sql
      .prepare('SELECT * FROM sync_runs WHERE id = ? AND connection_id = ?')
      .get(runId, connectionId) as Row | undefined;
    return row && toRun(row);
  }

  async due(at: string) {
    const now = Date.parse(at);
    return this.sql
      .prepare(
        `SELECT workspace_id AS workspaceId, id AS connectionId FROM directory_connections c
         WHERE (c.state IN ('active', 'error') AND c.next_sync_at <= ?
                AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id AND r.status = 'running'))
            OR EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id AND r.status = 'running' AND r.lease_until <= ?)
            OR (c.state = 'validating' AND c.updated_at <= ?
                AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id AND r.status = 'running'))`,
      )
      .all(at, now, new Date(now - RUN_LEASE_MS).toISOString()) as Array<{
      workspaceId: string;
      connectionId: string;
    }>;
  }

  async allSealed() {
    return this.sql
      .prepare('SELECT id, sealed_credentials AS sealedCredentials FROM directory_connections')
      .all() as Array<{
      id: string;
      sealedCredentials: string;
    }>;
  }

  async reseal(id: string, sealedCredentials: string, previous: string) {
    // Only if nobody changed them meanwhile (an admin saving new credentials while the operator re-seals).
    return this.sql.transaction(
      () =>
        this.sql
          .prepare(
            'UPDATE directory_connections SET sealed_credentials = ? WHERE id = ? AND sealed_credentials = ?',
          )
          .run(sealedCredentials, id, previous).changes === 1,
    );
  }
}
