import { describe, expect, it } from 'vitest';
import { validateResponse } from './contract';

const url = 'https://app.test/api/identity/workspaces/ws_acme/session-policy';
const headers = (extra: Record<string, string> = {}) =>
  new Headers({ 'X-Request-Id': 'req_000001', ...extra });

describe('validateResponse', () => {
  it('catches a body that breaks the schema', () => {
    const result = validateResponse(
      'GET',
      url,
      200,
      JSON.stringify({ sessionDurationSeconds: '1h' }),
      headers(),
    );
    expect(result.operationId).toBe('getSessionPolicy');
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('catches an error without Retry-After or request id', () => {
    const body = JSON.stringify({
      error: {
        status: 429,
        code: 'rate_limited',
        message: 'Slow down.',
        requestId: 'req_1',
        fieldErrors: [],
      },
    });
    expect(validateResponse('GET', url, 429, body, headers()).errors).toEqual([
      '429 without an integer Retry-After',
    ]);
    expect(validateResponse('GET', url, 429, body, new Headers({ 'Retry-After': '2' })).errors).toEqual([
      'missing X-Request-Id',
    ]);
  });

  it('knows unknown routes and bodies on 204', () => {
    expect(
      validateResponse('GET', 'https://app.test/api/identity/nope', 200, '', headers()).operationId,
    ).toBeNull();
    const del = 'https://app.test/api/identity/workspaces/ws_acme/scim-connections/scim_1';
    expect(validateResponse('DELETE', del, 204, '{}', headers()).errors).toEqual([
      'status 204 must have an empty body',
    ]);
  });
});
