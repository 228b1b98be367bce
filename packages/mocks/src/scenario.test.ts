import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarios } from './scenario';
import { apiFor } from './testing/api';
import { useIdentityServer } from './testing/server';

const { start } = useIdentityServer();
const api = apiFor();

afterEach(() => vi.useRealTimers());

describe('scenarios', () => {
  it('forbidden: members are refused everything, with a reason', async () => {
    start({ scenario: scenarios.forbidden });
    const res = await api('GET', '/providers');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/admins and owners/),
    });
  });

  it('signedOut: 401', async () => {
    start({ scenario: scenarios.signedOut });
    expect((await api('GET', '/users')).body.error.code).toBe('unauthenticated');
  });

  it('rateLimited: three 429s with Retry-After 2, then OK', async () => {
    start({ scenario: scenarios.rateLimited });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await api('GET', '/session-policy');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('Retry-After')).toBe('2');
        expect(res.body.error.retryAfter).toBe(2);
      }
    }
    expect(statuses).toEqual([429, 429, 429, 200]);
    expect(scenarios.rateLimited.rateLimit.times).toBe(3);
  });

  it('rateLimited: says how long to wait in correct English', async () => {
    const [ws] = start({ scenario: { rateLimit: { retryAfterSeconds: 1, times: 1 } } });
    expect((await api('GET', '/users')).body.error.message).toBe('Too many requests. Try again in 1 second.');
    ws?.setScenario({ failure: { status: 503, times: 1, retryAfterSeconds: 1 } });
    expect((await api('GET', '/users')).body.error.message).toMatch(/Try again in 1 second\.$/);
  });

  it('failure: only the listed operations fail, as many times as asked', async () => {
    const [ws] = start({});
    ws?.setScenario({ failure: { status: 502, times: 2, operations: ['listUsers'] } });
    expect((await api('GET', '/groups')).status).toBe(200);
    expect((await api('GET', '/users')).status).toBe(502);
    expect((await api('GET', '/users')).status).toBe(502);
    expect((await api('GET', '/users')).status).toBe(200);
  });

  it('unavailable and serverError fail every request until reset', async () => {
    const [ws] = start({ scenario: scenarios.unavailable });
    const res = await api('GET', '/providers');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('30');
    ws?.setScenario(scenarios.serverError);
    expect((await api('GET', '/providers')).body.error.code).toBe('internal_error');
    ws?.resetScenario();
    expect((await api('GET', '/providers')).status).toBe(200);
  });

  it('slow: answers after the latency', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    start({ scenario: scenarios.slow });
    let done = false;
    const pending = api('GET', '/session-policy').then((res) => {
      done = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(1400);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).status).toBe(200);
  });

  it('offline: no answer at all, as a dropped network; back once reset', async () => {
    const [ws] = start({ scenario: scenarios.offline });
    await expect(api('GET', '/session-policy')).rejects.toThrow(TypeError);
    ws?.resetScenario();
    expect((await api('GET', '/session-policy')).status).toBe(200);
  });

  it('checks the role before anything else, and the workspace before injected failures', async () => {
    const [ws] = start({ scenario: { ...scenarios.forbidden, ...scenarios.rateLimited } });
    expect((await api('GET', '/users')).status).toBe(403);
    ws?.setScenario({ role: 'owner' });
    const other = await apiFor('ws_other')('GET', '/users');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(
      /not an admin or owner of this workspace.*Ask an admin or owner of that workspace/,
    );
    expect((await api('GET', '/users')).status).toBe(429);
  });
});
