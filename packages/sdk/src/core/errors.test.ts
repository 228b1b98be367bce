import { scenarios } from '@identity-kit/mocks';
import { describe, expect, it } from 'vitest';
import { useMockApi } from '../testing/mock-api';
import { AuthenticationError, InternalServerError, PermissionDeniedError, RateLimitError } from './errors';

const start = useMockApi([]);

describe('errors from the API, as an admin meets them', () => {
  it('a member who is not an admin gets PermissionDeniedError saying who may do it', async () => {
    const { identity } = start({ scenario: scenarios.forbidden });
    const error = await identity.sessionPolicy.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect((error as Error).message).toMatch(/admin|owner/i);
    expect((error as PermissionDeniedError).requestId).toMatch(/^req_/);
  });

  it('another workspace is off limits', async () => {
    const { identity } = start({}, { workspaceId: 'ws_other' });
    await expect(identity.users.list()).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('signed out: AuthenticationError', async () => {
    const { identity } = start({ scenario: scenarios.signedOut });
    await expect(identity.sessionPolicy.get()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('a rate limit the client outlasts is invisible to the caller', async () => {
    const { identity } = start({ scenario: { rateLimit: { retryAfterSeconds: 0, times: 2 } } });
    await expect(identity.sessionPolicy.get()).resolves.toMatchObject({ sessionDurationSeconds: 86400 });
  });

  it('a rate limit it cannot outlast surfaces with its Retry-After', async () => {
    const { identity } = start(
      { scenario: { rateLimit: { retryAfterSeconds: 0, times: 5 } } },
      { retry: { maxRetries: 1 } },
    );
    const error = await identity.sessionPolicy.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 0, code: 'rate_limited' });
  });

  it('a server failure surfaces after the retries as InternalServerError', async () => {
    const { identity } = start(
      { scenario: scenarios.serverError },
      { retry: { maxRetries: 1, baseDelayMs: 1 } },
    );
    await expect(identity.providers.list()).rejects.toBeInstanceOf(InternalServerError);
  });
});
