import type { ReauthenticationParams } from '@identity-kit/sdk';
import { reauthenticationKey } from '../query/keys';
import { reauthenticationQueryOptions } from '../query/options';
import { useKitMutation, useKitQuery } from './kit-query';

/** How many sessions and users a forced reauthentication would sign out, and when it last happened. */
export function useReauthenticationStatus() {
  return useKitQuery(reauthenticationQueryOptions);
}

export function useForceReauthentication() {
  return useKitMutation(
    (client, params: ReauthenticationParams) => client.reauthentication.force(params),
    // The counts and "last done" change: read them again.
    (cache, _result, _params, ws) => cache.invalidateQueries({ queryKey: reauthenticationKey(ws) }),
  );
}
