// The identity admin API of openapi.yaml as a Web-standard handler: who may call it, CSRF, body limits, JSON,
// Idempotency-Key replay and the one error shape, then one route per operation.
import { randomBytes } from 'node:crypto';
import {
  badRequest,
  ContractError,
  conflict,
  fingerprint,
  forbidden,
  idempotencyKey,
  idempotencyKeyReused,
  MESSAGES,
  notFound,
  payloadTooLarge,
  unauthenticated,
} from '@identity-kit/sdk/contract';
import { BodyTooLargeError, readBody } from '../http/read-body';
import { ConflictError, NotFoundError } from '../storage/errors';
import type { SessionStore, Storage } from '../storage/storage';
import { auditEventRoutes } from './audit-events';
import type { ApiContext, Route } from './context';
import { directoryConnectionRoutes } from './directory-connections';
import { memberRoutes } from './members';
import type { Authenticate } from './principal';
import { providerRoutes } from './providers';
import { reauthenticationRoutes } from './reauthentication';
import { errorResponse, internalError, toResponse } from './respond';
import { scimConnectionRoutes } from './scim-connections';
import { sessionPolicyRoutes } from './session-policy';

/** The largest body the admin API reads: far above any credential, well below abuse. */
export const MAX_API_BODY_BYTES = 64 * 1024;

export interface AdminApiOptions {
  storage: Storage;
  /** Who is calling. */
  authenticate: Authenticate;
  /** Where the host's sessions live, for the forced reauthentication; default the kit's own. */
  sessions?: SessionStore;
  /** Default `/api/identity`. */
  basePath?: string;
  /** Where SCIM is mounted, to tell identity providers their base URL. Default `/scim/v2`. */
  scimBasePath?: string;
  /** The public origin, when the server sits behind a proxy that changes it. Default: the request's. */
  publicUrl?: string;
  /** Other origins whose pages may call the API with cookies (the host page's own origin is always allowed). */
  trustedOrigins?: string[];
  /** Directory sync; without it, its operations answer 501. */
  directories?: ApiContext['directories'];
}

const routes: Route[] = [
  ...providerRoutes,
  ...scimConnectionRoutes,
  ...directoryConnectionRoutes,
  ...memberRoutes,
  ...sessionPolicyRoutes,
  ...reauthenticationRoutes,
  ...auditEventRoutes,
];

const compiled = routes.map((route) => {
  const names: string[] = [];
  const pattern = route.path.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${pattern}$`) };
});

/** A path segment, or a 404 for one that is not valid percent-encoding. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound('There is no such path in the identity API.');
  }
}

/** A cookie is sent by the browser on its own, so a write must come from a page the host trusts. */
function checkCsrf(request: Request, origin: string, trusted: readonly string[]): void {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return;
  const from = request.headers.get('origin');
  if (from && (from === origin || trusted.includes(from))) return;
  throw new ContractError(
    403,
    'csrf_rejected',
    'This change was refused because it did not come from this site’s own pages. Reload the page and try again.',
  );
}

/**
 * A SCIM token is never written down in clear, not even in a replayable answer: the stored answer has it
 * removed, and the whole answer is kept in memory for a few minutes only, long enough for a client's retries.
 */
const SECRET_REPLAY_MS = 10 * 60 * 1000;

export function createAdminApi(options: AdminApiOptions) {
  const secretReplies = new Map<string, { body: unknown; until: number }>();
  /** Creating requests still running, by workspace and Idempotency-Key (this process). */
  const inFlight = new Map<string, Promise<void>>();

  function withoutSecret(workspaceId: string, key: string, body: unknown): unknown {
    if (!body || typeof body !== 'object' || !('token' in body)) return body ?? null;
    const now = Date.now();
    for (const [k, v] of secretReplies) if (v.until <= now) secretReplies.delete(k);
    secretReplies.set(`${workspaceId}\n${key}`, { body, until: now + SECRET_REPLAY_MS });
    return { ...body, token: null };
  }

  function replayOf(workspaceId: string, key: string, stored: { status: number; body: unknown }) {
    const held = stored.body && typeof stored.body === 'object' && 'token' in stored.body;
    if (!held) return stored;
    const kept = secretReplies.get(`${workspaceId}\n${key}`);
    if (kept && kept.until > Date.now()) return { status: stored.status, body: kept.body };
    throw conflict(
      'token_not_replayable',
      'This request already succeeded, but its token was shown only then and cannot be shown again. Rotate the connection’s token to get a new one.',
    );
  }

  const basePath = (options.basePath ?? '/api/identity').replace(/\/+$/, '');
  const scimBasePath = (options.scimBasePath ?? '/scim/v2').replace(/\/+$/, '');
  const sessions = options.sessions ?? options.storage.sessions;
  const trusted = options.trustedOrigins ?? [];
  const prefix = `${basePath}/workspaces/`;

  async function handle(request: Request, url: URL, requestId: string): Promise<Response> {
    const rest = url.pathname.slice(prefix.length);
    const slash = rest.indexOf('/');
    const workspaceId = decode(slash < 0 ? rest : rest.slice(0, slash));
    const path = slash < 0 ? '' : rest.slice(slash);
    let params: Record<string, string> | undefined;
    let route: Route | undefined;
    let pathMatched = false;
    for (const { route: candidate, names, regex } of compiled) {
      const match = regex.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (candidate.method !== request.method) continue;
      route = candidate;
      params = Object.fromEntries(names.map((name, i) => [name, decode(match[i + 1] as string)]));
      break;
    }
    if (!route || !params) {
      if (pathMatched)
        throw new ContractError(405, 'method_not_allowed', `${request.method} is not allowed here.`);
      throw notFound(`There is no ${url.pathname} in the identity API.`);
    }

    // Who: signed in, an admin or owner of this very workspace (another workspace's answer is the same whether it
    // exists or not, so its ids leak nothing).
    const principal = await options.authenticate(request, workspaceId);
    if (!principal) throw unauthenticated(MESSAGES.signedOut);
    const workspace = await options.storage.workspaces.get(workspaceId);
    if (!workspace || principal.role === null) throw forbidden(MESSAGES.otherWorkspace);
    if (principal.role === 'member') throw forbidden(MESSAGES.member);
    const origin = new URL(options.publicUrl ?? url.origin).origin;
    if (principal.via === 'cookie' && request.method !== 'GET') checkCsrf(request, origin, trusted);

    let text = '';
    if (route.body) {
      try {
        text = await readBody(request, MAX_API_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw payloadTooLarge(MESSAGES.tooLarge);
        throw error;
      }
    }
    let body: unknown;
    if (text.trim() === '') {
      if (route.body === 'required') throw badRequest('This request needs a JSON body.');
    } else {
      try {
        body = JSON.parse(text);
      } catch {
        throw badRequest('The request body is not valid JSON.');
      }
    }

    const checked = { params, principal };
    const contextFor = (): ApiContext => {
      const at = new Date().toISOString();
      return {
        request,
        url,
        params: checked.params,
        workspaceId,
        principal: checked.principal,
        actor: {
          type: 'user',
          id: checked.principal.user.id,
          displayName: checked.principal.user.displayName,
          email: checked.principal.user.email,
        },
        requestId,
        body,
        at,
        storage: options.storage,
        sessions,
        ...(options.directories ? { directories: options.directories } : {}),
        scimBaseUrl: (connectionId) => `${origin}${scimBasePath}/${workspaceId}/${connectionId}`,
      };
    };

    const key = request.method === 'POST' ? idempotencyKey(request) : undefined;
    if (key === undefined) return toResponse(await route.run(contextFor()), requestId);
    // One attempt per key at a time: a retry sent while the first still runs (the client timed out) waits for it,
    // then gets its answer replayed rather than doing the work twice.
    const flight = `${workspaceId}\n${key}`;
    while (inFlight.has(flight)) await inFlight.get(flight);
    let release = () => {};
    inFlight.set(
      flight,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    try {
      const print = fingerprint(request, text);
      const previous = await options.storage.idempotency.find(workspaceId, key);
      if (previous && previous.fingerprint !== print) throw idempotencyKeyReused();
      if (previous) {
        return toResponse(replayOf(workspaceId, key, previous), requestId, { 'idempotent-replayed': 'true' });
      }
      const ctx = contextFor();
      const reply = await route.run(ctx);
      if (reply.status < 300) {
        await options.storage.idempotency.remember(
          workspaceId,
          key,
          { fingerprint: print, status: reply.status, body: withoutSecret(workspaceId, key, reply.body) },
          ctx.at,
        );
      }
      return toResponse(reply, requestId);
    } finally {
      inFlight.delete(flight);
      release();
    }
  }

  return {
    basePath,
    /** Answers requests under `basePath`; undefined for any other path. */
    async fetch(request: Request): Promise<Response | undefined> {
      const url = new URL(request.url);
      if (!url.pathname.startsWith(prefix)) return undefined;
      const requestId = `req_${randomBytes(8).toString('hex')}`;
      try {
        return await handle(request, url, requestId);
      } catch (error) {
        if (error instanceof ContractError) return errorResponse(error, requestId);
        // A race the route's own checks could not see (two clicks on Sync now, a delete meanwhile).
        if (error instanceof ConflictError) {
          const sync = error.attribute === 'sync';
          return errorResponse(
            conflict(
              sync ? 'sync_in_progress' : 'conflict',
              sync ? 'A sync is already running for this directory. Wait for it to finish.' : error.message,
            ),
            requestId,
          );
        }
        if (error instanceof NotFoundError) return errorResponse(notFound(error.message), requestId);
        console.error(
          `[@identity-kit/server] ${request.method} ${url.pathname} (${requestId}) failed:`,
          error,
        );
        return errorResponse(internalError(), requestId);
      }
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
