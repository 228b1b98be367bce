// Idempotency-Key on creating requests: a retry with the same key gets the first answer, not a second effect.
import { badRequest, conflict } from './contract-error';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The replay key's scope: the same key on another operation or with another body is a reuse. */
export function fingerprint(request: Request, bodyText: string): string {
  return `${request.method} ${new URL(request.url).pathname}\n${bodyText}`;
}

export function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
  if (key !== undefined && (key.length === 0 || key.length > 255)) {
    throw badRequest('The Idempotency-Key header must be 1 to 255 characters long.');
  }
  return key;
}

/** The same key with another operation or body. */
export const idempotencyKeyReused = () =>
  conflict(
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different request. Use a new key for each new request.',
  );
