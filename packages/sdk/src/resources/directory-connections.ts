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
    return this.send('POST', path`/directory-connections/${connectionId}/syncs`, options);
  }

  list(connectionId: string, params?: SyncRunListParams, options?: RequestOptions): PagePromise<SyncRun> {
    return this.paginate(path`/directory-connections/${connectionId}/syncs`, params, options);
  }

  get(connectionId: string, runId: string, options?: RequestOptions): Promise<SyncRun> {
    return this.send('GET', path`/directory-connections/${connectionId}/syncs/${runId}`, options);
  }
}

/**
 * Directory-sync connections: the workspace pulls users and groups from a directory's API with the admin's
 * credentials. Secrets are write-only: reads return `{ secret: true, hint }`.
 */
export class DirectoryConnections extends APIResource {
  readonly syncs: SyncRuns = new SyncRuns(this.transport);

  async list(options?: RequestOptions): Promise<DirectoryConnection[]> {
    const body = await this.send<{ data: DirectoryConnection[] }>('GET', '/directory-connections', options);
    return body.data;
  }

  /** The credentials are checked against the provider: the connection starts in state `validating`. */
  create(params: DirectoryConnectionCreateParams, options?: RequestOptions): Promise<DirectoryConnection> {
    return this.send('POST', '/directory-connections', options, params);
  }

  get(id: string, options?: RequestOptions): Promise<DirectoryConnection> {
    return this.send('GET', path`/directory-connections/${id}`, options);
  }

  /** A secret left out of `credentials` keeps its stored value; changed credentials are validated again. */
  update(
    id: string,
    params: DirectoryConnectionUpdateParams,
    options?: RequestOptions,
  ): Promise<DirectoryConnection> {
    return this.send('PATCH', path`/directory-connections/${id}`, options, params);
  }

  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.send('DELETE', path`/directory-connections/${id}`, options);
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
