import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupIdentityServer } from './node';
import { apiFor } from './testing/api';
import { contractOperations, trackContract } from './testing/contract';

const { server, workspace } = setupIdentityServer({ seed: 'busy' });
const api = apiFor();
const contract = trackContract(server);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const okta = {
  authMethod: 'api_token',
  orgUrl: 'https://acme.okta.com',
  apiToken: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ',
};

describe('every mocked response matches openapi.yaml', () => {
  it('walks each operation through success', async () => {
    expect((await api('GET', '/providers')).status).toBe(200);
    expect((await api('GET', '/providers/okta')).status).toBe(200);

    const scim = await api('POST', '/scim-connections', { provider: 'okta' }, { 'Idempotency-Key': 'k1' });
    expect(scim.status).toBe(201);
    const scimId = scim.body.connection.id;
    expect((await api('GET', '/scim-connections')).status).toBe(200);
    expect((await api('GET', `/scim-connections/${scimId}`)).status).toBe(200);
    expect((await api('PATCH', `/scim-connections/${scimId}`, { name: 'Okta EU' })).status).toBe(200);
    expect((await api('POST', `/scim-connections/${scimId}/token-rotation`)).status).toBe(201);
    workspace.simulateScimRequest(scimId, { token: 'new' });
    expect((await api('POST', `/scim-connections/${scimId}/token-rotation/complete`)).status).toBe(200);
    expect((await api('POST', `/scim-connections/${scimId}/token-rotation`)).status).toBe(201);
    const forced = await api('POST', `/scim-connections/${scimId}/token-rotation/complete`, { force: true });
    expect(forced.status).toBe(200);
    expect((await api('POST', `/scim-connections/${scimId}/token-rotation`)).status).toBe(201);
    expect((await api('POST', `/scim-connections/${scimId}/token-rotation/cancel`)).status).toBe(200);
    expect((await api('DELETE', `/scim-connections/${scimId}`)).status).toBe(204);

    const dirs = await api('GET', '/directory-connections');
    expect(dirs.status).toBe(200);
    const seeded = dirs.body.data[0].id;
    const dir = await api('POST', '/directory-connections', { provider: 'okta', credentials: okta });
    expect(dir.status).toBe(201);
    expect((await api('GET', `/directory-connections/${dir.body.id}`)).status).toBe(200);
    expect(
      (await api('PATCH', `/directory-connections/${dir.body.id}`, { syncIntervalMinutes: 30 })).status,
    ).toBe(200);
    const run = await api('POST', `/directory-connections/${seeded}/syncs`);
    expect(run.status).toBe(202);
    expect((await api('GET', `/directory-connections/${seeded}/syncs?limit=2`)).status).toBe(200);
    expect((await api('GET', `/directory-connections/${seeded}/syncs/${run.body.id}`)).status).toBe(200);
    expect((await api('DELETE', `/directory-connections/${dir.body.id}`)).status).toBe(204);

    const users = await api('GET', '/users?limit=5&sourceType=scim&status=active&query=a');
    expect(users.status).toBe(200);
    expect((await api('GET', `/users/${users.body.data[0].id}`)).status).toBe(200);
    expect((await api('GET', '/groups?sourceType=directory')).status).toBe(200);
    expect((await api('GET', '/session-policy')).status).toBe(200);
    expect((await api('PATCH', '/session-policy', { sessionDurationSeconds: 43_200 })).status).toBe(200);
    expect((await api('GET', '/reauthentication')).status).toBe(200);
    expect((await api('POST', '/reauthentication', { keepCurrentSession: true })).status).toBe(201);
    expect((await api('GET', '/audit-events?action=session_policy.updated')).status).toBe(200);
  });

  it('walks the error cases', async () => {
    const statuses = async (calls: Array<Promise<{ status: number }>>) =>
      (await Promise.all(calls)).map((r) => r.status);

    expect(
      await statuses([api('POST', '/scim-connections', '{not json'), api('PATCH', '/session-policy', '[]')]),
    ).toEqual([400, 400]);
    expect(
      await statuses([
        api('GET', '/providers/nope'),
        api('GET', '/scim-connections/scim_nope'),
        api('GET', '/directory-connections/dir_nope/syncs/run_nope'),
        api('GET', '/users/usr_nope'),
      ]),
    ).toEqual([404, 404, 404, 404]);
    expect(
      await statuses([
        api('POST', '/scim-connections', { provider: 'google_workspace' }),
        api('POST', '/directory-connections', {
          provider: 'okta',
          credentials: { orgUrl: 'nope', extra: 'x' },
        }),
        api('PATCH', '/session-policy', { sessionDurationSeconds: 60 }),
        api('POST', '/reauthentication', {}),
        api('GET', '/users?limit=500'),
        api('GET', '/audit-events?action=nope'),
      ]),
    ).toEqual([422, 422, 422, 422, 422, 422]);

    const scim = await api('POST', '/scim-connections', { provider: 'entra_id' });
    const id = scim.body.connection.id;
    await api('POST', `/scim-connections/${id}/token-rotation`);
    const dir = await api('POST', '/directory-connections', { provider: 'okta', credentials: okta });
    expect(
      await statuses([
        api('POST', `/scim-connections/${id}/token-rotation`),
        api('POST', `/scim-connections/${id}/token-rotation/cancel`).then(() =>
          api('POST', `/scim-connections/${id}/token-rotation/complete`),
        ),
        api('POST', `/directory-connections/${dir.body.id}/syncs`),
      ]),
    ).toEqual([409, 409, 409]);
    await api('POST', `/scim-connections/${id}/token-rotation`);
    expect(
      await statuses([
        api('POST', `/scim-connections/${id}/token-rotation/complete`),
        api('POST', `/scim-connections/${id}/token-rotation/complete`, { force: 'yes' }),
        api('POST', '/directory-connections', {
          provider: 'okta',
          credentials: { ...okta, apiToken: 'x'.repeat(70_000) },
        }),
      ]),
    ).toEqual([409, 422, 413]);

    workspace.setScenario({ rateLimit: { retryAfterSeconds: 2, times: 1 } });
    expect((await api('GET', '/users')).status).toBe(429);
    workspace.setScenario({ failure: { status: 500, times: 1 } });
    expect((await api('GET', '/session-policy')).status).toBe(500);
    workspace.setScenario({ failure: { status: 503, times: 1, retryAfterSeconds: 5 } });
    expect((await api('DELETE', `/scim-connections/${id}`)).status).toBe(503);
    workspace.setScenario({ role: 'member' });
    expect((await api('GET', '/groups')).status).toBe(403);
    workspace.setScenario({ role: 'anonymous' });
    expect((await api('GET', '/audit-events')).status).toBe(401);
    workspace.resetScenario();
    expect((await apiFor('ws_other')('GET', '/providers')).status).toBe(403);
  });

  it('exercised every operation of the contract, and no response broke it', async () => {
    expect(await contract.flush()).toEqual([]);
    expect([...contract.succeeded].sort()).toEqual(contractOperations().sort());
  });
});
