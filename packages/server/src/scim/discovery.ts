// Service provider configuration endpoints (RFC 7644 §4, RFC 7643 §5-7): what this server supports, said
// truthfully (no bulk, no sorting, no ETag preconditions; filter and PATCH yes).
import { listResponse } from './responses';
import {
  allSchemas,
  groupResourceType,
  type ResourceType,
  type SchemaDefinition,
  userResourceType,
} from './schemas';
import { notFound } from './scim-error';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(baseUrl: string, maxResults: number) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: 'https://github.com/identity-kit/identity-kit/tree/main/packages/server',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description:
          'The SCIM token the workspace issued for this connection, as `Authorization: Bearer <token>`.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

function resourceType(type: ResourceType, baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.schema.description,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((e) => ({ schema: e.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${type.name}` },
  };
}

function schema(definition: SchemaDefinition, baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    ...definition,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${definition.id}` },
  };
}

export function resourceTypes(baseUrl: string, id: string | undefined) {
  const all = [userResourceType, groupResourceType].map((t) => resourceType(t, baseUrl));
  if (id === undefined) return listResponse(all.length, 1, all);
  const one = all.find((t) => t.id.toLowerCase() === id.toLowerCase());
  if (!one) throw notFound(`No resource type ${id}.`);
  return one;
}

export function schemas(baseUrl: string, id: string | undefined) {
  const all = allSchemas.map((s) => schema(s, baseUrl));
  if (id === undefined) return listResponse(all.length, 1, all);
  const one = all.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!one) throw notFound(`No schema ${id}.`);
  return one;
}
