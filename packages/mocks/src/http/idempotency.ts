import { badRequest, conflict } from '@identity-kit/sdk/contract';
import type { MockWorkspace } from '../workspace';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface StoredReply {
  status: number;
  body: unknown;
}

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

export function replay(ws: MockWorkspace, key: string, print: string): StoredReply | undefined {
  const stored = ws.state.idempotency.get(key);
  if (!stored) return undefined;
  if (stored.fingerprint !== print) {
    throw conflict(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request. Use a new key for each new request.',
    );
  }
  return stored;
}

/** Only successes are kept, so a request that failed can be retried with the same key. */
export function remember(ws: MockWorkspace, key: string, print: string, reply: StoredReply): void {
  if (reply.status < 300) ws.state.idempotency.set(key, { fingerprint: print, ...reply });
}
