import { APIResource } from '../core/resource';
import type { RequestOptions } from '../internal/request';
import type { SessionPolicy, SessionPolicyUpdateParams } from '../schema';

/** How long sessions last. Values are seconds; `bounds` and `presets` come with the policy. */
export class SessionPolicies extends APIResource {
  get(options?: RequestOptions): Promise<SessionPolicy> {
    return this.transport.request({ method: 'GET', path: '/session-policy' }, options);
  }

  /** An out-of-bounds value throws a `ValidationError` whose `fieldError('sessionDurationSeconds')` says why. */
  update(params: SessionPolicyUpdateParams, options?: RequestOptions): Promise<SessionPolicy> {
    return this.transport.request({ method: 'PATCH', path: '/session-policy', body: params }, options);
  }
}
