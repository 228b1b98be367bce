import type { IdentityClient } from '@identity-kit/sdk';
import type { QueryClient } from '@tanstack/react-query';
import {
  type MutationFunction,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import { useIdentityKit } from '../provider/context';

/** A query on the kit's QueryClient, built from one of the exported query-options factories. */
export function useKitQuery<T, K extends QueryKey>(
  factory: (client: IdentityClient) => UseQueryOptions<T, Error, T, K>,
  overrides?: Partial<UseQueryOptions<T, Error, T, K>>,
): UseQueryResult<T, Error> {
  const { client, queryClient } = useIdentityKit();
  return useQuery({ ...factory(client), ...overrides }, queryClient);
}

/**
 * A mutation on the kit's QueryClient. `update` writes the result into the cache so every mounted component
 * sees it at once. Mutations are not paused offline: the admin is told at once, and the form keeps its values.
 */
export function useKitMutation<T, V>(
  run: (client: IdentityClient, variables: V) => ReturnType<MutationFunction<T, V>>,
  update?: (cache: QueryClient, result: T, variables: V, workspaceId: string) => unknown,
) {
  const { client, queryClient } = useIdentityKit();
  return useMutation(
    {
      mutationFn: (variables: V) => run(client, variables),
      onSuccess: (result, variables) => update?.(queryClient, result, variables, client.workspaceId),
      networkMode: 'always',
      // Results can carry a secret shown once (a SCIM token): don't keep them once no component shows them.
      gcTime: 0,
    },
    queryClient,
  );
}

/** Puts `item` into the cached list under `key`, replacing the entry with its id or adding it first. */
export function upsert<T extends { id: string }>(cache: QueryClient, key: QueryKey, item: T) {
  cache.setQueryData<T[]>(key, (list = []) =>
    list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [item, ...list],
  );
}

/** Takes the entry with `id` out of the cached list under `key`. */
export function removeFrom(cache: QueryClient, key: QueryKey, id: string) {
  cache.setQueryData<{ id: string }[]>(key, (list) => list?.filter((x) => x.id !== id));
}
