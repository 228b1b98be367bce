// The /Users endpoint of one connection: SCIM resources in, workspace members out, through the storage.
import { ConflictError, NotFoundError } from '../storage/errors';
import type {
  JsonObject,
  ScimRequestContext,
  ScimUserDraft,
  ScimUserRecord,
  Storage,
} from '../storage/storage';
import { resourceScope } from './attribute-resolver';
import { matchesFilter } from './filter-match';
import { parseListParams } from './list-query';
import { applyPatch, parsePatchRequest } from './patch';
import { applyProjection, parseProjection } from './projection';
import { normalizeResource } from './resource';
import { listResponse, noContent, scimJson } from './responses';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, userResourceType } from './schemas';
import { notFound, ScimError } from './scim-error';
import type { ScimRoute } from './scim-route';

const scope = resourceScope(userResourceType);

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** The member columns of a canonical User resource; `active` defaults to true (a provisioned user can sign in). */
export function toUserDraft(resource: JsonObject): ScimUserDraft {
  const active = resource.active !== false;
  const name = (resource.name ?? {}) as JsonObject;
  const emails = Array.isArray(resource.emails) ? (resource.emails as JsonObject[]) : [];
  const email = emails.find((e) => e.primary === true) ?? emails[0];
  const givenName = str(name.givenName);
  const familyName = str(name.familyName);
  return {
    userName: resource.userName as string,
    externalId: str(resource.externalId),
    active,
    displayName:
      str(resource.displayName) ??
      str(name.formatted) ??
      ([givenName, familyName].filter(Boolean).join(' ') || null),
    givenName,
    familyName,
    email: str(email?.value),
    resource: { ...resource, active },
  };
}

export function renderUser(user: ScimUserRecord, baseUrl: string): JsonObject {
  const { externalId: _, active: __, ...attributes } = user.resource;
  return {
    schemas: attributes[ENTERPRISE_USER_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: user.id,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    ...attributes,
    active: user.active,
    ...(user.groups.length
      ? {
          groups: user.groups.map((g) => ({
            value: g.id,
            $ref: `${baseUrl}/Groups/${g.id}`,
            display: g.displayName,
            type: 'direct',
          })),
        }
      : {}),
    meta: {
      resourceType: 'User',
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: `${baseUrl}/Users/${user.id}`,
      version: `W/"${user.version}"`,
    },
  };
}

function uniqueness(error: unknown): never {
  if (error instanceof ConflictError) throw new ScimError(409, 'uniqueness', error.message);
  if (error instanceof NotFoundError) throw notFound(error.message);
  throw error;
}

export const usersRoute: ScimRoute = {
  async collection({ request, url, ctx, storage, baseUrl, body, maxResults }) {
    if (request.method === 'GET') return list(storage, ctx, url, baseUrl, maxResults);
    const draft = toUserDraft(normalizeResource(userResourceType, await body()));
    const { user } = await storage.scimUsers.create(ctx, draft).catch(uniqueness);
    const rendered = renderUser(user, baseUrl);
    return scimJson(201, applyProjection(rendered, parseProjection(userResourceType, url.searchParams)), {
      location: `${baseUrl}/Users/${user.id}`,
      etag: `W/"${user.version}"`,
    });
  },

  async item({ request, url, ctx, storage, baseUrl, body, id, events }) {
    const respond = (user: ScimUserRecord) =>
      scimJson(
        200,
        applyProjection(renderUser(user, baseUrl), parseProjection(userResourceType, url.searchParams)),
        {
          etag: `W/"${user.version}"`,
        },
      );
    switch (request.method) {
      case 'GET': {
        const user = await storage.scimUsers.get(ctx, id);
        if (!user) throw notFound(`No user ${id}.`);
        return respond(user);
      }
      case 'PUT': {
        const draft = toUserDraft(normalizeResource(userResourceType, await body()));
        const result = await storage.scimUsers.update(ctx, id, () => draft).catch(uniqueness);
        if (result.deprovisioned) await events.deprovisioned(ctx, result.deprovisioned);
        return respond(result.user);
      }
      case 'PATCH': {
        const operations = parsePatchRequest(await body());
        const result = await storage.scimUsers
          .update(ctx, id, (current) => {
            const patched = applyPatch({ ...current.resource, active: current.active }, operations, {
              scope,
              strict: true,
            });
            return toUserDraft(normalizeResource(userResourceType, patched));
          })
          .catch(uniqueness);
        if (result.deprovisioned) await events.deprovisioned(ctx, result.deprovisioned);
        return respond(result.user);
      }
      case 'DELETE': {
        const deprovisioned = await storage.scimUsers.delete(ctx, id).catch(uniqueness);
        await events.deprovisioned(ctx, deprovisioned);
        return noContent();
      }
      default:
        return undefined;
    }
  },
};

async function list(
  storage: Storage,
  ctx: ScimRequestContext,
  url: URL,
  baseUrl: string,
  maxResults: number,
) {
  const params = parseListParams(userResourceType, url.searchParams, maxResults);
  const { filter } = params;
  const result = await storage.scimUsers.list(ctx, {
    ...(filter ? { filter, matches: (user) => matchesFilter(renderUser(user, baseUrl), filter, scope) } : {}),
    startIndex: params.startIndex,
    count: params.count,
  });
  const resources = result.records.map((user) =>
    applyProjection(renderUser(user, baseUrl), params.projection),
  );
  return scimJson(200, listResponse(result.totalResults, params.startIndex, resources));
}
