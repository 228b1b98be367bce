// Workspace members as sessions and the admin API see them: every row of `users`, whatever provisioned it.
import { ConflictError } from '../errors';
import type { MemberQuery, MemberRecord, MemberStore, Role } from '../storage';
import { newId } from './ids';
import type { SqliteDatabase } from './sqlite-database';

export type UserRow = Record<string, string | number | null>;

/** A `users` row as a member: the columns every source fills, with readable fallbacks. */
export function toMember(row: UserRow): MemberRecord {
  const userName = row.user_name as string;
  const given = (row.given_name as string | null) ?? null;
  const family = (row.family_name as string | null) ?? null;
  return {
    id: row.id as string,
    workspaceId: row.workspace_id as string,
    email: (row.email as string | null) ?? userName,
    userName,
    displayName:
      (row.display_name as string | null) ?? ([given, family].filter(Boolean).join(' ') || userName),
    givenName: given,
    familyName: family,
    status: row.status as MemberRecord['status'],
    role: row.role as Role,
    source: {
      type: row.source as MemberRecord['source']['type'],
      connectionId: ((row.connection_id ?? row.directory_connection_id) as string | null) ?? null,
      externalId: (row.external_id as string | null) ?? null,
    },
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    lastSignInAt: (row.last_sign_in_at as string | null) ?? null,
  };
}

export class SqliteMemberStore implements MemberStore {
  constructor(private readonly sql: SqliteDatabase) {}

  async create(input: Parameters<MemberStore['create']>[0]): Promise<MemberRecord> {
    const at = new Date().toISOString();
    const id = newId('usr');
    const key = input.email.toLowerCase();
    return this.sql.transaction(() => {
      const taken = this.sql
        .prepare('SELECT 1 FROM users WHERE workspace_id = ? AND user_name_key = ?')
        .get(input.workspaceId, key);
      if (taken) throw new ConflictError('email', `${input.email} is already a member of this workspace.`);
      this.sql
        .prepare(
          `INSERT INTO users (id, workspace_id, source, user_name, user_name_key, status, role, display_name,
             display_name_key, given_name, family_name, email, resource, created_at, updated_at)
           VALUES (?, ?, 'manual', ?, ?, 'active', ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
        )
        .run(
          id,
          input.workspaceId,
          input.email,
          key,
          input.role,
          input.displayName,
          input.displayName.toLowerCase(),
          input.givenName ?? null,
          input.familyName ?? null,
          input.email,
          at,
          at,
        );
      return toMember(this.sql.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow);
    });
  }

  async get(workspaceId: string, id: string): Promise<MemberRecord | undefined> {
    const row = this.sql
      .prepare('SELECT * FROM users WHERE workspace_id = ? AND id = ?')
      .get(workspaceId, id);
    return row ? toMember(row as UserRow) : undefined;
  }

  async list(
    workspaceId: string,
    query: MemberQuery,
  ): Promise<{ records: MemberRecord[]; totalCount: number }> {
    const where = ['workspace_id = ?'];
    const params: Array<string | number> = [workspaceId];
    if (query.connectionId) {
      where.push('(connection_id = ? OR directory_connection_id = ?)');
      params.push(query.connectionId, query.connectionId);
    }
    if (query.sourceType) {
      where.push('source = ?');
      params.push(query.sourceType);
    }
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.query) {
      const like = `%${query.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        "(user_name_key LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\' OR display_name_key LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like);
    }
    const filter = where.join(' AND ');
    return this.sql.read(() => {
      const totalCount = (
        this.sql.prepare(`SELECT count(*) AS n FROM users WHERE ${filter}`).get(...params) as { n: number }
      ).n;
      const page = query.after ? ' AND (created_at, id) < (?, ?)' : '';
      const rows = this.sql
        .prepare(`SELECT * FROM users WHERE ${filter}${page} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(
          ...params,
          ...(query.after ? [query.after.createdAt, query.after.id] : []),
          query.limit,
        ) as UserRow[];
      return { records: rows.map(toMember), totalCount };
    });
  }
}
