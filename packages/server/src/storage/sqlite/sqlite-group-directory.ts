// Every group of a workspace, as the admin API lists them (SCIM's own view is per connection).
import type { GroupDirectory, GroupRecord } from '../storage';
import type { SqliteDatabase } from './sqlite-database';

export class SqliteGroupDirectory implements GroupDirectory {
  constructor(private readonly sql: SqliteDatabase) {}

  async list(
    workspaceId: string,
    query: Parameters<GroupDirectory['list']>[1],
  ): Promise<{ records: GroupRecord[]; totalCount: number }> {
    const where = ['g.workspace_id = ?'];
    const params: string[] = [workspaceId];
    if (query.connectionId) {
      where.push('(g.connection_id = ? OR g.directory_connection_id = ?)');
      params.push(query.connectionId, query.connectionId);
    }
    // Groups come from SCIM or a directory; none are made by hand.
    if (query.sourceType === 'scim') where.push('g.connection_id IS NOT NULL');
    if (query.sourceType === 'directory') where.push('g.directory_connection_id IS NOT NULL');
    if (query.sourceType === 'manual') where.push('0');
    const filter = where.join(' AND ');
    return this.sql.read(() => {
      const { n } = this.sql.prepare(`SELECT count(*) AS n FROM groups g WHERE ${filter}`).get(...params) as {
        n: number;
      };
      const after = query.after ? ' AND (g.display_name_key, g.id) > (?, ?)' : '';
      const rows = this.sql
        .prepare(
          `SELECT g.*, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS member_count
           FROM groups g WHERE ${filter}${after} ORDER BY g.display_name_key, g.id LIMIT ?`,
        )
        .all(
          ...params,
          ...(query.after ? [query.after.displayName.toLowerCase(), query.after.id] : []),
          query.limit,
        ) as Array<Record<string, string | number | null>>;
      return {
        totalCount: n,
        records: rows.map((row) => ({
          id: row.id as string,
          displayName: row.display_name as string,
          memberCount: row.member_count as number,
          source: {
            type: row.directory_connection_id ? ('directory' as const) : ('scim' as const),
            connectionId: ((row.connection_id ?? row.directory_connection_id) as string | null) ?? null,
            externalId: (row.external_id as string | null) ?? null,
          },
          createdAt: row.created_at as string,
          updatedAt: row.updated_at as string,
        })),
      };
    });
  }
}
