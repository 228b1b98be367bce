// The /Groups endpoint of one connection. Members are users of the same connection; a PATCH answers 204
// (what Entra expects), or 200 with the group when `attributes`/`excludedAttributes` ask for it.
import { InvalidReferenceError, NotFoundError } from '../storage/errors';
import type { JsonObject, ScimGroupDraft, ScimGroupRecord } from '../storage/storage';
import { resourceScope } from './attribute-resolver';
import { matchesFilter } from './filter-match';
import { parseListParams } from './list-query';
import { applyPatch, parsePatchRequest } from './patch';
import { applyProjection, parseProjection } from './projection';
import { normalizeResource } from './resource';
import { listResponse, noContent, scimJson } from './responses';
import { GROUP_SCHEMA, groupResourceType } from './schemas';
import { badRequest, notFound } from './scim-error';
import type { ScimRoute } from './scim-route';

const scope = resourceScope(groupResourceType);

export function toGroupDraft(resource: JsonObject): ScimGroupDraft {
  const { members, ...rest } = resource;
  const memberIds = (Array.isArray(members) ? (members as JsonObject[]) : []).map((member, i) => {
    if (typeof member.value !== 'string' || !member.value)
      throw badRequest('invalidValue', `members[${i}] needs the "value" of a user.`);
    return member.value;
  });
  return {
    displayName: resource.displayName as string,
    externalId: typeof resource.externalId === 'string' ? resource.externalId : null,
    resource: rest,
    memberIds,
  };
}

export function renderGroup(group: ScimGroupRecord, baseUrl: string): JsonObject {
  const { externalId: _, displayName: __, ...attributes } = group.resource;
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...attributes,
    members: group.members.map((m) => ({
      value: m.id,
      $ref: `${baseUrl}/Users/${m.id}`,
      ...(m.displayName ? { display: m.displayName } : {}),
      type: 'User',
    })),
    meta: {
      resourceType: 'Group',
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: `${baseUrl}/Groups/${group.id}`,
      version: `W/"${group.version}"`,
    },
  };
}

function storageErrors(error: unknown): never {
  if (error instanceof InvalidReferenceError) throw badRequest('invalidValue', error.message);
  if (error instanceof NotFoundError) throw notFound(error.message);
  throw error;
}

export const groupsRoute: ScimRoute = {
  async collection({ request, url, ctx, storage, baseUrl, body, maxResults }) {
    if (request.method === 'GET') {
      const params = parseListParams(groupResourceType, url.searchParams, maxResults);
      const { filter } = params;
      const result = await storage.scimGroups.list(ctx, {
        ...(filter ? { filter, matches: (g) => matchesFilter(renderGroup(g, baseUrl), filter, scope) } : {}),
        startIndex: params.startIndex,
        count: params.count,
      });
      const resources = result.records.map((g) =>
        applyProjection(renderGroup(g, baseUrl), params.projection),
      );
      return scimJson(200, listResponse(result.totalResults, params.startIndex, resources));
    }
    const draft = toGroupDraft(normalizeResource(groupResourceType, await body()));
    const group = await storage.scimGroups.create(ctx, draft).catch(storageErrors);
    return scimJson(
      201,
      applyProjection(renderGroup(group, baseUrl), parseProjection(groupResourceType, url.searchParams)),
      {
        location: `${baseUrl}/Groups/${group.id}`,
        etag: `W/"${group.version}"`,
      },
    );
  },

  async item({ request, url, ctx, storage, baseUrl, body, id }) {
    const projection = parseProjection(groupResourceType, url.searchParams);
    const respond = (group: ScimGroupRecord) =>
      scimJson(200, applyProjection(renderGroup(group, baseUrl), projection), {
        etag: `W/"${group.version}"`,
      });
    switch (request.method) {
      case 'GET': {
        const group = await storage.scimGroups.get(ctx, id);
        if (!group) throw notFound(`No group ${id}.`);
        return respond(group);
      }
      case 'PUT': {
        const draft = toGroupDraft(normalizeResource(groupResourceType, await body()));
        return respond(await storage.scimGroups.update(ctx, id, () => draft).catch(storageErrors));
      }
      case 'PATCH': {
        const operations = parsePatchRequest(await body());
        const group = await storage.scimGroups
          .update(ctx, id, (current) => {
            const members = current.members.map((m) => ({ value: m.id }));
            const patched = applyPatch({ ...current.resource, members }, operations, { scope, strict: true });
            return toGroupDraft(normalizeResource(groupResourceType, patched));
          })
          .catch(storageErrors);
        return projection.attributes || projection.excludedAttributes ? respond(group) : noContent();
      }
      case 'DELETE':
        await storage.scimGroups.delete(ctx, id).catch(storageErrors);
        return noContent();
      default:
        return undefined;
    }
  },
};
