import { APIResource } from '../core/resource';
import { path } from '../internal/path';
import { type PollOptions, poll } from '../internal/poll';
import type { RequestOptions } from '../internal/request';
import type {
  ScimConnection,
  ScimConnectionCreateParams,
  ScimConnectionUpdateParams,
  ScimConnectionWithToken,
} from '../schema';

/**
 * SCIM connections: the workspace issues a base URL and a bearer token; the identity provider pushes users
 * and groups to it. Tokens are returned once, by `create` and `startTokenRotation`.
 */
export class ScimConnections extends APIResource {
  async list(options?: RequestOptions): Promise<ScimConnection[]> {
    const body = await this.send<{ data: ScimConnection[] }>('GET', '/scim-connections', options);
    return body.data;
  }

  /** Returns the connection and its bearer token. Show the token now: it is never returned again. */
  create(params: ScimConnectionCreateParams, options?: RequestOptions): Promise<ScimConnectionWithToken> {
    return this.send('POST', '/scim-connections', options, params);
  }

  get(id: string, options?: RequestOptions): Promise<ScimConnection> {
    return this.send('GET', path`/scim-connections/${id}`, options);
  }

  update(id: string, params: ScimConnectionUpdateParams, options?: RequestOptions): Promise<ScimConnection> {
    return this.send('PATCH', path`/scim-connections/${id}`, options, params);
  }

  /** Disconnects: its tokens stop working at once. Provisioned users stay in the workspace. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.send('DELETE', path`/scim-connections/${id}`, options);
  }

  /** Issues a second token; both work until `completeTokenRotation` or `cancelTokenRotation`. */
  startTokenRotation(id: string, options?: RequestOptions): Promise<ScimConnectionWithToken> {
    return this.send('POST', path`/scim-connections/${id}/token-rotation`, options);
  }

  /**
   * Retires the old token. Refused (`ConflictError`, `new_token_unused`) until the provider has used the new
   * one, as `lastUsedTokenId` shows, unless `force` is set.
   */
  completeTokenRotation(
    id: string,
    params?: { force?: boolean },
    options?: RequestOptions,
  ): Promise<ScimConnection> {
    return this.send('POST', path`/scim-connections/${id}/token-rotation/complete`, options, params);
  }

  /** Revokes the new token; the old one stays. */
  cancelTokenRotation(id: string, options?: RequestOptions): Promise<ScimConnection> {
    return this.send('POST', path`/scim-connections/${id}/token-rotation/cancel`, options);
  }

  /** Resolves once the identity provider's first authenticated request has arrived. */
  waitUntilVerified(id: string, options?: PollOptions & RequestOptions): Promise<ScimConnection> {
    return poll(
      () => this.get(id, options),
      (connection) => connection.status === 'active',
      options,
    );
  }
}
