import type { SessionPolicyUpdateParams } from '@identity-kit/sdk';
import { sessionPolicyKey } from '../query/keys';
import { sessionPolicyQueryOptions } from '../query/options';
import { useKitMutation, useKitQuery } from './kit-query';

export function useSessionPolicy() {
  return useKitQuery(sessionPolicyQueryOptions);
}

export function useUpdateSessionPolicy() {
  return useKitMutation(
    (client, params: SessionPolicyUpdateParams) => client.sessionPolicy.update(params),
    (cache, policy, _, ws) => cache.setQueryData(sessionPolicyKey(ws), policy),
  );
}
