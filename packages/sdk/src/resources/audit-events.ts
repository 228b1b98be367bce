import type { PagePromise } from '../core/pagination';
import { APIResource } from '../core/resource';
import type { RequestOptions } from '../internal/request';
import type { AuditEvent, AuditEventListParams } from '../schema';

/** Who changed which identity setting, and when. */
export class AuditEvents extends APIResource {
  list(params?: AuditEventListParams, options?: RequestOptions): PagePromise<AuditEvent> {
    return this.paginate('/audit-events', params, options);
  }
}
