import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFilter } from '../../scim/filter';
import { createTestConnection } from '../../testing/test-connection';
import type { ScimRequestContext, ScimUserDraft } from '../storage';
import { migrations } from './migrations';
import { openSqliteStorage } from './sqlite-storage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'identity-kit-sqlite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const draft = (userName: string, externalId: string | null = null): ScimUserDraft => ({
  userName,
  externalId,
  active: true,
  displayName: userName,
  givenName: null,
  familyName: null,
  email: userName,
  resource: { userName, ...(externalId ? { externalId } : {}), active: true },
});

describe('SQLite storage', () => {
  it('opens in WAL mode with foreign keys on and records every migration once', async () => {
    const filename = join(dir, 'identity.db');
    const storage = openSqliteStorage({ filename });
    const { db } = storage.database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Durable commits: SQLite writes the WAL (NORMAL) and the storage fsyncs it before answering.
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(storage.database.syncsWal).toBe(true);
    await storage.close();
    const reopened = openSqliteStorage({ filename, synchronous: 'normal' });
    const versions = reopened.database.db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all();
    expect(versions).toEqual(migrations.map((m) => ({ version: m.version })));
    expect(reopened.database.syncsWal).toBe(false);
    await reopened.close();
  });

  it('keeps workspaces, connections, users, groups and token hashes across reopening the file', async () => {
    const filename = join(dir, 'identity.db');
    const first = openSqliteStorage({ filename });
    const { workspace, connection, token } = await createTestConnection(first, { provider: 'okta' });
    const ctx: ScimRequestContext = {
      workspaceId: workspace.id,
      connectionId: connection.id,
      tokenId: connection.token.id,
      at: new Date().toISOString(),
    };
    const { user } = await first.scimUsers.create(ctx, draft('ada@example.com', 'ext-1'));
    const group = await first.scimGroups.create(ctx, {
      displayName: 'Engineers',
      externalId: null,
      resource: { displayName: 'Engineers' },
      memberIds: [user.id],
    });
    await first.close();

    const second = openSqliteStorage({ filename });
    expect(await second.workspaces.get(workspace.id)).toEqual(workspace);
    const reloaded = await second.scimConnections.get(workspace.id, connection.id);
    expect(reloaded).toMatchObject({
      status: 'active',
      counts: { users: 1, groups: 1 },
      lastUsedTokenId: connection.token.id,
    });
    expect(await second.scimUsers.get(ctx, user.id)).toMatchObject({
      userName: 'ada@example.com',
      externalId: 'ext-1',
      groups: [{ id: group.id, displayName: 'Engineers' }],
    });
    expect((await second.scimGroups.get(ctx, group.id))?.members).toEqual([
      { id: user.id, displayName: 'ada@example.com' },
    ]);
    // Only the hash is stored: the token itself appears nowhere in the file's tables.
    const rows = JSON.stringify(second.database.db.prepare('SELECT * FROM scim_tokens').all());
    expect(rows).not.toContain(token);
    expect((await second.scimConnections.credentials(workspace.id, connection.id))[0]?.hash).toHaveLength(32);
    await second.close();
  });

  it('sees a token changed by another process at the next request (token hashes are cached per connection)', async () => {
    const filename = join(dir, 'identity.db');
    const server = openSqliteStorage({ filename });
    const cli = openSqliteStorage({ filename });
    const { workspace, connection } = await createTestConnection(server, { provider: 'okta' });
    // A request arrives in a later turn of the event loop than the commit it must see.
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const credentials = async () => {
      await nextTurn();
      return server.scimConnections.credentials(workspace.id, connection.id);
    };
    const [original] = await credentials();
    expect(await credentials()).toEqual([original]);
    const system = { type: 'system' as const, id: 'cli', displayName: 'CLI', email: null };

    // Rotated elsewhere: both tokens work until the rotation completes, then only the new one.
    await cli.scimConnections.startRotation(workspace.id, connection.id, system);
    expect(await credentials()).toHaveLength(2);
    await cli.scimConnections.completeRotation(workspace.id, connection.id, system);
    const [rotated] = await credentials();
    expect(rotated?.tokenId).not.toBe(original?.tokenId);
    expect(await credentials()).toHaveLength(1);

    // And in this process: deleting the connection leaves no token.
    await server.scimConnections.delete(workspace.id, connection.id, system);
    expect(await credentials()).toEqual([]);
    await Promise.all([server.close(), cli.close()]);
  });

  it('rolls a failed change back as a whole (a group with one unknown member is not created)', async () => {
    const storage = openSqliteStorage({ filename: ':memory:' });
    const { workspace, connection } = await createTestConnection(storage);
    const ctx = {
      workspaceId: workspace.id,
      connectionId: connection.id,
      tokenId: connection.token.id,
      at: new Date().toISOString(),
    };
    const { user } = await storage.scimUsers.create(ctx, draft('ada@example.com'));
    await expect(
      storage.scimGroups.create(ctx, {
        displayName: 'G',
        externalId: null,
        resource: { displayName: 'G' },
        memberIds: [user.id, 'nobody'],
      }),
    ).rejects.toMatchObject({ name: 'InvalidReferenceError', ids: ['nobody'] });
    expect(storage.database.db.prepare('SELECT count(*) AS n FROM groups').get()).toEqual({ n: 0 });
    expect((await storage.scimConnections.get(workspace.id, connection.id))?.counts.groups).toBe(0);
    await storage.close();
  });

  it('answers `userName eq` among 100,000 users through the index, case-insensitively (timings: npm run bench)', async () => {
    const storage = openSqliteStorage({ filename: join(dir, 'big.db') });
    const { workspace, connection } = await createTestConnection(storage);
    const { db } = storage.database;
    const insert = db.prepare(
      `INSERT INTO users (id, workspace_id, connection_id, user_name, user_name_key, external_id, status, display_name,
         display_name_key, resource, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
    );
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const name = `User.${i}@Example.com`;
        insert.run(
          `u${i}`,
          workspace.id,
          connection.id,
          name,
          name.toLowerCase(),
          `x${i}`,
          name,
          name.toLowerCase(),
          JSON.stringify({ userName: name }),
          at,
          at,
        );
      }
    })();
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM users WHERE workspace_id = ? AND connection_id = ? AND scim_removed_at IS NULL AND (user_name_key = ?)',
      )
      .all(workspace.id, connection.id, 'x');
    expect(JSON.stringify(plan)).toContain('users_user_name');

    const ctx = { workspaceId: workspace.id, connectionId: connection.id, tokenId: connection.token.id, at };
    for (let i = 0; i < 300; i++) {
      const n = (i * 7919) % 100_000;
      const filter = parseFilter(`userName eq "user.${n}@example.COM"`);
      const result = await storage.scimUsers.list(ctx, {
        filter,
        matches: (u) => u.userName.toLowerCase() === `user.${n}@example.com`,
        startIndex: 1,
        count: 100,
      });
      expect(result.records.map((u) => u.userName)).toEqual([`User.${n}@Example.com`]);
    }
    await storage.close();
  }, 60_000);
});
