import { providersQueryOptions } from '../query/options';
import { useKitQuery } from './kit-query';

/** The provider catalog: names, capabilities, SCIM setup guides and directory credential fields. */
export function useProviders() {
  return useKitQuery(providersQueryOptions);
}
