import type { ErrorBody, FieldError } from '../schema';

/** The base of every error this SDK throws; `instanceof IdentityKitError` catches them all. */
export class IdentityKitError extends Error {
  override name = 'IdentityKitError';
}

/** The server answered with an error status; carries the contract's error body. */
export class APIError extends IdentityKitError {
  override name = 'APIError';
  /** The HTTP status. */
  readonly status: number;
  /** The stable machine code, e.g. `validation_failed` or `rotation_in_progress`. */
  readonly code: string;
  /** Which request fields were wrong, as dotted paths into the request body. */
  readonly fieldErrors: FieldError[];
  /** The server's request id: quote it to support. */
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again (429, 503), from `Retry-After`. */
  readonly retryAfter: number | undefined;
  readonly headers: Headers;

  constructor(status: number, body: Partial<ErrorBody> | undefined, headers: Headers) {
    super(body?.message ?? `The identity API answered HTTP ${status}.`);
    this.status = status;
    this.code = body?.code ?? 'unknown';
    this.fieldErrors = body?.fieldErrors ?? [];
    this.requestId = body?.requestId ?? headers.get('x-request-id') ?? undefined;
    this.retryAfter = body?.retryAfter ?? parseRetryAfter(headers.get('retry-after'));
    this.headers = headers;
  }

  /** The error for one request field (e.g. `credentials.apiToken`), to show beside that field. */
  fieldError(path: string): FieldError | undefined {
    return this.fieldErrors.find((e) => e.path === path);
  }
}

/** 400: the request was malformed (e.g. invalid JSON). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
/** 401: nobody is signed in, or the session ended. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
/** 403: the caller is not an admin or owner of this workspace. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
/** 404: no such connection, user or run in this workspace. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/** 409: the request conflicts with the current state (`rotation_in_progress`, `sync_in_progress`, …). */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
/** 422: a field was invalid; see `fieldErrors`. */
export class ValidationError extends APIError {
  override name = 'ValidationError';
}
/** 429: too many requests; `retryAfter` says for how long to wait. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** The request never got an answer: offline, DNS, refused connection, CORS. */
export class ConnectionError extends IdentityKitError {
  override name = 'ConnectionError';
  constructor(message = 'Could not reach the identity API.', options?: { cause?: unknown }) {
    super(message, options);
  }
}
/** No answer within the client's `timeout`. */
export class ConnectionTimeoutError extends ConnectionError {
  override name = 'ConnectionTimeoutError';
  constructor() {
    super('The identity API did not answer in time.');
  }
}
/** The caller's `AbortSignal` cancelled the request. */
export class UserAbortError extends IdentityKitError {
  override name = 'UserAbortError';
  constructor() {
    super('The request was aborted.');
  }
}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: ValidationError,
  429: RateLimitError,
};

/** The one place that turns an error response into its typed error. */
export function makeAPIError(status: number, body: unknown, headers: Headers): APIError {
  const error = (body as { error?: Partial<ErrorBody> } | undefined)?.error;
  const Class = byStatus[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new Class(status, error && typeof error === 'object' ? error : undefined, headers);
}

/** `Retry-After` as whole seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
