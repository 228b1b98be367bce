// The reference server as one Web-standard handler: the identity admin API (openapi.yaml) and a SCIM 2.0
// service provider per connection, over one storage; the kit's own sessions unless the host brings its own.
import { type AdminApiOptions, createAdminApi } from './api/admin-api';
import type { Authenticate } from './api/principal';
import type { ConnectorFactory, ConnectorOptions } from './directory/connector';
import { builtInConnectors } from './directory/connectors';
import { type CredentialVault, createCredentialVault } from './directory/credential-vault';
import { createDirectorySync, type DirectorySync } from './directory/directory-sync';
import type { IdentityServerEvents } from './events';
import type { PlainReply, PlainRequest } from './http/plain';
import { createScimHandler, type ScimHandlerOptions } from './scim/scim-handler';
import { createKitSessions, type KitSessions } from './sessions/kit-sessions';
import type { ProviderId, SessionStore, Storage } from './storage/storage';

export interface IdentityServerOptions {
  storage: Storage;
  /**
   * Who calls the admin API, for the workspace the request names. Default: the kit's own session cookie
   * (`server.sessions`).
   */
  authenticate?: Authenticate;
  /** The host's own session store, when it keeps sessions itself; default the kit's (in `storage`). */
  sessions?: SessionStore;
  events?: IdentityServerEvents;
  scim?: Omit<ScimHandlerOptions, 'storage' | 'events'>;
  api?: Pick<AdminApiOptions, 'basePath' | 'publicUrl' | 'trustedOrigins'>;
  /** The kit's session cookie: its name (default `ik_session`) and `Secure` (default: when `api.publicUrl` or the request is https). */
  cookie?: { name?: string; secure?: boolean };
  /** How often ended sessions are deleted, off the request path. Default one minute; 0 turns it off. */
  sweepEveryMs?: number;
  /** Directory sync: the connectors (default: Okta, Entra ID, Google Workspace, JumpCloud), where their providers are, the credential vault. */
  directory?: {
    connectors?: Partial<Record<ProviderId, ConnectorFactory>>;
    connectorOptions?: (provider: ProviderId) => ConnectorOptions;
    /** Default: keys from IDENTITY_KIT_CREDENTIAL_KEYS. */
    vault?: CredentialVault;
    /** How often due syncs are looked for. Default 30 s; 0 turns the schedule off (tests). */
    scheduleEveryMs?: number;
    /** How often a running sync renews its lease on the run. Default 30 s (a lease lasts 2 minutes). */
    renewLeaseEveryMs?: number;
  };
}

export interface IdentityServer {
  readonly storage: Storage;
  /** The kit's sessions: sign members in and out, and validate a request's session. */
  readonly sessions: KitSessions;
  /** The directory sync engine. */
  readonly directories: DirectorySync;
  fetch(request: Request): Promise<Response>;
  /**
   * SCIM requests answered without Fetch objects (the Node adapter's way in: they cost more than a SCIM create);
   * `undefined` for every other path, which `fetch` serves.
   */
  respond(request: PlainRequest): Promise<PlainReply> | undefined;
  /** Stops the session sweeper and the directory schedule, and waits for running syncs to stop. */
  close(): Promise<void>;
}

export function createIdentityServer(options: IdentityServerOptions): IdentityServer {
  const { storage } = options;
  const sessionStore = options.sessions ?? storage.sessions;
  const publicHttps = options.api?.publicUrl?.startsWith('https:');
  const secure = options.cookie?.secure ?? (publicHttps ? true : undefined);
  const sessions = createKitSessions({
    storage,
    ...(options.cookie?.name ? { cookieName: options.cookie.name } : {}),
    ...(secure !== undefined ? { secure } : {}),
  });
  const scimOptions = options.scim ?? {};
  const scimBase = (scimOptions.basePath ?? '/scim/v2').replace(/\/$/, '');
  const scim = createScimHandler({
    ...scimOptions,
    storage,
    events: {
      // A member the identity provider took out is signed out everywhere at once, then the host hears of it.
      async userDeprovisioned(event) {
        await sessionStore.revokeMember(event.workspaceId, event.userId);
        await options.events?.userDeprovisioned?.(event);
      },
    },
  });
  const connectors = options.directory?.connectors ?? builtInConnectors;
  const vault = options.directory?.vault ?? createCredentialVault();
  const directories = createDirectorySync({
    storage,
    vault,
    connectors,
    sessions: sessionStore,
    ...(options.directory?.connectorOptions ? { connectorOptions: options.directory.connectorOptions } : {}),
    ...(options.directory?.scheduleEveryMs !== undefined
      ? { scheduleEveryMs: options.directory.scheduleEveryMs }
      : {}),
    ...(options.directory?.renewLeaseEveryMs !== undefined
      ? { renewLeaseEveryMs: options.directory.renewLeaseEveryMs }
      : {}),
  });
  const api = createAdminApi({
    ...options.api,
    directories: { sync: directories, vault, connectors },
    storage,
    sessions: sessionStore,
    scimBasePath: scimBase,
    authenticate: options.authenticate ?? sessions.authenticate,
  });

  const sweepEvery = options.sweepEveryMs ?? 60_000;
  /** Deletes ended sessions in batches, yielding to requests between them, until none is left. */
  const sweep = async () => {
    while ((await storage.sessions.sweep(new Date().toISOString(), 1000)) === 1000) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const sweeper =
    sweepEvery > 0
      ? setInterval(() => {
          sweep().catch((error: unknown) => {
            console.error('[@identity-kit/server] sweeping ended sessions failed:', error);
          });
        }, sweepEvery)
      : undefined;
  sweeper?.unref?.();

  const isScim = (pathname: string) => pathname === scimBase || pathname.startsWith(`${scimBase}/`);

  return {
    storage,
    sessions,
    directories,
    respond(request) {
      const url = new URL(request.url);
      return isScim(url.pathname) ? scim.respond(request, url) : undefined;
    },
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (isScim(pathname)) return scim.fetch(request);
      const answer = await api.fetch(request);
      if (answer) return answer;
      // The contract's error shape (ErrorBody in openapi.yaml), which the SDK parses.
      return Response.json(
        {
          error: {
            status: 404,
            code: 'not_found',
            message: `No route for ${pathname}.`,
            requestId: crypto.randomUUID(),
            fieldErrors: [],
          },
        },
        { status: 404 },
      );
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      directories.close();
      await directories.idle();
    },
  };
}
