import type { PlainReply, PlainRequest } from '../http/plain';
import type { Deprovisioning, ScimRequestContext, Storage } from '../storage/storage';

/** What a resource endpoint gets for one authenticated request. */
export interface ScimRouteContext {
  request: PlainRequest;
  url: URL;
  ctx: ScimRequestContext;
  storage: Storage;
  /** `https://host/scim/v2/{workspaceId}/{connectionId}`: the base of `Location` and `$ref` URLs. */
  baseUrl: string;
  /** The JSON body, read once within the size limit (413) and parsed (400 `invalidSyntax`). */
  body: () => Promise<unknown>;
  maxResults: number;
  events: { deprovisioned(ctx: ScimRequestContext, change: Deprovisioning): Promise<void> };
}

/** A resource endpoint: `/Users` or `/Groups`. `undefined` means the method is not allowed. */
export interface ScimRoute {
  collection(context: ScimRouteContext): Promise<PlainReply | undefined>;
  item(context: ScimRouteContext & { id: string }): Promise<PlainReply | undefined>;
}
