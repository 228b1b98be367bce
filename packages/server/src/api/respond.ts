// The admin API's answers: JSON bodies, and every failure in the contract's one error shape.
import { ContractError, encodeCursor } from '@identity-kit/sdk/contract';

export interface Reply {
  status: number;
  body?: unknown;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

const headers = (requestId: string, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-request-id': requestId,
  ...extra,
});

export function toResponse(reply: Reply, requestId: string, extra?: Record<string, string>): Response {
  if (reply.status === 204) return new Response(null, { status: 204, headers: headers(requestId, extra) });
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: headers(requestId, extra),
  });
}

/** `{"error": {status, code, message, fieldErrors, requestId, retryAfter?}}`, with Retry-After when it applies. */
export function errorResponse(error: ContractError, requestId: string): Response {
  const body = {
    error: {
      status: error.status,
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      requestId,
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    },
  };
  const extra: Record<string, string> =
    error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) };
  return toResponse({ status: error.status, body }, requestId, extra);
}

export const internalError = () =>
  new ContractError(
    500,
    'internal_error',
    'Something went wrong on our side. Try again; if it keeps happening, contact support with the request ID.',
  );

/**
 * One page of a list, from `limit + 1` records read in order: the extra one only says that more follow, and the
 * cursor holds the last item shown, so the next page starts strictly after it.
 */
export function page<T>(
  list: string,
  records: T[],
  limit: number,
  totalCount: number,
  position: (item: T) => { sort: string; id: string },
) {
  const data = records.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: records.length > limit && last ? encodeCursor(list, position(last)) : null,
    totalCount,
  };
}
