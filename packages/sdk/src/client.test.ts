import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ConnectionTimeoutError,
  createIdentityClient,
  IdentityKitError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UserAbortError,
  ValidationError,
} from '@identity-kit/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a script, one entry per attempt, and records what it was sent. */
function scriptedFetch(...script: Array<Response | Error | (() => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = script.shift();
    if (!next) throw new Error('fetch called more often than scripted');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function errorBody(status: number, code: string, message = 'Nope.', extra: object = {}) {
  return { error: { status, code, message, requestId: 'req_1', fieldErrors: [], ...extra } };
}

const policy = {
  sessionDurationSeconds: 28800,
  idleTimeoutSeconds: null,
  bounds: {
    sessionDurationSeconds: { min: 900, max: 7776000 },
    idleTimeoutSeconds: { min: 300, max: 2592000 },
  },
  presets: { sessionDurationSeconds: [28800], idleTimeoutSeconds: [900] },
  appliesTo: 'all_sessions',
  updatedAt: null,
  updatedBy: null,
};

function client(fetch: typeof globalThis.fetch, options: object = {}) {
  return createIdentityClient({
    baseUrl: 'https://app.test/api/identity/',
    workspaceId: 'ws 1',
    fetch,
    ...options,
  });
}

describe('createIdentityClient', () => {
  it('says how to fix missing options', () => {
    expect(() => createIdentityClient({ baseUrl: '', workspaceId: 'ws' })).toThrow(/baseUrl/);
  });

  it('scopes every path to the workspace, encoding ids', async () => {
    const { fetch, calls } = scriptedFetch(json(200, policy), new Response(null, { status: 204 }));
    const c = client(fetch);
    await c.sessionPolicy.get();
    await c.scimConnections.delete('a/b');
    expect(calls.map((call) => call.url)).toEqual([
      'https://app.test/api/identity/workspaces/ws%201/session-policy',
      'https://app.test/api/identity/workspaces/ws%201/scim-connections/a%2Fb',
    ]);
  });

  it('sends a fresh token from the provider, extra headers, and JSON', async () => {
    let n = 0;
    const { fetch, calls } = scriptedFetch(json(200, policy));
    const c = client(fetch, {
      accessToken: async () => `t${++n}`,
      headers: () => ({ 'X-CSRF-Token': 'abc' }),
    });
    await c.sessionPolicy.update({ sessionDurationSeconds: 28800 }, { headers: { 'x-trace': '1' } });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers).toMatchObject({
      authorization: 'Bearer t1',
      'x-csrf-token': 'abc',
      'x-trace': '1',
      'content-type': 'application/json',
    });
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ sessionDurationSeconds: 28800 });
  });

  it('sends no credentials mode unless asked (edge runtimes reject the field)', async () => {
    const { fetch, calls } = scriptedFetch(json(200, policy));
    await client(fetch).sessionPolicy.get();
    expect(calls[0]?.init).not.toHaveProperty('credentials');
  });

  it('uses cookies when no token is given', async () => {
    const { fetch, calls } = scriptedFetch(json(200, policy));
    await client(fetch, { credentials: 'include' }).sessionPolicy.get();
    expect(calls[0]?.init.credentials).toBe('include');
    expect(calls[0]?.init.headers).not.toHaveProperty('authorization');
  });
});

describe('errors', () => {
  it.each([
    [400, 'bad_request', BadRequestError],
    [401, 'unauthenticated', AuthenticationError],
    [403, 'forbidden', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [409, 'sync_in_progress', ConflictError],
    [422, 'validation_failed', ValidationError],
  ])('maps %i to its class', async (status, code, Class) => {
    const { fetch } = scriptedFetch(json(status, errorBody(status, code, 'Readable reason.')));
    const error = await client(fetch)
      .sessionPolicy.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status, code, message: 'Readable reason.', requestId: 'req_1' });
  });

  it('points field errors at their fields', async () => {
    const fieldErrors = [
      { path: 'sessionDurationSeconds', code: 'out_of_range', message: 'Too long.', params: { min: 900 } },
    ];
    const { fetch } = scriptedFetch(
      json(422, errorBody(422, 'validation_failed', 'Check the form.', { fieldErrors })),
    );
    const error = (await client(fetch)
      .sessionPolicy.update({ sessionDurationSeconds: 1 })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldError('sessionDurationSeconds')?.message).toBe('Too long.');
    expect(error.fieldError('idleTimeoutSeconds')).toBeUndefined();
  });

  it('survives an error body that is not JSON (a proxy page) and keeps the request id header', async () => {
    const { fetch } = scriptedFetch(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'x-request-id': 'req_proxy' } }),
    );
    const error = await client(fetch, { retry: { maxRetries: 0 } })
      .sessionPolicy.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, code: 'unknown', requestId: 'req_proxy' });
    expect((error as Error).message).toMatch(/HTTP 502/);
  });

  it('reports a success body that is not JSON', async () => {
    const { fetch } = scriptedFetch(new Response('ok', { status: 200 }));
    await expect(client(fetch).sessionPolicy.get()).rejects.toThrow(/not JSON/);
  });
});

describe('retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a GET after a network failure with exponential backoff, then succeeds', async () => {
    const { fetch, calls } = scriptedFetch(
      new TypeError('fetch failed'),
      json(500, errorBody(500, 'internal_error')),
      json(200, policy),
    );
    const done = client(fetch).sessionPolicy.get();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500); // first backoff: at most 500 ms
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000); // second: at most 1000 ms
    await expect(done).resolves.toMatchObject({ sessionDurationSeconds: 28800 });
    expect(calls).toHaveLength(3);
  });

  it('honours Retry-After on 429, even for a POST', async () => {
    const { fetch, calls } = scriptedFetch(
      json(429, errorBody(429, 'rate_limited', 'Slow down.', { retryAfter: 3 }), { 'retry-after': '3' }),
      json(201, { id: 'rea_1' }),
    );
    const done = client(fetch).reauthentication.force({ keepCurrentSession: true });
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toEqual({ id: 'rea_1' });
    // The same idempotency key on both attempts, so the server cannot act twice.
    const keys = calls.map((call) => (call.init.headers as Record<string, string>)['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const busy = () => json(503, errorBody(503, 'service_unavailable'), { 'retry-after': '1' });
    const { fetch, calls } = scriptedFetch(busy(), busy(), busy());
    const done = client(fetch)
      .sessionPolicy.get()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await done).toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than the cap', async () => {
    const { fetch, calls } = scriptedFetch(
      json(429, errorBody(429, 'rate_limited'), { 'retry-after': '3600' }),
    );
    const error = await client(fetch)
      .sessionPolicy.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 3600 });
    expect(calls).toHaveLength(1);
  });

  it('never retries a PATCH after a 500: it may have been applied', async () => {
    const { fetch, calls } = scriptedFetch(json(500, errorBody(500, 'internal_error')));
    await expect(client(fetch).sessionPolicy.update({ sessionDurationSeconds: 3600 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(calls).toHaveLength(1);
  });

  it('does not retry client errors', async () => {
    const { fetch, calls } = scriptedFetch(json(404, errorBody(404, 'not_found')));
    await expect(client(fetch).scimConnections.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(1);
  });

  it('respects maxRetries per request', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('offline'));
    await expect(client(fetch).sessionPolicy.get({ maxRetries: 0 })).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fetch that never answers until its signal aborts, like a stalled connection. */
  const hangingFetch = (async (_url: string, init: RequestInit) =>
    new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as unknown as typeof fetch;

  it('throws ConnectionTimeoutError when no answer comes in time', async () => {
    const done = client(hangingFetch, { timeout: 1000, retry: { maxRetries: 0 } })
      .sessionPolicy.get()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await done;
    expect(error).toBeInstanceOf(ConnectionTimeoutError);
    expect(error).toBeInstanceOf(IdentityKitError);
  });

  it('throws UserAbortError when the caller aborts mid-request', async () => {
    const controller = new AbortController();
    const done = client(hangingFetch)
      .sessionPolicy.get({ signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await done).toBeInstanceOf(UserAbortError);
  });

  it('stops waiting between retries when aborted', async () => {
    const { fetch, calls } = scriptedFetch(
      json(503, errorBody(503, 'service_unavailable'), { 'retry-after': '30' }),
    );
    const controller = new AbortController();
    const done = client(fetch)
      .sessionPolicy.get({ signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await done).toBeInstanceOf(UserAbortError);
    expect(calls).toHaveLength(1);
  });

  it('does not send a request whose signal is already aborted', async () => {
    const { fetch, calls } = scriptedFetch();
    await expect(client(fetch).sessionPolicy.get({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      UserAbortError,
    );
    expect(calls).toHaveLength(0);
  });
});

describe('pagination', () => {
  const user = (id: string) => ({ id });
  const page = (ids: string[], nextCursor: string | null) =>
    json(200, { data: ids.map(user), nextCursor, totalCount: 5 });

  it('iterates every item across pages, carrying the filters', async () => {
    const { fetch, calls } = scriptedFetch(page(['a', 'b'], 'c2'), page(['c', 'd'], 'c4'), page(['e'], null));
    const ids: string[] = [];
    for await (const u of client(fetch).users.list({ status: 'active', limit: 2 })) ids.push(u.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((call) => new URL(call.url).search)).toEqual([
      '?status=active&limit=2',
      '?status=active&limit=2&cursor=c2',
      '?status=active&limit=2&cursor=c4',
    ]);
  });

  it('awaits to the first page, with the total and page controls', async () => {
    const { fetch } = scriptedFetch(page(['a', 'b'], 'c2'), page(['c'], null));
    const first = await client(fetch).users.list();
    expect(first.data.map((u) => u.id)).toEqual(['a', 'b']);
    expect(first.totalCount).toBe(5);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.hasNextPage()).toBe(false);
    await expect(second.getNextPage()).rejects.toThrow(/last page/);
  });
});

describe('deletes', () => {
  it('treats a 404 on a retried DELETE as done: the first attempt deleted it before its answer was lost', async () => {
    const { fetch, calls } = scriptedFetch(
      new TypeError('socket hang up'),
      json(404, errorBody(404, 'not_found')),
    );
    await expect(
      client(fetch, { retry: { baseDelayMs: 1 } }).scimConnections.delete('scim_1'),
    ).resolves.toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('still reports a 404 on the first attempt', async () => {
    const { fetch } = scriptedFetch(json(404, errorBody(404, 'not_found')));
    await expect(client(fetch).scimConnections.delete('scim_1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
