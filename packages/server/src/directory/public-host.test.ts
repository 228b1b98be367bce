import { describe, expect, it, vi } from 'vitest';
import { createOktaConnector } from './connectors/okta';
import { assertPublicHost, isPublicAddress } from './public-host';

describe('provider addresses an admin types', () => {
  it('tells public addresses from the server’s own networks', () => {
    for (const address of [
      '8.8.8.8',
      '104.16.1.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a00:1',
      '64:ff9b::169.254.169.254',
      '64:ff9b:1::a00:1',
      '2002:a00:1::1',
      '::a00:1',
      'fec0::1',
      'not-an-address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('refuses a host that resolves, even in part, into a private network, and says which address', async () => {
    const resolve = async (host: string) =>
      host === 'acme.okta.com' ? ['104.16.1.1'] : ['104.16.1.1', '10.0.0.7'];
    await expect(
      assertPublicHost('https://acme.okta.com', 'The Okta org URL', resolve),
    ).resolves.toBeUndefined();
    await expect(
      assertPublicHost('https://okta.acme.internal', 'The Okta org URL', resolve),
    ).rejects.toMatchObject({
      kind: 'invalid_credentials',
      message: expect.stringContaining('(10.0.0.7)'),
    });
    await expect(
      assertPublicHost('https://gone.example', 'The Okta org URL', async () => {
        throw new Error('ENOTFOUND');
      }),
    ).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('never sends the Okta API token to an org URL inside the server’s network', async () => {
    const fetch = vi.fn(async () => new Response('[]', { status: 200 }));
    for (const orgUrl of [
      'https://169.254.169.254',
      'https://0xa9fea9fe', // the same, as WHATWG URLs read it
      'https://[::ffff:127.0.0.1]',
      'https://[::1]',
      'https://localhost',
    ]) {
      const connector = createOktaConnector(
        { authMethod: 'api_token', orgUrl, apiToken: 'a'.repeat(40) },
        { fetch },
      );
      await expect(connector.validate(), orgUrl).rejects.toMatchObject({ kind: 'invalid_credentials' });
    }
    expect(fetch).not.toHaveBeenCalled();
    // The operator's own base URL (a fake, an on-premises proxy) is trusted as configured.
    const operator = createOktaConnector(
      { authMethod: 'api_token', orgUrl: 'https://acme.okta.com', apiToken: 'a'.repeat(40) },
      { fetch, baseUrls: { okta: 'http://127.0.0.1:9' } },
    );
    await operator.validate();
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:9/api/v1/users?limit=1', expect.anything());
  });

  it('does not follow a public org’s redirect into the server’s network', async () => {
    const fetch = vi.fn(
      async () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest' } }),
    );
    const connector = createOktaConnector(
      { authMethod: 'api_token', orgUrl: 'https://acme.okta.com', apiToken: 'a'.repeat(40) },
      { fetch, baseUrls: { okta: 'https://acme.okta.com' } },
    );
    await expect(connector.validate()).rejects.toMatchObject({
      kind: 'bad_response',
      message: expect.stringContaining('redirected the request to http://169.254.169.254/latest'),
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ redirect: 'manual' }));
  });
});
