import type { PlainReply } from '../http/plain';
import { ScimError } from './scim-error';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export function scimJson(status: number, body: unknown, headers: Record<string, string> = {}): PlainReply {
  return { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function scimError(error: ScimError): PlainReply {
  return scimJson(error.status, error.toJSON(), error.headers);
}

export function noContent(): PlainReply {
  return { status: 204, headers: {}, body: null };
}

export function listResponse(totalResults: number, startIndex: number, resources: unknown[]) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}

export const methodNotAllowed = (allow: string[]) =>
  new ScimError(405, undefined, `Allowed methods: ${allow.join(', ')}.`, { allow: allow.join(', ') });
