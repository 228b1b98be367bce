// Calling a provider's API politely, for every connector: 429 waits for Retry-After (or Okta's
// X-Rate-Limit-Reset), a spent rate-limit window is waited out before the next call, 5xx and network failures
// back off exponentially, and persistent failure ends in one clear DirectoryError. Redirects are not followed: an
// address checked to be public (public-host.ts) could otherwise send the request, credentials and all, elsewhere.
import { DirectoryError } from './connector';

export interface ProviderHttpOptions {
  /** The provider's name, for messages: "Okta kept answering HTTP 503 …". */
  provider: string;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Retries after a 429, a 5xx or a network failure. Default 5. */
  maxRetries?: number;
  /** The longest single wait the provider may ask for before we give up instead. Default 60 s. */
  maxWaitMs?: number;
  /**
   * The longest one attempt may take, its body included; then it counts as a network failure. Default 60 s. A
   * provider that stalls, or trickles its answer, then fails the run (which frees it) instead of holding it.
   */
  attemptTimeoutMs?: number;
  now?: () => number;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** Milliseconds the provider asks us to wait, from Retry-After (seconds or a date) or X-Rate-Limit-Reset. */
export function requestedWait(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

export function createProviderHttp(options: ProviderHttpOptions) {
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;

  /** One request, retried as the provider allows; any other answer (2xx, 4xx) is returned as is. */
  return async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const signal = init.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure = 'failed';
      try {
        const deadline = AbortSignal.timeout(attemptTimeoutMs);
        response = await (options.fetch ?? globalThis.fetch)(url, {
          ...init,
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        failure = `could not be reached (${error instanceof Error ? error.message : String(error)})`;
      }
      if (response) {
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel();
          const to = response.headers.get('location');
          throw new DirectoryError(
            'bad_response',
            `${options.provider} redirected the request${to ? ` to ${to}` : ''}, and provider APIs are not followed across redirects. Check the address entered for ${options.provider}.`,
            response.status,
          );
        }
        const throttled = response.status === 429;
        if (!throttled && response.status < 500) {
          // A window with no requests left: wait it out now rather than be refused next time.
          if (response.headers.get('x-rate-limit-remaining') === '0') {
            const until = requestedWait(response.headers, now());
            if (until !== undefined && until <= maxWaitMs) await wait(until, signal);
          }
          return response;
        }
        failure = `kept answering HTTP ${response.status}${throttled ? ' (too many requests)' : ''}`;
        const asked = requestedWait(response.headers, now());
        if (attempt < maxRetries && (asked === undefined || asked <= maxWaitMs)) {
          await response.body?.cancel();
          await wait(asked ?? backoff(attempt), signal);
          continue;
        }
      } else if (attempt < maxRetries) {
        await wait(backoff(attempt), signal);
        continue;
      }
      throw new DirectoryError(
        'unavailable',
        `${options.provider} ${failure} after ${attempt + 1} attempts. Nothing more was changed; the sync will try again at its next run.`,
        response?.status,
      );
    }
  };
}

/** 0.5 s, 1 s, 2 s, … up to 8 s, with a quarter of jitter either way. */
function backoff(attempt: number): number {
  const base = Math.min(8000, 500 * 2 ** attempt);
  return base * (0.75 + Math.random() * 0.5);
}

export type ProviderHttp = ReturnType<typeof createProviderHttp>;

/** How a connector authenticates its calls: the header now, and whether a refused token can be fetched again. */
export interface ProviderAuth {
  header(signal?: AbortSignal): Promise<string>;
  /** Forgets the token, so the next `header()` fetches a new one; absent for fixed keys (Okta's API token). */
  forget?: () => void;
}

/**
 * An OAuth access token, fetched when first needed and reused until `marginMs` before it expires (`expiresIn` in
 * seconds, an hour when the provider leaves it out); `forget` makes the next call fetch a new one.
 */
export function cachedAccessToken(
  fetchToken: (
    signal?: AbortSignal,
  ) => Promise<{ accessToken: string; expiresIn?: number | string | undefined }>,
  marginMs: number,
): Required<ProviderAuth> & { token(signal?: AbortSignal): Promise<string> } {
  let cached: { value: string; expiresAt: number } | undefined;
  const token = async (signal?: AbortSignal) => {
    if (cached && Date.now() < cached.expiresAt) return cached.value;
    const fresh = await fetchToken(signal);
    const lifetime = Number(fresh.expiresIn ?? 3599) * 1000;
    cached = { value: fresh.accessToken, expiresAt: Date.now() + Math.max(0, lifetime - marginMs) };
    return cached.value;
  };
  return {
    token,
    header: async (signal) => `Bearer ${await token(signal)}`,
    forget: () => {
      cached = undefined;
    },
  };
}

/**
 * A JSON GET with the connector's authorization. A 401 gets one fresh token first (an access token revoked or
 * expired early); whatever comes then is the caller's to read, errors included.
 */
export async function authorizedGet(
  request: ProviderHttp,
  url: string,
  auth: ProviderAuth,
  signal?: AbortSignal,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await request(url, {
      headers: { accept: 'application/json', authorization: await auth.header(signal) },
      signal,
    });
    if (response.status !== 401 || attempt > 0 || !auth.forget) return response;
    await response.body?.cancel();
    auth.forget();
  }
}
