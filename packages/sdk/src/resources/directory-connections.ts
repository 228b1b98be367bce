import type { PagePromise } from '../core/pagination';
import { APIResource } from '../core/resource';
import { path } from '../internal/path';
import { type PollOptions, poll } from '../internal/poll';
import type { RequestOptions } from '../internal/request';
import type {
  DirectoryConnection,
  DirectoryConnectionCreateParams,
  DirectoryConnectionUpdateParams,
  SyncRun,
  SyncRunListParams,
} from '../schema';

/** A directory connection's sync runs. */
export class SyncRuns extends APIResource {
  /** Syncs now. Throws a `ConflictError` (`sync_in_progress`) while a run is going. */
  start(connectionId: string, options?: RequestOptions): Promise<SyncRun> {
    return this.transport.request(
      { method: 'POST', path: path`/directory-connections/${connectionId}/syncs` },
      options,
    );
  }

  list(connectionId: string, params?: SyncRunListParams, options?: RequestOptions): PagePromise<SyncRun> {
    return this.paginate(path`/directory-connections/${connectionId}/syncs`, params, options);
  }

  get(connectionId: string, runId: string, options?: RequestOptions): Promise<SyncRun> {
    return this.transport.request(
      { method: 'GET', path: path`/directory-connections/${connectionId}/syncs/${runId}` },
      options,
    );
  }
}

/**
 * Directory-sync connections: the workspace pulls users and groups from a directory's API with the admin's
 * credentials. Secrets are write-only: reads return `{ secret: true, hint }`.
 */
export class DirectoryConnections extends APIResource {
  readonly syncs: SyncRuns = new SyncRuns(this.transport);

  async list(options?: RequestOptions): Promise<DirectoryConnection[]> {
    const body = await this.transport.request<{ data: DirectoryConnection[] }>(
      { method: 'GET', path: '/directory-connections' },
      options,
    );
    return body.data;
  }

  /** The credentials are checked against the provider: the connection starts in state `validating`. */
  create(params: DirectoryConnectionCreateParams, options?: RequestOptions): Promise<DirectoryConnection> {
    return this.transport.request({ method: 'POST', path: '/directory-connections', body: params }, options);
  }

  get(id: string, options?: RequestOptions): Promise<DirectoryConnection> {
    return this.transport.request({ method: 'GET', path: path`/directory-connections/${id}` }, options);
  }

  /** A secret left out of `credentials` keeps its stored value; changed credentials are validated again. */
  update(
    id: string,
    params: DirectoryConnectionUpdateParams,
    options?: RequestOptions,
  ): Promise<DirectoryConnection> {
    return this.transport.request(
      { method: 'PATCH', path: path`/directory-connections/${id}`, body: params },
      options,
    );
  }

  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/directory-connections/${id}` }, options);
  }

  /** Resolves once the connection is neither validating nor syncing. */
  waitUntilSettled(id: string, options?: PollOptions & RequestOptions): Promise<DirectoryConnection> {
    return poll(
      () => this.get(id, options),
      (connection) => connection.state !== 'validating' && connection.state !== 'syncing',
      options,
    );
  }
}
