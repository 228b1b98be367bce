import type { RequestInit, RequestOptions } from '../internal/request';
import type { PageBody } from '../schema';
import { Page, PagePromise } from './pagination';

/** What a resource needs of the client: workspace-scoped requests. */
export interface Transport {
  request<T>(init: RequestInit, options?: RequestOptions): Promise<T>;
}

/** The base of every resource namespace (`client.users`, `client.scimConnections`, …). */
export abstract class APIResource {
  protected readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /** One request under the workspace: `send('POST', '/scim-connections', options, body)`. */
  protected send<T>(
    method: RequestInit['method'],
    path: string,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<T> {
    return this.transport.request({ method, path, body }, options);
  }

  /** A paginated GET whose pages carry the same query and options. */
  protected paginate<T>(path: string, query: object = {}, options?: RequestOptions): PagePromise<T> {
    const load = (cursor: string | undefined): Promise<Page<T>> =>
      this.transport
        .request<PageBody<T>>({ method: 'GET', path, query: cursor ? { ...query, cursor } : query }, options)
        .then((body) => new Page(body, load));
    return new PagePromise(load(undefined));
  }
}
