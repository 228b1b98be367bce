import type { FieldError } from '../schema';

/**
 * A request the contract refuses, thrown by whatever implements the API (the reference server, the mocks) and
 * turned into the contract's error body: `{"error": {status, code, message, fieldErrors, requestId}}`.
 */
export class ContractError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export const badRequest = (message: string) => new ContractError(400, 'bad_request', message);

export const unauthenticated = (message: string) => new ContractError(401, 'unauthenticated', message);

export const forbidden = (message: string) => new ContractError(403, 'forbidden', message);

export const notFound = (message: string) => new ContractError(404, 'not_found', message);

export const conflict = (code: string, message: string) => new ContractError(409, code, message);

export const payloadTooLarge = (message: string) => new ContractError(413, 'payload_too_large', message);

/** One field's message as is; several as "2 fields need attention: …" followed by each message. */
export const validationFailed = (fieldErrors: FieldError[]) =>
  new ContractError(
    422,
    'validation_failed',
    fieldErrors.length === 1
      ? (fieldErrors[0] as FieldError).message
      : `${fieldErrors.length} fields need attention: ${fieldErrors.map((e) => e.message).join(' ')}`,
    fieldErrors,
  );
