import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi([
  'listScimConnections',
  'createScimConnection',
  'getScimConnection',
  'updateScimConnection',
  'deleteScimConnection',
  'startScimTokenRotation',
  'completeScimTokenRotation',
  'cancelScimTokenRotation',
  'listUsers',
]);

describe('scimConnections', () => {
  it('connects Okta: base URL and a token shown once, pending until Okta calls, then its users listed', async () => {
    const { identity, workspace } = start();
    const { connection, token } = await identity.scimConnections.create({ provider: 'okta' });
    expect(connection).toMatchObject({ provider: 'okta', name: 'Okta', status: 'pending', verifiedAt: null });
    expect(connection.baseUrl).toMatch(/^https:\/\/.+\/scim\/v2\/.+/);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(connection.token.hint).toBe(`…${token.slice(-4)}`);

    const read = await identity.scimConnections.get(connection.id);
    expect(JSON.stringify(read)).not.toContain(token);
    expect(await identity.scimConnections.list()).toEqual([read]);

    workspace.simulateScimRequest(connection.id, { users: 4, groups: 2 });
    const verified = await identity.scimConnections.waitUntilVerified(connection.id, { intervalMs: 10 });
    expect(verified).toMatchObject({ status: 'active', counts: { users: 4, groups: 2 } });
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.lastUsedTokenId).toBe(connection.token.id);

    const users = await identity.users.list({ connectionId: connection.id });
    expect(users.totalCount).toBe(4);
    expect(users.data.every((u) => u.source.type === 'scim' && u.source.connectionId === connection.id)).toBe(
      true,
    );
  });

  it('refuses a provider that cannot push SCIM, naming the field', async () => {
    const { identity } = start();
    const error = await identity.scimConnections
      .create({ provider: 'google_workspace' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldError('provider')?.code).toBe('not_allowed');
  });

  it('renames and changes what happens to deprovisioned users', async () => {
    const { identity } = start();
    const { connection } = await identity.scimConnections.create({ provider: 'entra_id', name: 'Entra' });
    const updated = await identity.scimConnections.update(connection.id, {
      name: 'Entra (EU)',
      settings: { deprovisionAction: 'delete' },
    });
    expect(updated).toMatchObject({ name: 'Entra (EU)', settings: { deprovisionAction: 'delete' } });
  });

  it('rotates the token with an overlap: shows when the IdP switched, then retires the old one', async () => {
    const { identity, workspace } = start();
    const { connection, token: oldToken } = await identity.scimConnections.create({ provider: 'okta' });
    workspace.simulateScimRequest(connection.id, { users: 1 });

    const rotation = await identity.scimConnections.startTokenRotation(connection.id);
    expect(rotation.token).not.toBe(oldToken);
    const newTokenId = rotation.connection.rotation?.newToken.id;
    expect(newTokenId).toBeDefined();
    expect(rotation.connection.lastUsedTokenId).toBe(connection.token.id);
    await expect(identity.scimConnections.startTokenRotation(connection.id)).rejects.toMatchObject({
      code: 'rotation_in_progress',
    });

    // Okta still sends the old token: completing now would cut it off.
    const early = await identity.scimConnections
      .completeTokenRotation(connection.id)
      .catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ConflictError);
    expect(early).toMatchObject({ status: 409, code: 'new_token_unused' });
    expect((early as ConflictError).message).toMatch(/still uses the old token/);

    workspace.simulateScimRequest(connection.id, { token: 'new' });
    expect((await identity.scimConnections.get(connection.id)).lastUsedTokenId).toBe(newTokenId);

    const completed = await identity.scimConnections.completeTokenRotation(connection.id);
    expect(completed.rotation).toBeNull();
    expect(completed.token.id).toBe(newTokenId);
    const error = await identity.scimConnections
      .completeTokenRotation(connection.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: 'no_rotation_in_progress' });
  });

  it('forces a rotation to complete before the provider has used the new token', async () => {
    const { identity } = start();
    const { connection } = await identity.scimConnections.create({ provider: 'entra_id' });
    const rotation = await identity.scimConnections.startTokenRotation(connection.id);
    const completed = await identity.scimConnections.completeTokenRotation(connection.id, { force: true });
    expect(completed.rotation).toBeNull();
    expect(completed.token.id).toBe(rotation.connection.rotation?.newToken.id);
  });

  it('cancels a rotation: the old token stays the only one', async () => {
    const { identity } = start();
    const { connection } = await identity.scimConnections.create({ provider: 'jumpcloud' });
    await identity.scimConnections.startTokenRotation(connection.id);
    const cancelled = await identity.scimConnections.cancelTokenRotation(connection.id);
    expect(cancelled.rotation).toBeNull();
    expect(cancelled.token.id).toBe(connection.token.id);
  });

  it('disconnects', async () => {
    const { identity } = start();
    const { connection } = await identity.scimConnections.create({ provider: 'rippling' });
    await expect(identity.scimConnections.delete(connection.id)).resolves.toBeUndefined();
    await expect(identity.scimConnections.get(connection.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await identity.scimConnections.list()).toEqual([]);
  });
});
