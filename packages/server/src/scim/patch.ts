// PATCH (RFC 7644 §3.5.2) applied to a resource held as plain JSON. Lenient where real identity providers
// are: operation names in any case (Entra's "Replace"), path-less operations whose keys are paths
// (`"name.givenName"`, `"urn:…:enterprise:2.0:User:department"`), member removal by a value array as well as by a
// filter, and `replace` on a filter that matches nothing adding the value (Entra's `emails[type eq "work"].value`).
// Values are not coerced here: the caller normalises the result against the schema (so `"False"` becomes false).
import type { AttributeScope, ResolvedAttribute } from './attribute-resolver';
import {
  type AttributePath,
  type Filter,
  type PatchPath,
  parseAttributePath,
  parsePatchPath,
} from './filter';
import { matchesFilter } from './filter-match';
import { badRequest } from './scim-error';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a PatchOp request body (RFC 7644 §3.5.2); errors are 400 `invalidSyntax` / `invalidValue`. */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'A PATCH body must be a PatchOp JSON object.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s === PATCH_SCHEMA))
    throw badRequest('invalidSyntax', `A PATCH body must list the schema "${PATCH_SCHEMA}".`);
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : body[key];
  if (!Array.isArray(operations) || operations.length === 0)
    throw badRequest('invalidSyntax', 'A PATCH body needs a non-empty "Operations" array.');
  return operations.map((raw, index) => {
    if (!isObject(raw)) throw badRequest('invalidSyntax', `Operations[${index}] is not an object.`);
    const get = (name: string) => raw[Object.keys(raw).find((k) => k.toLowerCase() === name) ?? name];
    const op = String(get('op') ?? '').toLowerCase();
    if (op !== 'add' && op !== 'remove' && op !== 'replace')
      throw badRequest('invalidSyntax', `Operations[${index}].op must be add, remove or replace.`);
    const path = get('path');
    if (path !== undefined && path !== null && (typeof path !== 'string' || !path.trim()))
      throw badRequest('invalidPath', `Operations[${index}].path must be a non-empty string.`);
    const value = get('value');
    if (op !== 'remove' && value === undefined)
      throw badRequest('invalidValue', `Operations[${index}] (${op}) needs a value.`);
    return { op, ...(typeof path === 'string' ? { path } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

function keyOf(target: JsonObject, name: string): string {
  if (name in target) return name;
  const lower = name.toLowerCase();
  return Object.keys(target).find((k) => k.toLowerCase() === lower) ?? name;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a value (an element of a multi-valued attribute) matches every field given in `pattern`. */
function matchesPattern(item: unknown, pattern: unknown): boolean {
  if (!isObject(pattern)) return deepEqual(item, pattern);
  if (!isObject(item)) return false;
  return Object.entries(pattern).every(([k, expected]) => {
    const actual = item[keyOf(item, k)];
    if (expected === null) return actual === undefined || actual === null;
    if (typeof actual === 'string' && typeof expected === 'string' && k.toLowerCase() === 'value')
      return actual === expected;
    return deepEqual(actual, expected);
  });
}

/** The attributes an `attr[filter]` that matched nothing can create: `type eq "work"` gives `{type: "work"}`. */
function valuesFromFilter(filter: Filter): JsonObject | undefined {
  if (filter.op === 'eq' && filter.path.names.length === 1 && !filter.path.schema)
    return { [filter.path.names[0] as string]: filter.value };
  if (filter.op === 'and') {
    const left = valuesFromFilter(filter.left);
    const right = valuesFromFilter(filter.right);
    return left && right ? { ...left, ...right } : undefined;
  }
  return undefined;
}

function mergeInto(target: JsonObject, value: JsonObject): void {
  for (const [k, v] of Object.entries(value)) target[keyOf(target, k)] = v;
}

/** Adds values to a multi-valued attribute; a value equal to one already there (or the same `value`) replaces it. */
function addValues(existing: unknown[], added: unknown[]): unknown[] {
  const result = [...existing];
  for (const item of added) {
    const same = result.findIndex(
      (e) =>
        deepEqual(e, item) ||
        (isObject(e) && isObject(item) && item.value !== undefined && e[keyOf(e, 'value')] === item.value),
    );
    if (same >= 0)
      result[same] = isObject(result[same]) && isObject(item) ? { ...result[same], ...item } : item;
    else result.push(item);
  }
  return result;
}

export interface PatchContext {
  scope: AttributeScope;
  /** Schema-aware resolution: unknown paths are a 400 `invalidPath`, read-only ones a 400 `mutability`. */
  strict: boolean;
}

function resolve(path: AttributePath, ctx: PatchContext, text: string): ResolvedAttribute {
  const resolved = ctx.scope.resolve(path);
  if (!resolved) throw badRequest('invalidPath', `"${text}" is not an attribute of this resource.`);
  if (ctx.strict && resolved.definition?.mutability === 'readOnly')
    throw badRequest('mutability', `"${text}" is read-only.`);
  if (ctx.strict && resolved.top?.mutability === 'readOnly')
    throw badRequest('mutability', `"${text}" is read-only.`);
  return resolved;
}

function applyAt(
  resource: JsonObject,
  op: PatchOperation['op'],
  target: PatchPath,
  value: unknown,
  ctx: PatchContext,
  text: string,
) {
  const resolved = resolve(target.path, ctx, text);
  const keys = resolved.keys;
  const multiValued = resolved.definition?.multiValued;

  // Walk to the container of the last key, creating objects on the way for add/replace.
  let containers: JsonObject[] = [resource];
  for (const key of keys.slice(0, -1)) {
    const next: JsonObject[] = [];
    for (const container of containers) {
      const k = keyOf(container, key);
      let child = container[k];
      if (child === undefined || child === null) {
        if (op === 'remove') continue;
        child = {};
        container[k] = child;
      }
      // `emails.value` without a filter reaches into every email.
      if (Array.isArray(child)) next.push(...child.filter(isObject));
      else if (isObject(child)) next.push(child);
    }
    containers = next;
  }
  const leaf = keys[keys.length - 1] as string;

  for (const container of containers) {
    const k = keyOf(container, leaf);
    const current = container[k];

    if (target.filter) {
      const inner = ctx.scope.values(target.path);
      if (!inner)
        throw badRequest('invalidPath', `"${text}" filters an attribute that has no values to filter.`);
      const items = Array.isArray(current) ? current : current === undefined ? [] : [current];
      const filter = target.filter;
      const hit = items.map((item) => isObject(item) && matchesFilter(item, filter, inner));
      const sub = target.subAttribute;
      if (op === 'remove') {
        if (sub)
          for (const [i, item] of items.entries())
            if (hit[i]) delete (item as JsonObject)[keyOf(item as JsonObject, sub)];
        const kept = sub ? items : items.filter((_, i) => !hit[i]);
        if (kept.length) container[k] = kept;
        else delete container[k];
        continue;
      }
      if (hit.some(Boolean)) {
        container[k] = items.map((item, i) => {
          if (!hit[i]) return item;
          if (sub) return { ...(item as JsonObject), [keyOf(item as JsonObject, sub)]: value };
          return isObject(value) && op === 'add' ? { ...(item as JsonObject), ...value } : value;
        });
        continue;
      }
      // Nothing matched: create the value the filter describes (Entra sets `emails[type eq "work"].value`
      // on users without a work email), or there is no target.
      const base = valuesFromFilter(filter);
      if (!base) throw badRequest('noTarget', `"${text}" matches no value.`);
      const created = sub ? { ...base, [sub]: value } : isObject(value) ? { ...base, ...value } : undefined;
      if (!created) throw badRequest('invalidValue', `"${text}" needs an object value.`);
      container[k] = [...items, created];
      continue;
    }

    if (op === 'remove') {
      if (value !== undefined && Array.isArray(current)) {
        // Member removal by value (Entra): `{"path":"members","value":[{"value":"id"}]}`.
        const patterns = Array.isArray(value) ? value : [value];
        const kept = current.filter((item) => !patterns.some((p) => matchesPattern(item, p)));
        if (kept.length) container[k] = kept;
        else delete container[k];
      } else {
        delete container[k];
      }
      continue;
    }

    const isMulti = multiValued ?? (Array.isArray(current) || Array.isArray(value));
    if (isMulti) {
      const values = Array.isArray(value) ? value : [value];
      container[k] = op === 'add' ? addValues(Array.isArray(current) ? current : [], values) : values;
    } else if (isObject(value) && (isObject(current) || resolved.definition?.type === 'complex')) {
      // A complex attribute: the given sub-attributes replace theirs, the others stay (RFC 7644 §3.5.2.1/3).
      const merged = isObject(current) ? { ...current } : {};
      mergeInto(merged, value);
      container[k] = merged;
    } else {
      container[k] = value;
    }
  }
}

function resolvesAsPath(key: string, ctx: PatchContext): boolean {
  try {
    return ctx.scope.resolve(parseAttributePath(key, 'invalidPath')) !== undefined;
  } catch {
    return false;
  }
}

/** Applies the operations to a copy of `resource`, in order; the first failing operation fails them all. */
export function applyPatch(
  resource: JsonObject,
  operations: PatchOperation[],
  ctx: PatchContext,
): JsonObject {
  const result = structuredClone(resource);
  for (const operation of operations) {
    const { op, path, value } = operation;
    if (path !== undefined) {
      applyAt(result, op, parsePatchPath(path), value, ctx, path);
      continue;
    }
    if (op === 'remove') throw badRequest('noTarget', 'A remove operation needs a path.');
    if (!isObject(value)) throw badRequest('invalidValue', `A path-less ${op} needs an object value.`);
    for (const [key, v] of Object.entries(value)) {
      const lower = key.toLowerCase();
      if (lower === 'schemas' || lower === 'id' || lower === 'meta') continue;
      // An extension given as a whole object: each of its attributes is its own target.
      if (/^urn:/i.test(key) && isObject(v) && !resolvesAsPath(key, ctx)) {
        for (const [name, inner] of Object.entries(v))
          applyAt(
            result,
            op,
            { path: { schema: key, names: name.split('.') } },
            inner,
            ctx,
            `${key}:${name}`,
          );
        continue;
      }
      applyAt(result, op, { path: parseAttributePath(key, 'invalidPath') }, v, ctx, key);
    }
  }
  return result;
}
