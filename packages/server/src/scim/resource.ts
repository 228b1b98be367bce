// Incoming resources made canonical against the schema: attribute names in their declared case (`Primary` →
// `primary`), string booleans as booleans (Entra's `"True"`), read-only attributes (id, meta, groups) and
// unknown ones dropped (RFC 7643 §2.1, §3), nulls removed (an unassigned value, RFC 7644 §3.5.2).

import { type AttributeDefinition, commonAttributes, type ResourceType } from './schemas';
import { badRequest } from './scim-error';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Attribute lookups by lower-cased name, built once per definition list (every SCIM write goes through here).
const indexes = new WeakMap<readonly AttributeDefinition[], Map<string, AttributeDefinition>>();

function byName(list: readonly AttributeDefinition[], name: string) {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((a) => [a.name.toLowerCase(), a]));
    indexes.set(list, index);
  }
  return index.get(name.toLowerCase());
}

/** Sets `key` on `out` under its declared name, normalized, unless it is unknown, read-only or empty. */
function assign(
  out: JsonObject,
  defs: readonly AttributeDefinition[],
  key: string,
  value: unknown,
  where: string,
) {
  const def = byName(defs, key);
  if (!def || def.mutability === 'readOnly' || def.mutability === 'writeOnly') return;
  const normalized = normalizeValue(def, value, where ? `${where}.${def.name}` : def.name);
  if (normalized !== undefined) out[def.name] = normalized;
}

function single(def: AttributeDefinition, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex': {
      let object = value;
      // Entra sends a manager as its id, or as a one-element array.
      if (Array.isArray(object) && !def.multiValued) object = object[0];
      if (typeof object === 'string' && def.subAttributes?.some((s) => s.name === 'value'))
        object = { value: object };
      if (!isObject(object)) throw badRequest('invalidValue', `"${where}" must be an object.`);
      const out = attributes(def.subAttributes ?? [], object, where);
      return Object.keys(out).length ? out : undefined;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw badRequest('invalidValue', `"${where}" must be a boolean.`);
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n)))
        throw badRequest('invalidValue', `"${where}" must be a number.`);
      return n;
    }
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw badRequest('invalidValue', `"${where}" must be a string.`);
  }
}

function normalizeValue(def: AttributeDefinition, value: unknown, where: string): unknown {
  if (!def.multiValued) return single(def, value, where);
  if (value === null || value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .map((item, i) => single(def, item, `${where}[${i}]`))
    .filter((item) => item !== undefined);
  return items.length ? items : undefined;
}

function attributes(defs: readonly AttributeDefinition[], input: JsonObject, where = ''): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) assign(out, defs, key, value, where);
  return out;
}

/** Per resource type: its core attributes with the common ones (id, externalId, meta), its extensions by URN. */
const typeIndexes = new WeakMap<
  ResourceType,
  { core: readonly AttributeDefinition[]; extensions: Map<string, ResourceType['extensions'][number]> }
>();

function typeIndex(type: ResourceType) {
  let index = typeIndexes.get(type);
  if (!index) {
    index = {
      core: [...commonAttributes, ...type.schema.attributes],
      extensions: new Map(type.extensions.map((e) => [e.id.toLowerCase(), e])),
    };
    typeIndexes.set(type, index);
  }
  return index;
}

/**
 * The canonical form of a resource body, without `schemas`, `id` and `meta` (the server owns those).
 * Extension attributes stay under their schema URN; `required` attributes are checked.
 */
export function normalizeResource(type: ResourceType, input: unknown): JsonObject {
  if (!isObject(input)) throw badRequest('invalidSyntax', `A ${type.name} must be a JSON object.`);
  const index = typeIndex(type);
  const core: JsonObject = {};
  const extensions: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    const extension = index.extensions.get(key.toLowerCase());
    if (extension) {
      if (value === null) continue;
      if (!isObject(value)) throw badRequest('invalidValue', `"${extension.id}" must be an object.`);
      const ext = attributes(extension.attributes, value, extension.id);
      if (Object.keys(ext).length) extensions[extension.id] = ext;
    } else if (key.toLowerCase() !== 'schemas') {
      assign(core, index.core, key, value, '');
    }
  }
  for (const def of type.schema.attributes) {
    if (!def.required) continue;
    const value = core[def.name];
    if (typeof value !== 'string' || !value.trim())
      throw badRequest('invalidValue', `"${def.name}" is required and must be a non-empty string.`);
  }
  return { ...core, ...extensions };
}
