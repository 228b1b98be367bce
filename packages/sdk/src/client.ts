import { IdentityKitError } from './core/errors';
import type { Transport } from './core/resource';
import { path } from './internal/path';
import {
  type AccessTokenProvider,
  type HeadersProvider,
  type RequestConfig,
  type RequestInit,
  type RequestOptions,
  request,
} from './internal/request';
import { defaultRetryPolicy, type RetryPolicy } from './internal/retry';
import { AuditEvents } from './resources/audit-events';
import { DirectoryConnections } from './resources/directory-connections';
import { Groups } from './resources/groups';
import { Providers } from './resources/providers';
import { Reauthentications } from './resources/reauthentication';
import { ScimConnections } from './resources/scim-connections';
import { SessionPolicies } from './resources/session-policy';
import { Users } from './resources/users';

export interface IdentityClientOptions {
  /** Where the identity API is mounted, e.g. `https://app.example.com/api/identity` or `/api/identity`. */
  baseUrl: string;
  /** The workspace whose identity settings this client manages. */
  workspaceId: string;
  /**
   * A bearer token, or a function that returns one for each attempt (so it can refresh). Leave it out to
   * authenticate with cookies instead.
   */
  accessToken?: AccessTokenProvider;
  /** `fetch`'s credentials mode; `fetch` defaults to `same-origin`. Use `include` for cookies on another origin. */
  credentials?: RequestCredentials;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Milliseconds to wait for each attempt. Default 30000. */
  timeout?: number;
  /** How failed requests are retried. */
  retry?: Partial<RetryPolicy>;
  /** Headers sent with every request (a CSRF token, say), or a function that returns them. */
  headers?: HeadersProvider;
}

/** The identity API of one workspace. Create it with `createIdentityClient`. */
export class IdentityClient implements Transport {
  readonly workspaceId: string;
  readonly providers: Providers = new Providers(this);
  readonly scimConnections: ScimConnections = new ScimConnections(this);
  readonly directoryConnections: DirectoryConnections = new DirectoryConnections(this);
  readonly users: Users = new Users(this);
  readonly groups: Groups = new Groups(this);
  readonly sessionPolicy: SessionPolicies = new SessionPolicies(this);
  readonly reauthentication: Reauthentications = new Reauthentications(this);
  readonly auditEvents: AuditEvents = new AuditEvents(this);
  readonly #config: RequestConfig;

  constructor(options: IdentityClientOptions) {
    if (!options?.baseUrl || !options.workspaceId) {
      throw new IdentityKitError(
        'createIdentityClient needs `baseUrl` (where the identity API is mounted) and `workspaceId`.',
      );
    }
    this.workspaceId = options.workspaceId;
    this.#config = {
      baseUrl: options.baseUrl,
      accessToken: options.accessToken,
      credentials: options.credentials,
      fetch: options.fetch,
      timeout: options.timeout ?? 30_000,
      retry: { ...defaultRetryPolicy, ...options.retry },
      headers: options.headers,
    };
  }

  /** A request under this workspace's path (`/workspaces/{id}` + `init.path`), with retries and typed errors. */
  request<T>(init: RequestInit, options?: RequestOptions): Promise<T> {
    return request(
      this.#config,
      { ...init, path: path`/workspaces/${this.workspaceId}` + init.path },
      options,
    );
  }
}

export function createIdentityClient(options: IdentityClientOptions): IdentityClient {
  return new IdentityClient(options);
}
