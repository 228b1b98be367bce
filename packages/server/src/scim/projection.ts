// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response carries.
// `id` and `schemas` are always returned; names are resolved through the schema, unknown ones ignored.
import { type AttributeScope, resourceScope } from './attribute-resolver';
import { parseAttributePath } from './filter';
import type { ResourceType } from './schemas';

type JsonObject = Record<string, unknown>;

export interface Projection {
  attributes?: string[][];
  excludedAttributes?: string[][];
}

function parseList(scope: AttributeScope, list: string | null): string[][] | undefined {
  if (!list?.trim()) return undefined;
  const paths: string[][] = [];
  for (const raw of list.split(',')) {
    // `emails[type eq "work"]` (sent by Microsoft's tests) selects the attribute itself.
    const text = raw.replace(/\[.*\]/, '').trim();
    if (!text) continue;
    try {
      const resolved = scope.resolve(parseAttributePath(text));
      if (resolved) paths.push(resolved.keys);
    } catch {
      // Not an attribute path: nothing to select or exclude.
    }
  }
  return paths;
}

export function parseProjection(type: ResourceType, params: URLSearchParams): Projection {
  const scope = resourceScope(type);
  const attributes = parseList(scope, params.get('attributes'));
  const excludedAttributes = parseList(scope, params.get('excludedAttributes'));
  return { ...(attributes ? { attributes } : {}), ...(excludedAttributes ? { excludedAttributes } : {}) };
}

const ALWAYS = new Set(['id', 'schemas']);

function copyPath(source: unknown, target: JsonObject, keys: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined || typeof source !== 'object' || source === null || Array.isArray(source)) return;
  const value = (source as JsonObject)[key];
  if (value === undefined) return;
  if (!rest.length) {
    target[key] = value;
    return;
  }
  if (Array.isArray(value)) {
    const existing = Array.isArray(target[key]) ? (target[key] as JsonObject[]) : value.map(() => ({}));
    for (const [i, item] of value.entries()) copyPath(item, existing[i] as JsonObject, rest);
    target[key] = existing;
  } else {
    const child = (target[key] as JsonObject | undefined) ?? {};
    copyPath(value, child, rest);
    target[key] = child;
  }
}

function deletePath(target: unknown, keys: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined || typeof target !== 'object' || target === null) return;
  if (Array.isArray(target)) {
    for (const item of target) deletePath(item, keys);
    return;
  }
  const record = target as JsonObject;
  if (!rest.length) delete record[key];
  else deletePath(record[key], rest);
}

export function applyProjection(resource: JsonObject, projection: Projection): JsonObject {
  let result = resource;
  if (projection.attributes) {
    result = {};
    for (const key of Object.keys(resource)) if (ALWAYS.has(key)) result[key] = resource[key];
    for (const keys of projection.attributes) copyPath(resource, result, keys);
  }
  if (projection.excludedAttributes) {
    if (result === resource) result = structuredClone(resource);
    for (const keys of projection.excludedAttributes) {
      if (keys.length === 1 && ALWAYS.has(keys[0] as string)) continue;
      deletePath(result, keys);
    }
  }
  return result;
}
