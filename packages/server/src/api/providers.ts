import { notFound } from '@identity-kit/sdk/contract';
import { findProvider, providerCatalog } from '@identity-kit/sdk/providers';
import type { Route } from './context';
import { ok } from './respond';

export const providerRoutes: Route[] = [
  { method: 'GET', path: '/providers', run: async () => ok({ data: [...providerCatalog] }) },
  {
    method: 'GET',
    path: '/providers/:providerId',
    run: async ({ params }) => {
      const provider = findProvider(params.providerId ?? '');
      if (!provider) throw notFound(`There is no identity provider "${params.providerId}".`);
      return ok(provider);
    },
  },
];
