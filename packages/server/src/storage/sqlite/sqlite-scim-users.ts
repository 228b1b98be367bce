import type { Filter } from '../../scim/filter';
import { USER_SCHEMA } from '../../scim/schemas';
import { ConflictError, NotFoundError } from '../errors';
import type {
  DeprovisionAction,
  Deprovisioning,
  ListQuery,
  ListResult,
  ScimRequestContext,
  ScimUserDraft,
  ScimUserRecord,
  ScimUserStore,
} from '../storage';
import { type IndexedColumn, narrowFilter } from './filter-sql';
import { newResourceId } from './ids';
import type { SqliteDatabase } from './sqlite-database';

interface UserRow {
  id: string;
  workspace_id: string;
  connection_id: string;
  user_name: string;
  external_id: string | null;
  status: 'active' | 'suspended';
  resource: string;
  scim_removed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS: Record<string, IndexedColumn> = {
  username: { column: 'user_name_key', lowerCase: true },
  externalid: { column: 'external_id', lowerCase: false },
  id: { column: 'id', lowerCase: false },
  displayname: { column: 'display_name_key', lowerCase: true },
};

/** Users this connection's SCIM endpoint sees: its own, minus those it deleted (kept suspended). */
const VISIBLE = 'workspace_id = ? AND connection_id = ? AND scim_removed_at IS NULL';

function mentions(filter: Filter, attribute: string): boolean {
  switch (filter.op) {
    case 'and':
    case 'or':
      return mentions(filter.left, attribute) || mentions(filter.right, attribute);
    case 'not':
      return mentions(filter.filter, attribute);
    default:
      return filter.path.names[0]?.toLowerCase() === attribute;
  }
}

const draftColumns = (draft: ScimUserDraft) => [
  draft.userName,
  draft.userName.toLowerCase(),
  draft.externalId,
  draft.active ? 'active' : 'suspended',
  draft.displayName,
  draft.displayName?.toLowerCase() ?? null,
  draft.givenName,
  draft.familyName,
  draft.email,
  JSON.stringify(draft.resource),
];

export class SqliteScimUserStore implements ScimUserStore {
  constructor(private readonly sql: SqliteDatabase) {}

  private groupsOf(ids: string[]): Map<string, Array<{ id: string; displayName: string }>> {
    const map = new Map<string, Array<{ id: string; displayName: string }>>();
    if (!ids.length) return map;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.sql
        .prepare(
          `SELECT m.user_id, g.id, g.display_name FROM group_members m JOIN groups g ON g.id = m.group_id
           WHERE m.user_id IN (${chunk.map(() => '?').join(',')}) ORDER BY g.rowid`,
        )
        .all(...chunk) as Array<{ user_id: string; id: string; display_name: string }>;
      for (const row of rows) {
        const list = map.get(row.user_id) ?? [];
        list.push({ id: row.id, displayName: row.display_name });
        map.set(row.user_id, list);
      }
    }
    return map;
  }

  private toRecord(row: UserRow, groups: Array<{ id: string; displayName: string }> = []): ScimUserRecord {
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      connectionId: row.connection_id,
      userName: row.user_name,
      externalId: row.external_id,
      active: row.status === 'active',
      resource: JSON.parse(row.resource),
      groups,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private visibleRow(ctx: ScimRequestContext, id: string): UserRow | undefined {
    return this.sql
      .prepare(`SELECT * FROM users WHERE id = ? AND ${VISIBLE}`)
      .get(id, ctx.workspaceId, ctx.connectionId) as UserRow | undefined;
  }

  private record(ctx: ScimRequestContext, id: string): ScimUserRecord | undefined {
    const row = this.visibleRow(ctx, id);
    return row && this.toRecord(row, this.groupsOf([id]).get(id));
  }

  private deprovisionAction(ctx: ScimRequestContext): DeprovisionAction {
    const row = this.sql
      .prepare('SELECT deprovision_action FROM scim_connections WHERE id = ?')
      .get(ctx.connectionId) as { deprovision_action: DeprovisionAction };
    return row.deprovision_action;
  }

  private count(ctx: ScimRequestContext, delta: number): void {
    this.sql.countScimUsers(ctx.connectionId, delta);
  }

  async create(ctx: ScimRequestContext, draft: ScimUserDraft) {
    // One statement changes the database: the insert (createTaken, when the userName is taken, has a savepoint).
    return this.sql.write(() => this.insert(ctx, draft), { oneStatement: true });
  }

  private insert(ctx: ScimRequestContext, draft: ScimUserDraft): { user: ScimUserRecord; replayed: boolean } {
    this.sql.touch(ctx);
    const id = newResourceId();
    // Inserted first: the unique userName index answers whether the name is taken in the same B-tree descent, so
    // the common case (a new user) costs no separate lookup.
    try {
      this.sql
        .prepare(
          `INSERT INTO users (id, workspace_id, source, connection_id, user_name, user_name_key, external_id, status,
             display_name, display_name_key, given_name, family_name, email, resource, created_at, updated_at)
           VALUES (?, ?, 'scim', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, ctx.workspaceId, ctx.connectionId, ...draftColumns(draft), ctx.at, ctx.at);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      // A rare path of reads and one update: in a savepoint, so that nothing of it stays if it fails half-way.
      return this.sql.savepoint(() => this.createTaken(ctx, draft, error));
    }
    this.count(ctx, 1);
    // What was just written, without reading it back: a new user is in no group yet.
    const user: ScimUserRecord = {
      id,
      workspaceId: ctx.workspaceId,
      connectionId: ctx.connectionId,
      userName: draft.userName,
      externalId: draft.externalId,
      active: draft.active,
      resource: draft.resource,
      groups: [],
      version: 1,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    };
    return { user, replayed: false };
  }

  /** A create whose userName a member of the workspace already has (`conflict`: the insert's error otherwise). */
  private createTaken(
    ctx: ScimRequestContext,
    draft: ScimUserDraft,
    conflict: unknown,
  ): { user: ScimUserRecord; replayed: boolean } {
    const taken = this.sql
      .prepare('SELECT * FROM users WHERE workspace_id = ? AND user_name_key = ?')
      .get(ctx.workspaceId, draft.userName.toLowerCase()) as
      | (Omit<UserRow, 'connection_id'> & {
          connection_id: string | null;
          directory_connection_id: string | null;
        })
      | undefined;
    if (!taken) throw conflict;
    const ours = taken.connection_id === ctx.connectionId;
    // A member no source owns (added by hand, or left behind by a deleted connection) is the person the IdP
    // means: this connection takes them over, with their id, role and sessions. So does a member this connection
    // deleted (kept suspended) and now provisions again.
    const unowned = taken.connection_id === null && taken.directory_connection_id === null;
    if (unowned || (ours && taken.scim_removed_at)) {
      this.sql
        .prepare(
          `UPDATE users SET source = 'scim', connection_id = ?, user_name = ?, user_name_key = ?, external_id = ?,
             status = ?, display_name = ?, display_name_key = ?, given_name = ?, family_name = ?, email = ?,
             resource = ?, scim_removed_at = NULL, version = version + 1, updated_at = ? WHERE id = ?`,
        )
        .run(ctx.connectionId, ...draftColumns(draft), ctx.at, taken.id);
      this.count(ctx, 1);
      return { user: this.record(ctx, taken.id) as ScimUserRecord, replayed: false };
    }
    if (ours && draft.externalId !== null && taken.external_id === draft.externalId) {
      // A retried create (Rippling retries): the same userName and externalId, when that externalId names
      // exactly one user of the connection, is the user created the first time.
      const { n } = this.sql
        .prepare(
          `SELECT count(*) AS n FROM users WHERE connection_id = ? AND external_id = ? AND scim_removed_at IS NULL`,
        )
        .get(ctx.connectionId, draft.externalId) as { n: number };
      if (n === 1) return { user: this.record(ctx, taken.id) as ScimUserRecord, replayed: true };
    }
    throw new ConflictError('userName', `A user with the userName "${draft.userName}" already exists.`);
  }

  async get(ctx: ScimRequestContext, id: string) {
    this.sql.touchIfStale(ctx);
    return this.sql.read(() => this.record(ctx, id));
  }

  async list(ctx: ScimRequestContext, query: ListQuery<ScimUserRecord>): Promise<ListResult<ScimUserRecord>> {
    this.sql.touchIfStale(ctx);
    return this.sql.read(() => {
      const offset = Math.max(0, query.startIndex - 1);
      const scope = [ctx.workspaceId, ctx.connectionId];
      if (!query.filter || !query.matches) {
        const { n } = this.sql.prepare(`SELECT count(*) AS n FROM users WHERE ${VISIBLE}`).get(...scope) as {
          n: number;
        };
        const rows = query.count
          ? (this.sql
              .prepare(`SELECT * FROM users WHERE ${VISIBLE} ORDER BY rowid LIMIT ? OFFSET ?`)
              .all(...scope, query.count, offset) as UserRow[])
          : [];
        const groups = this.groupsOf(rows.map((r) => r.id));
        return { totalResults: n, records: rows.map((r) => this.toRecord(r, groups.get(r.id))) };
      }
      const narrowed = narrowFilter(query.filter, COLUMNS, USER_SCHEMA);
      const rows = this.sql
        .prepare(
          `SELECT * FROM users WHERE ${VISIBLE}${narrowed ? ` AND (${narrowed.sql})` : ''} ORDER BY rowid`,
        )
        .all(...scope, ...(narrowed?.params ?? [])) as UserRow[];
      // Memberships are loaded for every candidate only when the filter is about them (`groups.value eq …`).
      const byGroups = mentions(query.filter, 'groups');
      const groups = this.groupsOf(byGroups ? rows.map((r) => r.id) : []);
      const matching = rows.map((r) => this.toRecord(r, groups.get(r.id))).filter(query.matches);
      const page = matching.slice(offset, offset + query.count);
      if (byGroups) return { totalResults: matching.length, records: page };
      const pageGroups = this.groupsOf(page.map((r) => r.id));
      return {
        totalResults: matching.length,
        records: page.map((r) => ({ ...r, groups: pageGroups.get(r.id) ?? [] })),
      };
    });
  }

  async update(ctx: ScimRequestContext, id: string, change: (current: ScimUserRecord) => ScimUserDraft) {
    return this.sql.write(() => {
      this.sql.touch(ctx);
      const current = this.record(ctx, id);
      if (!current) throw new NotFoundError(`No user ${id}.`);
      const draft = change(current);
      const key = draft.userName.toLowerCase();
      if (key !== current.userName.toLowerCase()) {
        const other = this.sql
          .prepare('SELECT id FROM users WHERE workspace_id = ? AND user_name_key = ? AND id <> ?')
          .get(ctx.workspaceId, key, id);
        if (other)
          throw new ConflictError('userName', `A user with the userName "${draft.userName}" already exists.`);
      }
      let deprovisioned: Deprovisioning | undefined;
      if (current.active && !draft.active) {
        deprovisioned = { action: this.deprovisionAction(ctx), userId: id };
        if (deprovisioned.action === 'delete') {
          this.sql.prepare('DELETE FROM users WHERE id = ?').run(id);
          this.count(ctx, -1);
          const user = { ...current, ...draft, updatedAt: ctx.at, version: current.version + 1, groups: [] };
          return { user, deprovisioned };
        }
      }
      this.sql
        .prepare(
          `UPDATE users SET user_name = ?, user_name_key = ?, external_id = ?, status = ?, display_name = ?,
             display_name_key = ?, given_name = ?, family_name = ?, email = ?, resource = ?, version = version + 1,
             updated_at = ? WHERE id = ?`,
        )
        .run(...draftColumns(draft), ctx.at, id);
      return { user: this.record(ctx, id) as ScimUserRecord, ...(deprovisioned ? { deprovisioned } : {}) };
    });
  }

  async delete(ctx: ScimRequestContext, id: string): Promise<Deprovisioning> {
    return this.sql.write(() => {
      this.sql.touch(ctx);
      if (!this.visibleRow(ctx, id)) throw new NotFoundError(`No user ${id}.`);
      const action = this.deprovisionAction(ctx);
      if (action === 'delete') {
        this.sql.prepare('DELETE FROM users WHERE id = ?').run(id);
      } else {
        // Kept as a suspended member (their history stays); out of SCIM and out of its groups.
        this.sql
          .prepare(
            `UPDATE users SET status = 'suspended', scim_removed_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
          )
          .run(ctx.at, ctx.at, id);
        this.sql.prepare('DELETE FROM group_members WHERE user_id = ?').run(id);
      }
      this.count(ctx, -1);
      return { action, userId: id };
    });
  }
}
