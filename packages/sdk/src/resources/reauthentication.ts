import { APIResource } from '../core/resource';
import type { RequestOptions } from '../internal/request';
import type { Reauthentication, ReauthenticationParams, ReauthenticationStatus } from '../schema';

/** Signing every user of the workspace out. SCIM tokens and directory credentials are untouched. */
export class Reauthentications extends APIResource {
  /** How many sessions and users a forced reauthentication would sign out, and when it last happened. */
  status(options?: RequestOptions): Promise<ReauthenticationStatus> {
    return this.send('GET', '/reauthentication', options);
  }

  /** Signs everyone out. `keepCurrentSession` is required: whether the caller stays signed in is a choice. */
  force(params: ReauthenticationParams, options?: RequestOptions): Promise<Reauthentication> {
    return this.send('POST', '/reauthentication', options, params);
  }
}
