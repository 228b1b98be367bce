import type { PagePromise } from '../core/pagination';
import { APIResource } from '../core/resource';
import type { RequestOptions } from '../internal/request';
import type { Group, GroupListParams } from '../schema';

/** Groups pushed by SCIM or pulled from a directory. */
export class Groups extends APIResource {
  list(params?: GroupListParams, options?: RequestOptions): PagePromise<Group> {
    return this.paginate('/groups', params, options);
  }
}
