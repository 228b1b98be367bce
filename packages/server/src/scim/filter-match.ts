// Evaluates a parsed filter against a resource in memory (RFC 7644 §3.4.2.2): the reference semantics, which
// the SQL translation of the storage engine only narrows down and never replaces.
import type { AttributeScope } from './attribute-resolver';
import type { Filter, FilterValue } from './filter';
import type { AttributeDefinition } from './schemas';

type Json = unknown;

function getKey(value: Json, key: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, Json>;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}

/** Every value at `keys`, flattening multi-valued attributes on the way (`emails.value`). */
export function valuesAt(resource: Json, keys: string[]): Json[] {
  let current: Json[] = [resource];
  for (const key of keys) {
    const next: Json[] = [];
    for (const item of current) {
      const value = getKey(item, key);
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  return current.filter((v) => v !== null && v !== undefined);
}

function isPresent(value: Json): boolean {
  if (value === '' || value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value as object).some(isPresent);
  return true;
}

function compareOrdered(a: number | string, b: number | string, op: string): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

function compare(
  actual: Json,
  op: string,
  expected: FilterValue,
  definition: AttributeDefinition | undefined,
  caseExactByDefault: boolean,
): boolean {
  if (typeof actual === 'boolean') {
    let wanted = expected;
    // Booleans compare with "True"/"False" too: Entra sends them as strings.
    if (typeof wanted === 'string' && /^(true|false)$/i.test(wanted))
      wanted = wanted.toLowerCase() === 'true';
    return op === 'eq' && typeof wanted === 'boolean' && actual === wanted;
  }
  if (typeof actual === 'number') {
    return typeof expected === 'number' && compareOrdered(actual, expected, op);
  }
  if (typeof actual !== 'string') return false;
  if (typeof expected === 'number') expected = String(expected);
  if (typeof expected !== 'string') return false;
  if (definition?.type === 'dateTime' && op !== 'co' && op !== 'sw' && op !== 'ew') {
    const a = Date.parse(actual);
    const b = Date.parse(expected);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return compareOrdered(a, b, op);
  }
  const caseExact = definition?.caseExact ?? caseExactByDefault;
  const a = caseExact ? actual : actual.toLowerCase();
  const b = caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return compareOrdered(a, b, op);
  }
}

export function matchesFilter(resource: Json, filter: Filter, scope: AttributeScope): boolean {
  switch (filter.op) {
    case 'and':
      return matchesFilter(resource, filter.left, scope) && matchesFilter(resource, filter.right, scope);
    case 'or':
      return matchesFilter(resource, filter.left, scope) || matchesFilter(resource, filter.right, scope);
    case 'not':
      return !matchesFilter(resource, filter.filter, scope);
    case 'has': {
      const resolved = scope.resolve(filter.path);
      const inner = scope.values(filter.path);
      if (!resolved || !inner) return false;
      return valuesAt(resource, resolved.keys).some(
        (item) => typeof item === 'object' && matchesFilter(item, filter.filter, inner),
      );
    }
    case 'pr': {
      const resolved = scope.resolve(filter.path);
      return !!resolved && valuesAt(resource, resolved.keys).some(isPresent);
    }
    default: {
      const resolved = scope.resolve(filter.path);
      const values = resolved ? valuesAt(resource, resolved.keys) : [];
      const { op, value } = filter;
      if (value === null) {
        // `eq null` is "has no value" and `ne null` "has a value" (RFC 7644 §3.4.2.2: unassigned is null).
        if (op === 'eq') return !values.some(isPresent);
        if (op === 'ne') return values.some(isPresent);
        return false;
      }
      const test = (v: Json, o: string) =>
        compare(v, o, value, resolved?.definition, scope.caseExactByDefault);
      if (op === 'ne') return !values.some((v) => test(v, 'eq'));
      return values.some((v) => test(v, op));
    }
  }
}

/** The attributes a filter names that the scope does not know: a 400 `invalidFilter` for the caller. */
export function unknownAttributes(filter: Filter, scope: AttributeScope): string[] {
  const name = (path: { schema?: string; names: string[] }) =>
    [path.schema, path.names.join('.')].filter(Boolean).join(':');
  switch (filter.op) {
    case 'and':
    case 'or':
      return [...unknownAttributes(filter.left, scope), ...unknownAttributes(filter.right, scope)];
    case 'not':
      return unknownAttributes(filter.filter, scope);
    case 'has': {
      const inner = scope.values(filter.path);
      if (!scope.resolve(filter.path) || !inner) return [name(filter.path)];
      return unknownAttributes(filter.filter, inner);
    }
    default:
      return scope.resolve(filter.path) ? [] : [name(filter.path)];
  }
}
