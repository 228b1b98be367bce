import {
  AuthenticationError,
  ConflictError,
  PermissionDeniedError,
  ValidationError,
} from '@identity-kit/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdpSimulator } from '../simulator/idp-simulator';
import type { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { createTestWorkspace, ORIGIN, type TestWorkspace } from '../testing/test-workspace';

let t: TestWorkspace;
afterEach(async () => {
  expect(t.violations).toEqual([]);
  await t.server.close();
});

/** The identity provider, pushing to the server's SCIM endpoint through its handler. */
const idp = (baseUrl: string, token: string, provider: 'okta' | 'entra_id' = 'okta') =>
  createIdpSimulator({
    baseUrl,
    token,
    provider,
    fetch: async (input, init) => t.server.fetch(new Request(input, init)),
  });

describe('the admin API', () => {
  it('connects Okta: a base URL and a token shown once, pending until Okta calls, then its users listed', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const { connection, token } = await admin.scimConnections.create({ provider: 'okta' });
    expect(connection).toMatchObject({ name: 'Okta', status: 'pending', counts: { users: 0, groups: 0 } });
    expect(connection.baseUrl).toBe(`${ORIGIN}/scim/v2/ws_acme/${connection.id}`);
    expect(JSON.stringify(await admin.scimConnections.get(connection.id))).not.toContain(token);

    const report = await idp(connection.baseUrl, token).provision({ users: 3, groups: 1 });
    expect(report).toMatchObject({ created: 3, groups: 1 });
    const verified = await admin.scimConnections.get(connection.id);
    expect(verified).toMatchObject({ status: 'active', counts: { users: 3, groups: 1 } });
    expect(verified.verifiedAt).not.toBeNull();

    const users = await admin.users.list({ connectionId: connection.id });
    expect(users.totalCount).toBe(3);
    expect(users.data.map((u) => u.source)).toEqual(
      Array(3).fill(expect.objectContaining({ type: 'scim', connectionId: connection.id })),
    );
    const groups = await admin.groups.list({ connectionId: connection.id });
    expect(groups.data[0]).toMatchObject({ memberCount: 3 });
  });

  it('rotates the token with an overlap, and refuses to retire the old one until the IdP switched', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const { connection, token } = await admin.scimConnections.create({ provider: 'entra_id' });
    await idp(connection.baseUrl, token, 'entra_id').testConnection();
    const rotation = await admin.scimConnections.startTokenRotation(connection.id);
    await expect(admin.scimConnections.startTokenRotation(connection.id)).rejects.toMatchObject({
      code: 'rotation_in_progress',
    });
    await expect(admin.scimConnections.completeTokenRotation(connection.id)).rejects.toMatchObject({
      status: 409,
      code: 'new_token_unused',
    });
    // Both tokens work during the overlap.
    await idp(connection.baseUrl, token, 'entra_id').testConnection();
    await idp(connection.baseUrl, rotation.token, 'entra_id').testConnection();
    const done = await admin.scimConnections.completeTokenRotation(connection.id);
    expect(done.rotation).toBeNull();
    await expect(idp(connection.baseUrl, token, 'entra_id').testConnection()).rejects.toMatchObject({
      status: 401,
    });
  });

  it('renames, and disconnects: the token stops working, the members stay', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const { connection, token } = await admin.scimConnections.create({ provider: 'okta' });
    await idp(connection.baseUrl, token).provision({ users: 2 });
    const renamed = await admin.scimConnections.update(connection.id, {
      name: 'Okta (staff)',
      settings: { deprovisionAction: 'delete' },
    });
    expect(renamed).toMatchObject({ name: 'Okta (staff)', settings: { deprovisionAction: 'delete' } });
    await admin.scimConnections.delete(connection.id);
    await expect(idp(connection.baseUrl, token).testConnection()).rejects.toMatchObject({ status: 401 });
    expect((await admin.users.list({ sourceType: 'scim' })).totalCount).toBe(2);
    const actions = (await admin.auditEvents.list()).data.map((e) => e.action);
    expect(actions).toEqual([
      'scim_connection.deleted',
      'scim_connection.updated',
      'scim_connection.created',
    ]);
  });

  it('sets the session length within the bounds, and says why not otherwise', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    expect(await admin.sessionPolicy.get()).toMatchObject({
      sessionDurationSeconds: 86_400,
      appliesTo: 'all_sessions',
    });
    const policy = await admin.sessionPolicy.update({ sessionDurationSeconds: 8 * 3600 });
    expect(policy).toMatchObject({ sessionDurationSeconds: 28_800, updatedBy: { id: t.owner.id } });
    const error = await admin.sessionPolicy.update({ sessionDurationSeconds: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldError('sessionDurationSeconds')?.message).toBe(
      'Session duration must be between 15 minutes and 90 days.',
    );
    expect((await admin.auditEvents.list({ action: 'session_policy.updated' })).data).toHaveLength(1);
  });

  it('signs everyone out but the admin; the member’s next request is refused at once', async () => {
    t = await createTestWorkspace();
    const ownerCookie = await t.signIn(t.owner);
    const memberCookie = await t.signIn(t.member);
    await t.signIn(t.member); // a second device
    const admin = t.client(ownerCookie);
    expect(await admin.reauthentication.status()).toMatchObject({
      activeSessions: 3,
      activeUsers: 2,
      last: null,
    });

    const result = await admin.reauthentication.force({ keepCurrentSession: true, reason: 'Offboarding' });
    expect(result).toMatchObject({ revokedSessions: 2, affectedUsers: 1, keptCurrentSession: true });
    expect(
      await t.server.sessions.validate(new Request(ORIGIN, { headers: { cookie: memberCookie } })),
    ).toBeNull();
    expect(await admin.reauthentication.status()).toMatchObject({ activeSessions: 1, activeUsers: 1 });

    await admin.reauthentication.force({ keepCurrentSession: false });
    await expect(admin.sessionPolicy.get()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('deprovisioning over SCIM ends that member’s sessions at once', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const { connection, token } = await admin.scimConnections.create({ provider: 'okta' });
    const okta = idp(connection.baseUrl, token);
    const { userIds } = await okta.provision({ users: 2 });
    const cookie = await t.signIn({ ...t.member, id: userIds[0] as string });
    await okta.deprovision(0);
    expect(await t.server.sessions.validate(new Request(ORIGIN, { headers: { cookie } }))).toBeNull();
    expect((await admin.users.get(userIds[0] as string)).status).toBe('suspended');
  });

  it('lets only admins and owners of this workspace in', async () => {
    t = await createTestWorkspace();
    await expect(t.client(null).sessionPolicy.get()).rejects.toBeInstanceOf(AuthenticationError);
    const member = t.client(await t.signIn(t.member));
    await expect(member.sessionPolicy.get()).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/Only workspace admins and owners/),
    });
    const elsewhere = t.client(await t.signIn(t.owner), { workspaceId: 'ws_globex' });
    const error = await elsewhere.users.list().catch((e: unknown) => e);
    expect(error).toBeDefined();
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).message).toMatch(/not an admin or owner of this workspace/);
  });

  it('two admins changing different session lengths at once both land', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    await Promise.all([
      admin.sessionPolicy.update({ sessionDurationSeconds: 8 * 3600 }),
      admin.sessionPolicy.update({ idleTimeoutSeconds: 3600 }),
    ]);
    expect(await admin.sessionPolicy.get()).toMatchObject({
      sessionDurationSeconds: 8 * 3600,
      idleTimeoutSeconds: 3600,
    });
  });

  it('refuses a cookie-authenticated change from another site (CSRF), and allows it from its own pages', async () => {
    t = await createTestWorkspace();
    const cookie = await t.signIn(t.owner);
    const send = (headers: Record<string, string>) =>
      t.server.fetch(
        new Request(`${ORIGIN}/api/identity/workspaces/ws_acme/session-policy`, {
          method: 'PATCH',
          headers: { cookie, 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ sessionDurationSeconds: 3600 }),
        }),
      );
    const forged = await send({ origin: 'https://evil.test' });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('csrf_rejected');
    expect((await send({})).status).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await send({ origin: ORIGIN })).status).toBe(200);
  });

  it('replays a retried create with the same Idempotency-Key, and refuses the key for another request', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const first = await admin.scimConnections.create({ provider: 'okta' }, { idempotencyKey: 'key-1' });
    const again = await admin.scimConnections.create({ provider: 'okta' }, { idempotencyKey: 'key-1' });
    expect(again.connection.id).toBe(first.connection.id);
    expect(again.token).toBe(first.token);
    expect(await admin.scimConnections.list()).toHaveLength(1);
    // The token is not written down in clear, not even for the replay.
    const stored = (t.server.storage as SqliteStorage).database.db
      .prepare('SELECT body FROM idempotency_keys')
      .all();
    expect(JSON.stringify(stored)).not.toContain(first.token);
    await expect(
      admin.scimConnections.create({ provider: 'entra_id' }, { idempotencyKey: 'key-1' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('runs a create once when a retry with the same key arrives while the first still runs', async () => {
    t = await createTestWorkspace();
    const admin = t.client(await t.signIn(t.owner));
    const [a, b] = await Promise.all([
      admin.scimConnections.create({ provider: 'okta' }, { idempotencyKey: 'same' }),
      admin.scimConnections.create({ provider: 'okta' }, { idempotencyKey: 'same' }),
    ]);
    expect(b.connection.id).toBe(a.connection.id);
    expect(b.token).toBe(a.token);
    expect(await admin.scimConnections.list()).toHaveLength(1);
  });

  it('answers broken bodies with the contract’s errors, never a 500', async () => {
    t = await createTestWorkspace();
    const cookie = await t.signIn(t.owner);
    const send = (body: string, path = 'scim-connections') =>
      t.server.fetch(
        new Request(`${ORIGIN}/api/identity/workspaces/ws_acme/${path}`, {
          method: 'POST',
          headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
          body,
        }),
      );
    expect((await send('{"provider":')).status).toBe(400);
    expect((await send('[]')).status).toBe(400);
    expect((await send('{"provider":"google_workspace"}')).status).toBe(422);
    expect((await send('{"provider":"okta","extra":1}')).status).toBe(422);
    expect((await send(JSON.stringify({ provider: 'okta', name: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await send('{}', 'nowhere')).status).toBe(404);
  });
});
