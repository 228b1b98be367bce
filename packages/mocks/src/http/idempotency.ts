import { idempotencyKeyReused } from '@identity-kit/sdk/contract';
import type { MockWorkspace } from '../workspace';

export interface StoredReply {
  status: number;
  body: unknown;
}

export function replay(ws: MockWorkspace, key: string, print: string): StoredReply | undefined {
  const stored = ws.state.idempotency.get(key);
  if (!stored) return undefined;
  if (stored.fingerprint !== print) {
    throw idempotencyKeyReused();
  }
  return stored;
}

/** Only successes are kept, so a request that failed can be retried with the same key. */
export function remember(ws: MockWorkspace, key: string, print: string, reply: StoredReply): void {
  if (reply.status < 300) ws.state.idempotency.set(key, { fingerprint: print, ...reply });
}
