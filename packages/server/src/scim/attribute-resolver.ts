// Where an attribute path points inside a resource, by the schemas: names are matched case-insensitively
// (RFC 7643 §2.1) and come back canonical, extension attributes live under their schema URN as a key.
import type { AttributePath } from './filter';
import { type AttributeDefinition, commonAttributes, type ResourceType } from './schemas';

export interface ResolvedAttribute {
  /** Canonical keys into the resource: `['name', 'givenName']`, `[ENTERPRISE_USER_SCHEMA, 'department']`. */
  keys: string[];
  /** The attribute the path ends at. */
  definition?: AttributeDefinition;
  /** The top-level attribute (for a sub-attribute path, its parent). */
  top?: AttributeDefinition;
}

/** Resolves paths in one scope: a resource, or the values of one multi-valued attribute (`emails[…]`). */
export interface AttributeScope {
  resolve(path: AttributePath): ResolvedAttribute | undefined;
  /** The scope of the values of the attribute at `path` (for `attr[filter]`). */
  values(path: AttributePath): AttributeScope | undefined;
  /** Whether strings compare case-sensitively when no definition says. */
  readonly caseExactByDefault: boolean;
}

const byName = (list: readonly AttributeDefinition[] | undefined, name: string) => {
  const lower = name.toLowerCase();
  return list?.find((a) => a.name.toLowerCase() === lower);
};

function resolveIn(
  attributes: readonly AttributeDefinition[],
  names: string[],
  prefix: string[],
): ResolvedAttribute | undefined {
  const [first, second] = names;
  const top = first === undefined ? undefined : byName(attributes, first);
  if (!top) return undefined;
  if (second === undefined) return { keys: [...prefix, top.name], definition: top, top };
  const sub = byName(top.subAttributes, second);
  return sub ? { keys: [...prefix, top.name, sub.name], definition: sub, top } : undefined;
}

/** Resolves a path against a resource type: common attributes, the core schema, then its extensions by URN. */
export function resolveAttribute(type: ResourceType, path: AttributePath): ResolvedAttribute | undefined {
  if (path.schema) {
    const urn = path.schema.toLowerCase();
    if (urn === type.schema.id.toLowerCase()) return resolveIn(type.schema.attributes, path.names, []);
    const extension = type.extensions.find((e) => e.id.toLowerCase() === urn);
    return extension && resolveIn(extension.attributes, path.names, [extension.id]);
  }
  return (
    resolveIn(commonAttributes, path.names, []) ??
    resolveIn(type.schema.attributes, path.names, []) ??
    // `urn:…:enterprise:2.0:User` alone names the whole extension object.
    undefined
  );
}

function subScope(definition: AttributeDefinition | undefined): AttributeScope | undefined {
  if (!definition?.subAttributes) return undefined;
  const attributes = definition.subAttributes;
  return {
    caseExactByDefault: false,
    resolve: (path) => (path.schema ? undefined : resolveIn(attributes, path.names, [])),
    values: () => undefined,
  };
}

export function resourceScope(type: ResourceType): AttributeScope {
  return {
    caseExactByDefault: false,
    resolve: (path) => resolveAttribute(type, path),
    values: (path) => subScope(resolveAttribute(type, path)?.definition),
  };
}

/**
 * A scope without schemas: paths are used as written and looked up case-insensitively. Strings compare
 * case-sensitively, as for attributes no schema declares (how SCIMMY's engine-independent vectors are written).
 */
export const schemalessScope: AttributeScope = {
  caseExactByDefault: true,
  resolve: (path) => ({ keys: path.schema ? [path.schema, ...path.names] : [...path.names] }),
  values: () => schemalessScope,
};
