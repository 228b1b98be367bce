import type { UserListParams } from '@identity-kit/sdk';
import { usersQueryOptions } from '../query/options';
import { useKitQuery } from './kit-query';

/** One page of workspace users matching `params`, with the total. */
export function useUsers(params: UserListParams = {}, options: { refetchInterval?: number | false } = {}) {
  return useKitQuery((client) => usersQueryOptions(client, params), options);
}
