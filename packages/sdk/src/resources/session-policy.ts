import { APIResource } from '../core/resource';
import type { RequestOptions } from '../internal/request';
import type { SessionPolicy, SessionPolicyUpdateParams } from '../schema';

/** How long sessions last. Values are seconds; `bounds` and `presets` come with the policy. */
export class SessionPolicies extends APIResource {
  get(options?: RequestOptions): Promise<SessionPolicy> {
    return this.send('GET', '/session-policy', options);
  }

  /** An out-of-bounds value throws a `ValidationError` whose `fieldError('sessionDurationSeconds')` says why. */
  update(params: SessionPolicyUpdateParams, options?: RequestOptions): Promise<SessionPolicy> {
    return this.send('PATCH', '/session-policy', options, params);
  }
}
