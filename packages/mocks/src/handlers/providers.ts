import type { Provider } from '@identity-kit/sdk';
import { notFound } from '@identity-kit/sdk/contract';
import { findProvider, providerCatalog } from '@identity-kit/sdk/providers';
import { defineOperation, ok } from '../http/operation';

export const providerOperations = [
  defineOperation<{ data: Provider[] }>({
    id: 'listProviders',
    method: 'get',
    path: '/workspaces/:workspaceId/providers',
    run: () => ok({ data: [...providerCatalog] }),
  }),
  defineOperation<Provider>({
    id: 'getProvider',
    method: 'get',
    path: '/workspaces/:workspaceId/providers/:providerId',
    run: ({ params }) => {
      const provider = findProvider(params.providerId ?? '');
      if (!provider) throw notFound(`There is no identity provider "${params.providerId}".`);
      return ok(provider);
    },
  }),
];
