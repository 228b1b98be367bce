import { describe, expect, it } from 'vitest';
import { apiFor } from '../testing/api';
import { useIdentityServer } from '../testing/server';

const { start } = useIdentityServer();
const api = apiFor();

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body', async () => {
    start({});
    const first = await api('POST', '/scim-connections', { provider: 'okta' }, { 'Idempotency-Key': 'abc' });
    const retry = await api('POST', '/scim-connections', { provider: 'okta' }, { 'Idempotency-Key': 'abc' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.headers.get('X-Request-Id')).not.toBe(first.headers.get('X-Request-Id'));
    expect((await api('GET', '/scim-connections')).body.data).toHaveLength(1);
  });

  it('refuses the same key with another body', async () => {
    start({});
    await api('POST', '/scim-connections', { provider: 'okta' }, { 'Idempotency-Key': 'abc' });
    const reused = await api(
      'POST',
      '/scim-connections',
      { provider: 'entra_id' },
      { 'Idempotency-Key': 'abc' },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('lets a failed request be retried with the same key', async () => {
    const [ws] = start({});
    ws?.setScenario({ failure: { status: 503, times: 1 } });
    const failed = await api(
      'POST',
      '/reauthentication',
      { keepCurrentSession: true },
      { 'Idempotency-Key': 'k' },
    );
    expect(failed.status).toBe(503);
    const retried = await api(
      'POST',
      '/reauthentication',
      { keepCurrentSession: true },
      { 'Idempotency-Key': 'k' },
    );
    expect(retried.status).toBe(201);
  });
});
