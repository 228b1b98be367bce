import type { ErrorBody } from '@identity-kit/sdk';
import type { ContractError } from '@identity-kit/sdk/contract';
import { HttpResponse } from 'msw';

export function replyWith(
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
) {
  const headers = { 'X-Request-Id': requestId, ...extra };
  if (status === 204) return new HttpResponse(null, { status, headers });
  return HttpResponse.json(body as Record<string, unknown>, { status, headers });
}

export function errorReply(error: ContractError, requestId: string) {
  const body: ErrorBody = {
    status: error.status,
    code: error.code,
    message: error.message,
    requestId,
    fieldErrors: error.fieldErrors,
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
  };
  const headers: Record<string, string> =
    error.retryAfter === undefined ? {} : { 'Retry-After': String(error.retryAfter) };
  return replyWith(error.status, { error: body }, requestId, headers);
}
