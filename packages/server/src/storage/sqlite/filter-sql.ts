// Narrows a SCIM filter to SQL where an index answers it (`userName eq`, `externalId eq`, `id eq`,
// `displayName eq`, and `and`/`or` of those). The SQL is only ever implied by the filter, never the whole of it:
// what comes back is tested again with the in-memory evaluator, so anything not translated stays correct.
import type { Filter } from '../../scim/filter';

export interface IndexedColumn {
  column: string;
  /** Case-insensitive attributes are stored lower-cased next to the value (`user_name_key`). */
  lowerCase: boolean;
}

export interface SqlCondition {
  sql: string;
  params: string[];
}

export function narrowFilter(
  filter: Filter | undefined,
  columns: Record<string, IndexedColumn>,
  coreSchema: string,
): SqlCondition | undefined {
  if (!filter) return undefined;
  switch (filter.op) {
    case 'and': {
      const parts = [
        narrowFilter(filter.left, columns, coreSchema),
        narrowFilter(filter.right, columns, coreSchema),
      ].filter((part): part is SqlCondition => part !== undefined);
      if (!parts.length) return undefined;
      return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
    }
    case 'or': {
      const left = narrowFilter(filter.left, columns, coreSchema);
      const right = narrowFilter(filter.right, columns, coreSchema);
      if (!left || !right) return undefined;
      return { sql: `(${left.sql}) OR (${right.sql})`, params: [...left.params, ...right.params] };
    }
    case 'eq': {
      const { path, value } = filter;
      if (path.schema && path.schema.toLowerCase() !== coreSchema.toLowerCase()) return undefined;
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      const column = columns[path.names.join('.').toLowerCase()];
      if (!column) return undefined;
      const text = String(value);
      return { sql: `${column.column} = ?`, params: [column.lowerCase ? text.toLowerCase() : text] };
    }
    default:
      return undefined;
  }
}
