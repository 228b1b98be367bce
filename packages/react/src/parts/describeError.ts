import type { APIError } from '@identity-kit/sdk';
import type { commonMessages } from '../i18n/en/common';
import type { Params } from '../i18n/format';

type CommonT = (key: keyof typeof commonMessages, params?: Params) => string;

// Errors are told apart by the SDK's `status` and class `name` rather than `instanceof`: importing the SDK's
// error classes would put them into every component's bundle, and the dialog-only entry has no room for them.
type Failure = Partial<Pick<APIError, 'status' | 'retryAfter' | 'fieldErrors' | 'requestId'>> & Error;

/** What to tell an admin about a failed request, in their language where the kit knows the case. */
export function describeError(error: unknown, t: CommonT): { message: string; retryable: boolean } {
  const { status, name, message, retryAfter, fieldErrors } = error as Failure;
  if (status === 403) return { message: t('forbidden'), retryable: false };
  if (status === 401) return { message: t('signedOut'), retryable: false };
  if (status === 429) return { message: t('rateLimited', { count: retryAfter ?? 1 }), retryable: true };
  if (status === undefined && name?.startsWith('Connection')) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return { message: t(offline ? 'offline' : 'unreachable'), retryable: true };
  }
  if (status === 422 && fieldErrors?.length)
    return { message: t('fixFields', { count: fieldErrors.length }), retryable: false };
  // The server's own sentence for what the kit has no words of its own for (a conflict, say).
  if (status !== undefined && status < 500) return { message, retryable: false };
  return { message: t('failed'), retryable: true };
}

/** The request id to quote to support, when the server sent one. */
export function requestIdOf(error: unknown): string | undefined {
  return (error as Failure | null)?.requestId;
}
