// The query of a list request (RFC 7644 §3.4.2): filter, 1-based startIndex, count, attribute selection.
import { resourceScope } from './attribute-resolver';
import { type Filter, parseFilter } from './filter';
import { unknownAttributes } from './filter-match';
import { type Projection, parseProjection } from './projection';
import type { ResourceType } from './schemas';
import { badRequest } from './scim-error';

export interface ListParams {
  filter?: Filter;
  startIndex: number;
  count: number;
  projection: Projection;
}

function integer(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw badRequest('invalidValue', `"${name}" must be an integer.`);
  return value;
}

export function parseListParams(type: ResourceType, params: URLSearchParams, maxResults: number): ListParams {
  const source = params.get('filter');
  let filter: Filter | undefined;
  if (source?.trim()) {
    filter = parseFilter(source);
    const unknown = unknownAttributes(filter, resourceScope(type));
    if (unknown.length)
      throw badRequest(
        'invalidFilter',
        `Unknown attribute${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in the filter.`,
      );
  }
  // Out-of-range values are clamped, as RFC 7644 §3.4.2.4 says: startIndex < 1 is 1, count < 0 is 0.
  const startIndex = Math.max(1, integer(params, 'startIndex') ?? 1);
  const count = Math.min(maxResults, Math.max(0, integer(params, 'count') ?? maxResults));
  return { ...(filter ? { filter } : {}), startIndex, count, projection: parseProjection(type, params) };
}
