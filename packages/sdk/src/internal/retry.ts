/** How the client retries. Every field has a default; see `defaultRetryPolicy`. */
export interface RetryPolicy {
  /** Retries after the first attempt. 0 turns retrying off. */
  maxRetries: number;
  /** The first backoff; doubled on each retry. */
  baseDelayMs: number;
  /** The longest computed backoff. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/**
 * Whether a failed attempt may be sent again. Idempotent requests (GET, PUT, DELETE, or a POST with an
 * idempotency key) retry on connection failures and transient statuses; other requests only when the server
 * said it did not process them (429, 503).
 */
export function isRetryable(idempotent: boolean, status: number | undefined): boolean {
  if (status === 429 || status === 503) return true;
  if (!idempotent) return false;
  return status === undefined || status === 408 || status === 500 || status === 502 || status === 504;
}

/** The wait before retry number `retry` (0-based): `Retry-After` when given, else backoff with jitter. */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterSeconds: number | undefined,
): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
  const backoff = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  // Up to 25% less, so clients that failed together do not retry together.
  return backoff * (1 - Math.random() * 0.25);
}

/** The contract honours `Idempotency-Key` on POST only, so a key makes only a POST safe to repeat. */
export function isIdempotent(method: string, hasIdempotencyKey: boolean): boolean {
  return (
    method === 'GET' || method === 'PUT' || method === 'DELETE' || (method === 'POST' && hasIdempotencyKey)
  );
}
