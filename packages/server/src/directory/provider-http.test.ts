import { describe, expect, it } from 'vitest';
import { createProviderHttp } from './provider-http';

describe('provider HTTP', () => {
  it('gives up on a provider that stalls, body included, instead of holding the run', async () => {
    let attempts = 0;
    // Answers headers at once, then never finishes the body, as a server trickling its answer would.
    const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
      attempts++;
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('['));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const request = createProviderHttp({
      provider: 'Okta',
      fetch,
      sleep: async () => {},
      attemptTimeoutMs: 50,
    });
    const response = await request('https://acme.okta.com/api/v1/users');
    await expect(response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(attempts).toBe(1);

    const hanging = createProviderHttp({
      provider: 'Okta',
      fetch: (_url, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      sleep: async () => {},
      maxRetries: 1,
      attemptTimeoutMs: 50,
    });
    await expect(hanging('https://acme.okta.com/api/v1/users')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('could not be reached'),
    });
  });
});
