import { describe, expect, it } from 'vitest';
import { scenarios } from '../scenario';
import { apiFor } from '../testing/api';
import { manualClock, useIdentityServer } from '../testing/server';

const { start } = useIdentityServer();
const api = apiFor();

async function connect(body: object = { provider: 'okta' }) {
  const res = await api('POST', '/scim-connections', body);
  expect(res.status).toBe(201);
  return res.body as { connection: { id: string; token: { id: string } }; token: string };
}

describe('connecting a SCIM provider', () => {
  it('issues a base URL and a token shown once, then verifies when the IdP first calls', async () => {
    const [ws] = start({});
    const { connection, token } = await connect();
    expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(connection).toMatchObject({
      name: 'Okta',
      status: 'pending',
      baseUrl: `https://acme.example/scim/v2/ws_acme/${connection.id}`,
      settings: { deprovisionAction: 'suspend' },
      token: { hint: `…${token.slice(-4)}`, lastUsedAt: null },
      counts: { users: 0, groups: 0 },
    });
    const read = await api('GET', `/scim-connections/${connection.id}`);
    expect(read.text).not.toContain(token);

    ws?.simulateScimRequest(connection.id, { users: 5, groups: 2 });
    const after = await api('GET', `/scim-connections/${connection.id}`);
    expect(after.body).toMatchObject({
      status: 'active',
      lastUsedTokenId: connection.token.id,
      counts: { users: 5, groups: 2 },
    });
    expect(after.body.verifiedAt).not.toBeNull();
    const users = await api('GET', `/users?connectionId=${connection.id}`);
    expect(users.body.totalCount).toBe(5);
    expect(users.body.data[0].source).toMatchObject({ type: 'scim', connectionId: connection.id });
  });

  it('refuses providers that cannot push SCIM, and names the field', async () => {
    start({});
    const res = await api('POST', '/scim-connections', {
      provider: 'google_workspace',
      settings: { deprovisionAction: 'x' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fieldErrors).toEqual([
      {
        path: 'settings.deprovisionAction',
        code: 'not_allowed',
        message: 'Choose what happens to deprovisioned users: suspend or delete.',
        params: { allowed: 'suspend, delete' },
      },
    ]);
    const fixed = await api('POST', '/scim-connections', { provider: 'google_workspace' });
    expect(fixed.body.error.fieldErrors).toEqual([
      expect.objectContaining({ path: 'provider', code: 'not_allowed' }),
    ]);
  });

  it('records failed IdP requests newest first and rejects duplicate user names', async () => {
    const [ws] = start({});
    const { connection } = await connect();
    ws?.simulateScimRequest(connection.id, {
      error: { status: 400, scimType: 'invalidSyntax', message: 'Bad filter.' },
    });
    ws?.simulateScimRequest(connection.id, { users: [{ userName: 'ada@acme.test' }] });
    const { body } = await api('GET', `/scim-connections/${connection.id}`);
    expect(body.recentErrors.map((e: { status: number }) => e.status)).toEqual([409, 400]);
    expect(body.recentErrors[0]).toMatchObject({ scimType: 'uniqueness' });
  });

  it('suspends or deletes deprovisioned users per the settings', async () => {
    const [ws] = start({});
    const { connection } = await connect({ provider: 'entra_id', settings: { deprovisionAction: 'delete' } });
    const { users } = ws?.simulateScimRequest(connection.id, { users: 2 }) ?? { users: [] };
    ws?.simulateScimDeprovision(connection.id, users[0]?.id ?? '');
    expect((await api('GET', `/users/${users[0]?.id}`)).status).toBe(404);
    await api('PATCH', `/scim-connections/${connection.id}`, { settings: { deprovisionAction: 'suspend' } });
    ws?.simulateScimDeprovision(connection.id, users[1]?.id ?? '');
    expect((await api('GET', `/users/${users[1]?.id}`)).body.status).toBe('suspended');
  });

  it('keeps provisioned users after a disconnect', async () => {
    const [ws] = start({});
    const { connection } = await connect();
    ws?.simulateScimRequest(connection.id, { users: 3 });
    expect((await api('DELETE', `/scim-connections/${connection.id}`)).status).toBe(204);
    expect((await api('GET', `/scim-connections/${connection.id}`)).status).toBe(404);
    expect((await api('GET', `/users?connectionId=${connection.id}`)).body.totalCount).toBe(3);
  });

  it('verifies on its own with the autoVerify scenario, once its time has come', async () => {
    const clock = manualClock();
    start({ now: clock.now, scenario: scenarios.autoVerify });
    const { connection } = await connect();
    clock.advance(2999);
    expect((await api('GET', `/scim-connections/${connection.id}`)).body.status).toBe('pending');
    clock.advance(1);
    const { body } = await api('GET', `/scim-connections/${connection.id}`);
    expect(body).toMatchObject({ status: 'active', counts: { users: 12, groups: 3 } });
    expect(body.verifiedAt).toBe(new Date(clock.now()).toISOString());
  });
});

describe('rotating the token', () => {
  it('keeps both tokens valid until completed, and reports which one the IdP uses', async () => {
    const [ws] = start({});
    const { connection, token: oldToken } = await connect();
    ws?.simulateScimRequest(connection.id);
    const started = await api('POST', `/scim-connections/${connection.id}/token-rotation`);
    expect(started.status).toBe(201);
    const newTokenId = started.body.connection.rotation.newToken.id;
    expect(started.body.token).not.toBe(oldToken);
    expect((await api('POST', `/scim-connections/${connection.id}/token-rotation`)).body.error.code).toBe(
      'rotation_in_progress',
    );

    expect(() => ws?.simulateScimRequest('scim_nope')).toThrow(/no SCIM connection/);
    ws?.simulateScimRequest(connection.id, { token: 'new' });
    expect((await api('GET', `/scim-connections/${connection.id}`)).body.lastUsedTokenId).toBe(newTokenId);

    const completed = await api('POST', `/scim-connections/${connection.id}/token-rotation/complete`);
    expect(completed.body).toMatchObject({ rotation: null, token: { id: newTokenId } });
    expect(() => ws?.simulateScimRequest(connection.id, { token: 'new' })).toThrow(/no rotation in progress/);
    const again = await api('POST', `/scim-connections/${connection.id}/token-rotation/complete`);
    expect(again.body.error.code).toBe('no_rotation_in_progress');
  });

  it('refuses to complete while the IdP still uses the old token, unless forced', async () => {
    const [ws] = start({});
    const { connection } = await connect();
    ws?.simulateScimRequest(connection.id);
    const started = await api('POST', `/scim-connections/${connection.id}/token-rotation`);
    const complete = `/scim-connections/${connection.id}/token-rotation/complete`;

    const early = await api('POST', complete);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'new_token_unused',
      message: expect.stringMatching(/still uses the old token.*first, or force/),
    });
    const typo = await api('POST', complete, { forced: true, force: 'yes' });
    expect(typo.status).toBe(422);
    expect(typo.body.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['forced', 'force']);
    expect((await api('POST', complete, { force: false })).body.error.code).toBe('new_token_unused');
    expect((await api('GET', `/scim-connections/${connection.id}`)).body.rotation).not.toBeNull();

    const forced = await api('POST', complete, { force: true }, { 'Idempotency-Key': 'force-1' });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({
      rotation: null,
      token: { id: started.body.connection.rotation.newToken.id },
    });
    const replayed = await api('POST', complete, { force: true }, { 'Idempotency-Key': 'force-1' });
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true');
    const events = await api('GET', `/audit-events?action=scim_connection.token_rotation_completed`);
    expect(events.body.data[0].changes.force).toEqual({ from: null, to: true });
  });

  it('counts a deprovisioning sent with the new token as the IdP having switched', async () => {
    const [ws] = start({});
    const { connection } = await connect();
    const { users } = ws?.simulateScimRequest(connection.id, { users: 2 }) ?? { users: [] };
    const started = await api('POST', `/scim-connections/${connection.id}/token-rotation`);
    const newTokenId = started.body.connection.rotation.newToken.id;
    ws?.simulateScimRequest(connection.id, { token: 'new' });
    ws?.simulateScimDeprovision(connection.id, users[0]?.id ?? '', { token: 'new' });
    const read = await api('GET', `/scim-connections/${connection.id}`);
    expect(read.body.lastUsedTokenId).toBe(newTokenId);
    expect(read.body.rotation.newToken.lastUsedAt).toBe(read.body.lastRequestAt);
    expect((await api('POST', `/scim-connections/${connection.id}/token-rotation/complete`)).status).toBe(
      200,
    );

    ws?.simulateScimDeprovision(connection.id, users[1]?.id ?? '');
    expect((await api('GET', `/scim-connections/${connection.id}`)).body.lastUsedTokenId).toBe(newTokenId);
    expect(() => ws?.simulateScimDeprovision(connection.id, users[1]?.id ?? '', { token: 'new' })).toThrow(
      /no rotation in progress/,
    );
  });

  it('drops the new token on cancel', async () => {
    start({});
    const { connection } = await connect();
    await api('POST', `/scim-connections/${connection.id}/token-rotation`);
    const cancelled = await api('POST', `/scim-connections/${connection.id}/token-rotation/cancel`);
    expect(cancelled.body).toMatchObject({ rotation: null, token: { id: connection.token.id } });
    const events = await api('GET', `/audit-events?targetId=${connection.id}`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual([
      'scim_connection.token_rotation_cancelled',
      'scim_connection.token_rotation_started',
      'scim_connection.created',
    ]);
  });
});
