import { GROUP_SCHEMA } from '../../scim/schemas';
import { InvalidReferenceError, NotFoundError } from '../errors';
import type {
  ListQuery,
  ListResult,
  ScimGroupDraft,
  ScimGroupRecord,
  ScimGroupStore,
  ScimRequestContext,
} from '../storage';
import { type IndexedColumn, narrowFilter } from './filter-sql';
import { newResourceId } from './ids';
import type { SqliteDatabase } from './sqlite-database';

interface GroupRow {
  id: string;
  workspace_id: string;
  connection_id: string;
  display_name: string;
  external_id: string | null;
  resource: string;
  version: number;
  created_at: string;
  updated_at: string;
}

type Member = { id: string; displayName: string | null };

const COLUMNS: Record<string, IndexedColumn> = {
  displayname: { column: 'display_name_key', lowerCase: true },
  externalid: { column: 'external_id', lowerCase: false },
  id: { column: 'id', lowerCase: false },
};

const VISIBLE = 'workspace_id = ? AND connection_id = ?';

export class SqliteScimGroupStore implements ScimGroupStore {
  constructor(private readonly sql: SqliteDatabase) {}

  private membersOf(ids: string[]): Map<string, Member[]> {
    const map = new Map<string, Member[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.sql
        .prepare(
          `SELECT m.group_id, u.id, u.display_name FROM group_members m JOIN users u ON u.id = m.user_id
           WHERE m.group_id IN (${chunk.map(() => '?').join(',')}) ORDER BY u.rowid`,
        )
        .all(...chunk) as Array<{ group_id: string; id: string; display_name: string | null }>;
      for (const row of rows) {
        const list = map.get(row.group_id) ?? [];
        list.push({ id: row.id, displayName: row.display_name });
        map.set(row.group_id, list);
      }
    }
    return map;
  }

  private toRecord(row: GroupRow, members: Member[] = []): ScimGroupRecord {
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      connectionId: row.connection_id,
      displayName: row.display_name,
      externalId: row.external_id,
      resource: JSON.parse(row.resource),
      members,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private record(ctx: ScimRequestContext, id: string): ScimGroupRecord | undefined {
    const row = this.sql
      .prepare(`SELECT * FROM groups WHERE id = ? AND ${VISIBLE}`)
      .get(id, ctx.workspaceId, ctx.connectionId) as GroupRow | undefined;
    return row && this.toRecord(row, this.membersOf([id]).get(id));
  }

  /** Sets the members: every id must be a user this connection provisioned (and still sees). */
  private setMembers(ctx: ScimRequestContext, groupId: string, memberIds: string[]): void {
    const wanted = [...new Set(memberIds)];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const chunk = wanted.slice(i, i + 500);
      const rows = this.sql
        .prepare(
          `SELECT id FROM users WHERE id IN (${chunk.map(() => '?').join(',')}) AND workspace_id = ? AND connection_id = ?
             AND scim_removed_at IS NULL`,
        )
        .all(...chunk, ctx.workspaceId, ctx.connectionId) as Array<{ id: string }>;
      for (const row of rows) found.add(row.id);
    }
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length)
      throw new InvalidReferenceError(
        missing,
        `No user ${missing.map((id) => `"${id}"`).join(', ')} to add as a member.`,
      );
    const current = new Set(
      (
        this.sql.prepare('SELECT user_id FROM group_members WHERE group_id = ?').all(groupId) as Array<{
          user_id: string;
        }>
      ).map((r) => r.user_id),
    );
    const remove = this.sql.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?');
    const add = this.sql.prepare('INSERT INTO group_members (group_id, user_id) VALUES (?, ?)');
    for (const id of current) if (!found.has(id)) remove.run(groupId, id);
    for (const id of wanted) if (!current.has(id)) add.run(groupId, id);
  }

  async create(ctx: ScimRequestContext, draft: ScimGroupDraft) {
    return this.sql.write(() => {
      this.sql.touch(ctx);
      const id = newResourceId();
      this.sql
        .prepare(
          `INSERT INTO groups (id, workspace_id, connection_id, display_name, display_name_key, external_id, resource,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          ctx.workspaceId,
          ctx.connectionId,
          draft.displayName,
          draft.displayName.toLowerCase(),
          draft.externalId,
          JSON.stringify(draft.resource),
          ctx.at,
          ctx.at,
        );
      this.setMembers(ctx, id, draft.memberIds);
      this.sql
        .prepare('UPDATE scim_connections SET group_count = group_count + 1 WHERE id = ?')
        .run(ctx.connectionId);
      return this.record(ctx, id) as ScimGroupRecord;
    });
  }

  async get(ctx: ScimRequestContext, id: string) {
    this.sql.touchIfStale(ctx);
    return this.sql.read(() => this.record(ctx, id));
  }

  async list(
    ctx: ScimRequestContext,
    query: ListQuery<ScimGroupRecord>,
  ): Promise<ListResult<ScimGroupRecord>> {
    this.sql.touchIfStale(ctx);
    return this.sql.read(() => {
      const offset = Math.max(0, query.startIndex - 1);
      const scope = [ctx.workspaceId, ctx.connectionId];
      if (!query.filter || !query.matches) {
        const { n } = this.sql.prepare(`SELECT count(*) AS n FROM groups WHERE ${VISIBLE}`).get(...scope) as {
          n: number;
        };
        const rows = query.count
          ? (this.sql
              .prepare(`SELECT * FROM groups WHERE ${VISIBLE} ORDER BY rowid LIMIT ? OFFSET ?`)
              .all(...scope, query.count, offset) as GroupRow[])
          : [];
        const members = this.membersOf(rows.map((r) => r.id));
        return { totalResults: n, records: rows.map((r) => this.toRecord(r, members.get(r.id))) };
      }
      const narrowed = narrowFilter(query.filter, COLUMNS, GROUP_SCHEMA);
      const rows = this.sql
        .prepare(
          `SELECT * FROM groups WHERE ${VISIBLE}${narrowed ? ` AND (${narrowed.sql})` : ''} ORDER BY rowid`,
        )
        .all(...scope, ...(narrowed?.params ?? [])) as GroupRow[];
      const members = this.membersOf(rows.map((r) => r.id));
      const matching = rows.map((r) => this.toRecord(r, members.get(r.id))).filter(query.matches);
      return { totalResults: matching.length, records: matching.slice(offset, offset + query.count) };
    });
  }

  async update(ctx: ScimRequestContext, id: string, change: (current: ScimGroupRecord) => ScimGroupDraft) {
    return this.sql.write(() => {
      this.sql.touch(ctx);
      const current = this.record(ctx, id);
      if (!current) throw new NotFoundError(`No group ${id}.`);
      const draft = change(current);
      this.sql
        .prepare(
          `UPDATE groups SET display_name = ?, display_name_key = ?, external_id = ?, resource = ?, version = version + 1,
             updated_at = ? WHERE id = ?`,
        )
        .run(
          draft.displayName,
          draft.displayName.toLowerCase(),
          draft.externalId,
          JSON.stringify(draft.resource),
          ctx.at,
          id,
        );
      this.setMembers(ctx, id, draft.memberIds);
      return this.record(ctx, id) as ScimGroupRecord;
    });
  }

  async delete(ctx: ScimRequestContext, id: string) {
    await this.sql.write(() => {
      this.sql.touch(ctx);
      const removed = this.sql
        .prepare(`DELETE FROM groups WHERE id = ? AND ${VISIBLE}`)
        .run(id, ctx.workspaceId, ctx.connectionId);
      if (!removed.changes) throw new NotFoundError(`No group ${id}.`);
      this.sql
        .prepare('UPDATE scim_connections SET group_count = group_count - 1 WHERE id = ?')
        .run(ctx.connectionId);
    });
  }
}
