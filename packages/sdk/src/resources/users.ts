import type { PagePromise } from '../core/pagination';
import { APIResource } from '../core/resource';
import { path } from '../internal/path';
import type { RequestOptions } from '../internal/request';
import type { User, UserListParams } from '../schema';

/** Workspace members, wherever they came from: the list an admin checks to verify provisioning. */
export class Users extends APIResource {
  list(params?: UserListParams, options?: RequestOptions): PagePromise<User> {
    return this.paginate('/users', params, options);
  }

  get(id: string, options?: RequestOptions): Promise<User> {
    return this.send('GET', path`/users/${id}`, options);
  }
}
