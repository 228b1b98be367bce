import type { FieldError } from '@identity-kit/sdk';

/** Thrown by operations and checks; the pipeline turns it into the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

export const unauthenticated = (message: string) => new ApiError(401, 'unauthenticated', message);

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export const conflict = (code: string, message: string) => new ApiError(409, code, message);

export const payloadTooLarge = (message: string) => new ApiError(413, 'payload_too_large', message);

/** One field's message as is; several as "2 fields need attention: …" followed by each message. */
export const validationFailed = (fieldErrors: FieldError[]) =>
  new ApiError(
    422,
    'validation_failed',
    fieldErrors.length === 1
      ? (fieldErrors[0] as FieldError).message
      : `${fieldErrors.length} fields need attention: ${fieldErrors.map((e) => e.message).join(' ')}`,
    fieldErrors,
  );
