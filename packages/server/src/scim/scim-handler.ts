// The SCIM 2.0 service provider as a Web-standard handler: `fetch(Request) → Response` (and `respond` for the Node
// adapter, without Fetch objects), mounted at `{basePath}/{workspaceId}/{connectionId}/…`. One connection per
// URL, one token scope per connection: authentication, rate limiting and the connection's status all hang off the
// token the request carries.
import type { IdentityServerEvents } from '../events';
import { fromFetchRequest, type PlainReply, type PlainRequest, toFetchResponse } from '../http/plain';
import { BodyTooLargeError } from '../http/read-body';
import type { Deprovisioning, ScimCredential, ScimRequestContext, Storage } from '../storage/storage';
import { hashToken, sameHash } from '../tokens';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery';
import { groupsRoute } from './groups';
import { type RateLimit, RateLimiter } from './rate-limiter';
import { methodNotAllowed, scimError, scimJson } from './responses';
import { badRequest, notFound, ScimError } from './scim-error';
import type { ScimRoute, ScimRouteContext } from './scim-route';
import { usersRoute } from './users';

export interface ScimHandlerOptions {
  storage: Storage;
  /** Where SCIM is mounted. Default `/scim/v2`, as the base URLs the workspace issues. */
  basePath?: string;
  /** Requests per token; `false` turns limiting off (benchmarks). Default 500 at once, 100 per second. */
  rateLimit?: RateLimit | false;
  /** Largest request body accepted, in bytes (413 above). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Most resources in one list response. Default 1000. */
  maxResults?: number;
  events?: IdentityServerEvents;
  /**
   * Test mode only: `GET …/{workspaceId}/{connectionId}/Token` rotates the connection's token and returns the new
   * one as `{"token": "…"}`, for Microsoft's SCIM test collection. Never enable it in production.
   */
  testTokenEndpoint?: boolean;
  /** Where unexpected errors (bugs) are reported; the client only ever sees a SCIM error body. */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

export interface ScimHandler {
  fetch(request: Request): Promise<Response>;
  /** `url`: the request's, when the caller has parsed it already. */
  respond(request: PlainRequest, url?: URL): Promise<PlainReply>;
}

const routes: Record<string, ScimRoute> = { users: usersRoute, groups: groupsRoute };
const COLLECTION_METHODS = ['GET', 'POST'];
const ITEM_METHODS = ['GET', 'PUT', 'PATCH', 'DELETE'];
const SYSTEM = { type: 'system' as const, id: 'scim-test-mode', displayName: 'SCIM test mode', email: null };

function bearer(request: PlainRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '');
  return match?.[1];
}

const unauthorized = () =>
  new ScimError(401, undefined, 'Missing or invalid bearer token for this SCIM connection.', {
    'www-authenticate': 'Bearer realm="SCIM"',
  });

export function createScimHandler(options: ScimHandlerOptions): ScimHandler {
  const { storage } = options;
  const basePath = (options.basePath ?? '/scim/v2').replace(/\/$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxResults = options.maxResults ?? 1000;
  const limiter =
    options.rateLimit === false
      ? undefined
      : new RateLimiter(options.rateLimit ?? { burst: 500, perSecond: 100 });
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((error: unknown) => console.error('[identity-kit/server] SCIM request failed:', error));

  const events = {
    async deprovisioned(ctx: ScimRequestContext, change: Deprovisioning) {
      try {
        await options.events?.userDeprovisioned?.({
          workspaceId: ctx.workspaceId,
          connectionId: ctx.connectionId,
          userId: change.userId,
          action: change.action,
          at: ctx.at,
        });
      } catch (error) {
        // The change is committed; a failing hook must not turn it into an error the IdP would retry.
        onError(error);
      }
    },
  };

  function authenticate(request: PlainRequest, credentials: ScimCredential[]): string {
    const token = bearer(request);
    if (!token || !credentials.length) throw unauthorized();
    const hash = hashToken(token);
    // Compare against every valid token of the connection, without stopping early.
    let tokenId: string | undefined;
    for (const credential of credentials) if (sameHash(hash, credential.hash)) tokenId = credential.tokenId;
    if (!tokenId) throw unauthorized();
    return tokenId;
  }

  async function handle(
    request: PlainRequest,
    url: URL,
    state: { ctx?: ScimRequestContext; known?: boolean },
  ) {
    let rest: string[];
    try {
      rest = url.pathname.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw notFound(`No SCIM endpoint at ${url.pathname}.`);
    }
    const [workspaceId, connectionId, endpoint, id, ...extra] = rest;
    if (!workspaceId || !connectionId || extra.length) throw notFound(`No SCIM endpoint at ${url.pathname}.`);
    const connectionBase = `${url.origin}${basePath}/${encodeURIComponent(workspaceId)}/${encodeURIComponent(connectionId)}`;

    if (options.testTokenEndpoint && endpoint === 'Token' && !id && request.method === 'GET') {
      const started = await storage.scimConnections
        .startRotation(workspaceId, connectionId, SYSTEM)
        .catch(() => undefined);
      if (!started) throw unauthorized();
      await storage.scimConnections.completeRotation(workspaceId, connectionId, SYSTEM);
      return scimJson(200, { token: started.token });
    }

    const credentials = await storage.scimConnections.credentials(workspaceId, connectionId);
    state.known = credentials.length > 0;
    const tokenId = authenticate(request, credentials);
    const ctx: ScimRequestContext = { workspaceId, connectionId, tokenId, at: now().toISOString() };
    state.ctx = ctx;

    const limited = limiter?.take(tokenId);
    if (limited && !limited.ok)
      throw new ScimError(
        429,
        'tooMany',
        'Too many requests for this token; retry after the given seconds.',
        {
          'retry-after': String(limited.retryAfterSeconds),
        },
      );

    let parsed: { value: unknown } | undefined;
    const body = async () => {
      if (parsed) return parsed.value;
      const text = await request.text(maxBodyBytes);
      try {
        parsed = { value: JSON.parse(text) };
      } catch {
        throw badRequest('invalidSyntax', 'The request body is not valid JSON.');
      }
      return parsed.value;
    };

    const key = endpoint?.toLowerCase();
    const route = key ? routes[key] : undefined;
    if (route) {
      const context: ScimRouteContext = {
        request,
        url,
        ctx,
        storage,
        baseUrl: connectionBase,
        body,
        maxResults,
        events,
      };
      const allowed = id ? ITEM_METHODS : COLLECTION_METHODS;
      if (!allowed.includes(request.method)) throw methodNotAllowed(allowed);
      const response = id ? await route.item({ ...context, id }) : await route.collection(context);
      if (!response) throw methodNotAllowed(allowed);
      return response;
    }

    if (request.method !== 'GET') throw methodNotAllowed(['GET']);
    await storage.scimConnections.touch(ctx);
    switch (key) {
      case 'serviceproviderconfig':
        if (id) break;
        return scimJson(200, serviceProviderConfig(connectionBase, maxResults));
      case 'resourcetypes':
        return scimJson(200, resourceTypes(connectionBase, id));
      case 'schemas':
        return scimJson(200, schemas(connectionBase, id));
    }
    throw notFound(`No SCIM endpoint at ${url.pathname}.`);
  }

  async function respond(request: PlainRequest, url = new URL(request.url)): Promise<PlainReply> {
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))
      return scimError(notFound(`No SCIM endpoint at ${url.pathname}.`));
    const state: { ctx?: ScimRequestContext; known?: boolean } = {};
    let error: ScimError;
    try {
      return await handle(request, url, state);
    } catch (caught) {
      if (caught instanceof ScimError) error = caught;
      else if (caught instanceof BodyTooLargeError) error = new ScimError(413, undefined, caught.message);
      else {
        onError(caught);
        error = new ScimError(500, undefined, 'The request could not be processed.');
      }
    }
    // Failed requests show in the connection's recent errors (rate limiting excepted: it is not the IdP's fault
    // it would want to see 20 times over).
    const rest = url.pathname.slice(basePath.length).split('/').filter(Boolean);
    if (state.known && error.status !== 429) {
      const [workspaceId = '', connectionId = ''] = rest;
      await storage.scimConnections
        .recordError(
          { workspaceId, connectionId, ...(state.ctx ? { tokenId: state.ctx.tokenId } : {}) },
          {
            at: now().toISOString(),
            method: request.method,
            path: `/${rest.slice(2).join('/')}`,
            status: error.status,
            ...(error.scimType ? { scimType: error.scimType } : {}),
            message: error.detail,
          },
        )
        .catch(onError);
    }
    return scimError(error);
  }

  return {
    respond,
    fetch: async (request) => toFetchResponse(await respond(fromFetchRequest(request))),
  };
}
