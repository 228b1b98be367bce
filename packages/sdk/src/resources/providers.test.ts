import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors';
import { providerCatalog } from '../providers';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi(['listProviders', 'getProvider']);

describe('providers', () => {
  it('lists the catalog, with SCIM guides and directory credential fields', async () => {
    const { identity } = start();
    const providers = await identity.providers.list();
    expect(providers.map((p) => p.id)).toEqual(providerCatalog.map((p) => p.id));
    const okta = await identity.providers.get('okta');
    expect(okta.capabilities).toEqual({ scim: true, directorySync: true });
    expect(okta.directorySync?.fields.find((f) => f.key === 'apiToken')?.secret).toBe(true);
  });

  it('says when a provider is unknown', async () => {
    const { identity } = start();
    await expect(identity.providers.get('nope' as 'okta')).rejects.toBeInstanceOf(NotFoundError);
  });
});
