import {
  APIError,
  ConnectionError,
  ConnectionTimeoutError,
  IdentityKitError,
  makeAPIError,
  UserAbortError,
} from '../core/errors';
import { isIdempotent, isRetryable, type RetryPolicy, retryDelay } from './retry';
import { sleep } from './sleep';

export type HeadersProvider =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);
export type AccessTokenProvider =
  | string
  | (() => string | null | undefined | Promise<string | null | undefined>);

/** The resolved client options every request reads. */
export interface RequestConfig {
  baseUrl: string;
  accessToken: AccessTokenProvider | undefined;
  credentials: RequestCredentials | undefined;
  fetch: typeof fetch | undefined;
  timeout: number;
  retry: RetryPolicy;
  headers: HeadersProvider | undefined;
}

/** Options every SDK method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the request, including any wait between retries. */
  signal?: AbortSignal;
  /** Milliseconds per attempt; overrides the client's `timeout`. */
  timeout?: number;
  /** Overrides the client's `retry.maxRetries`. */
  maxRetries?: number;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
  /** For POSTs; one is generated when absent, and kept across retries. */
  idempotencyKey?: string;
}

export interface RequestInit {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: object | undefined;
  body?: unknown;
}

export async function request<T>(
  config: RequestConfig,
  init: RequestInit,
  options: RequestOptions = {},
): Promise<T> {
  const { method } = init;
  const idempotencyKey = options.idempotencyKey ?? (method === 'POST' ? newIdempotencyKey() : undefined);
  const idempotent = isIdempotent(method, idempotencyKey !== undefined);
  const maxRetries = options.maxRetries ?? config.retry.maxRetries;
  const url = config.baseUrl.replace(/\/+$/, '') + init.path + toQueryString(init.query);

  for (let retry = 0; ; retry++) {
    const headers = await buildHeaders(config, options, init.body !== undefined, idempotencyKey);
    let status: number | undefined;
    let error: APIError | ConnectionError;
    try {
      const { response, text } = await attempt(config, url, method, headers, init.body, options);
      if (response.ok) return parseBody<T>(text, response.status);
      status = response.status;
      // An earlier attempt may have deleted it before its answer was lost: the resource is gone, as asked.
      if (status === 404 && method === 'DELETE' && retry > 0) return undefined as T;
      error = makeAPIError(status, safeJson(text), response.headers);
    } catch (caught) {
      if (!(caught instanceof ConnectionError)) throw caught;
      error = caught;
    }
    const retryAfter = error instanceof APIError ? error.retryAfter : undefined;
    const waitable = retryAfter === undefined || retryAfter * 1000 <= config.retry.maxRetryAfterMs;
    if (retry >= maxRetries || !waitable || !isRetryable(idempotent, status)) throw error;
    await sleep(retryDelay(config.retry, retry, retryAfter), options.signal);
  }
}

/** One fetch, with the body read inside the timeout, and failures mapped to typed errors. */
async function attempt(
  config: RequestConfig,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
  options: RequestOptions,
): Promise<{ response: Response; text: string }> {
  const { signal } = options;
  if (signal?.aborted) throw new UserAbortError();
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeout ?? config.timeout);
  try {
    // Looked up at call time, not import time, so test doubles and MSW's patch apply.
    const fetchImpl = config.fetch ?? globalThis.fetch;
    const init: globalThis.RequestInit = {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    };
    // Only when asked: some edge runtimes (Cloudflare Workers) throw on any `credentials` field.
    if (config.credentials) init.credentials = config.credentials;
    const response = await fetchImpl(url, init);
    return { response, text: await response.text() };
  } catch (cause) {
    if (signal?.aborted) throw new UserAbortError();
    if (timedOut) throw new ConnectionTimeoutError();
    throw new ConnectionError(undefined, { cause });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

async function buildHeaders(
  config: RequestConfig,
  options: RequestOptions,
  hasBody: boolean,
  idempotencyKey: string | undefined,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const token = typeof config.accessToken === 'function' ? await config.accessToken() : config.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  const extra = typeof config.headers === 'function' ? await config.headers() : config.headers;
  for (const source of [extra, options.headers]) {
    for (const [name, value] of Object.entries(source ?? {})) headers[name.toLowerCase()] = value;
  }
  return headers;
}

function parseBody<T>(text: string, status: number): T {
  if (status === 204 || text === '') return undefined as T;
  const body = safeJson(text);
  if (body === undefined)
    throw new IdentityKitError(`The identity API answered HTTP ${status} with a body that is not JSON.`);
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toQueryString(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const string = params.toString();
  return string ? `?${string}` : '';
}

function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere (browsers, Node 20, edge runtimes).
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
