import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../storage';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-11-28T09:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();
const hash = (secret: string) => createHash('sha256').update(secret).digest();
const admin: Actor = { type: 'user', id: 'usr_admin', displayName: 'Ada Admin', email: 'ada@acme.test' };
const meta = (ms = 0) => ({ actor: admin, requestId: 'req_1', at: at(ms) });

let storage: SqliteStorage | undefined;
afterEach(() => storage?.close());

async function workspaceWith(people: number, filename = ':memory:') {
  storage = openSqliteStorage({ filename });
  const ws = await storage.workspaces.create({ name: 'Acme' });
  const members = [];
  for (let i = 0; i < people; i++) {
    members.push(
      await storage.members.create({
        workspaceId: ws.id,
        email: `person${i}@acme.test`,
        displayName: `Person ${i}`,
        role: i === 0 ? 'owner' : 'member',
      }),
    );
  }
  const signIn = (userId: string, secret: string, ms = 0) =>
    (storage as SqliteStorage).sessions.create({
      workspaceId: ws.id,
      userId,
      secretHash: hash(secret),
      at: at(ms),
    });
  return { storage, ws, members, signIn };
}

describe('sessions', () => {
  it('a signed-in member is recognised by their secret, and only by it', async () => {
    const { storage, members, signIn } = await workspaceWith(2);
    await signIn(members[1]?.id ?? '', 'secret-1');
    const found = await storage.sessions.validate(hash('secret-1'), at(1000));
    expect(found?.member.email).toBe('person1@acme.test');
    expect(found?.session.expiresAt).toBe(at(24 * HOUR));
    expect(await storage.sessions.validate(hash('secret-2'), at(1000))).toBeUndefined();
    expect(
      (await storage.members.get(found?.member.workspaceId ?? '', members[1]?.id ?? ''))?.lastSignInAt,
    ).toBe(at(0));
  });

  it('a shorter session duration also ends sessions that are already open', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(1);
    await signIn(members[0]?.id ?? '', 's');
    await storage.sessionPolicies.update(
      ws.id,
      () => ({ sessionDurationSeconds: 8 * 3600, idleTimeoutSeconds: null }),
      meta(),
    );
    expect(await storage.sessions.validate(hash('s'), at(8 * HOUR - 1))).toBeDefined();
    expect(await storage.sessions.validate(hash('s'), at(8 * HOUR))).toBeUndefined();
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 0, activeUsers: 0 });
  });

  it('the idle timeout ends a session nobody used for that long; use keeps it open', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(1);
    await storage.sessionPolicies.update(
      ws.id,
      () => ({ sessionDurationSeconds: 86_400, idleTimeoutSeconds: 1800 }),
      meta(),
    );
    await signIn(members[0]?.id ?? '', 's');
    expect(await storage.sessions.validate(hash('s'), at(25 * 60_000))).toBeDefined();
    expect(await storage.sessions.validate(hash('s'), at(50 * 60_000))).toBeDefined();
    expect(await storage.sessions.validate(hash('s'), at(81 * 60_000))).toBeUndefined();
  });

  it('counts people and sessions signed in', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(3);
    await signIn(members[0]?.id ?? '', 'a1');
    await signIn(members[0]?.id ?? '', 'a2');
    await signIn(members[1]?.id ?? '', 'b1');
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 3, activeUsers: 2 });
    const b = await storage.sessions.validate(hash('b1'), at(1));
    await storage.sessions.revoke(ws.id, b?.session.id ?? '');
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 2, activeUsers: 1 });
  });

  it('forcing reauthentication ends every other session at once and keeps the admin’s, with exact counts', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(4);
    const mine = await signIn(members[0]?.id ?? '', 'admin-here');
    await signIn(members[0]?.id ?? '', 'admin-laptop');
    for (const [i, m] of members.slice(1).entries()) await signIn(m.id, `member-${i}`);

    const result = await storage.sessions.forceReauthentication(
      ws.id,
      { keepSessionId: mine.id, reason: 'Laptop stolen' },
      meta(HOUR),
    );
    expect(result).toMatchObject({
      revokedSessions: 4,
      affectedUsers: 4, // the admin's other session was signed out too
      keptCurrentSession: true,
      effectiveAt: at(HOUR),
      reason: 'Laptop stolen',
    });
    expect(await storage.sessions.validate(hash('admin-here'), at(HOUR + 1))).toBeDefined();
    expect(await storage.sessions.validate(hash('admin-laptop'), at(HOUR + 1))).toBeUndefined();
    expect(await storage.sessions.validate(hash('member-0'), at(HOUR + 1))).toBeUndefined();
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 1, activeUsers: 1 });
    expect(await storage.sessions.lastReauthentication(ws.id)).toEqual(result);
    const [event] = await storage.auditEvents.list(ws.id);
    expect(event).toMatchObject({ action: 'reauthentication.forced', requestId: 'req_1', actor: admin });

    // Signing in again works, and counts again.
    await signIn(members[1]?.id ?? '', 'member-0-again', HOUR + 2);
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 2, activeUsers: 2 });
  });

  it('forcing without keeping signs the admin out too', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(2);
    const mine = await signIn(members[0]?.id ?? '', 'admin');
    await signIn(members[1]?.id ?? '', 'member');
    const result = await storage.sessions.forceReauthentication(
      ws.id,
      { keepSessionId: null, reason: null },
      meta(),
    );
    expect(result).toMatchObject({ revokedSessions: 2, affectedUsers: 2, keptCurrentSession: false });
    expect(mine.id).toBeTruthy();
    expect(await storage.sessions.validate(hash('admin'), at(1))).toBeUndefined();
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 0, activeUsers: 0 });
  });

  it('writes the same few rows whatever the number of sessions, and the sweeper clears the rest later', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(2);
    for (let i = 0; i < 500; i++) await signIn(members[1]?.id ?? '', `m${i}`);
    const before = storage.database.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    await storage.sessions.forceReauthentication(ws.id, { keepSessionId: null, reason: null }, meta());
    const after = storage.database.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(after.n - before.n).toBeLessThanOrEqual(4);
    expect(await storage.sessions.sweep(at(1), 200)).toBe(200);
    expect(await storage.sessions.sweep(at(1))).toBe(300);
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 0, activeUsers: 0 });
  });

  it('a suspended member’s sessions stop working; revoking a member ends all of theirs', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(2);
    await signIn(members[1]?.id ?? '', 'x');
    await signIn(members[1]?.id ?? '', 'y');
    expect(await storage.sessions.revokeMember(ws.id, members[1]?.id ?? '')).toBe(2);
    expect(await storage.sessions.validate(hash('x'), at(1))).toBeUndefined();
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 0, activeUsers: 0 });
  });

  it('a deleted member’s sessions are counted out and leave no counter behind', async () => {
    const { storage, ws, members, signIn } = await workspaceWith(2);
    await signIn(members[0]?.id ?? '', 'a');
    await signIn(members[1]?.id ?? '', 'b1');
    await signIn(members[1]?.id ?? '', 'b2');
    const { db } = (storage as SqliteStorage).database;
    db.prepare('DELETE FROM users WHERE id = ?').run(members[1]?.id);
    expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 1, activeUsers: 1 });
    expect(db.prepare('SELECT user_id FROM user_session_counts').all()).toEqual([
      { user_id: members[0]?.id },
    ]);
  });

  it('opens a session only for a member of that workspace', async () => {
    const { storage, members } = await workspaceWith(1);
    const other = await storage.workspaces.create({ name: 'Globex' });
    await expect(
      storage.sessions.create({
        workspaceId: other.id,
        userId: members[0]?.id ?? '',
        secretHash: hash('x'),
        at: at(0),
      }),
    ).rejects.toThrow(/not a member/);
    expect(await storage.sessions.validate(hash('x'), at(1))).toBeUndefined();
  });

  it('keeps sessions, the policy and the last reauthentication across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ik-sessions-')), 'identity.db');
    const first = await workspaceWith(2, file);
    await first.storage.sessionPolicies.update(
      first.ws.id,
      () => ({ sessionDurationSeconds: 28_800, idleTimeoutSeconds: null }),
      meta(),
    );
    const mine = await first.signIn(first.members[0]?.id ?? '', 'kept');
    await first.storage.sessions.forceReauthentication(
      first.ws.id,
      { keepSessionId: mine.id, reason: null },
      meta(),
    );
    first.storage.close();

    storage = openSqliteStorage({ filename: file });
    expect((await storage.sessionPolicies.get(first.ws.id)).sessionDurationSeconds).toBe(28_800);
    expect(await storage.sessions.validate(hash('kept'), at(1))).toBeDefined();
    expect(await storage.sessions.status(first.ws.id)).toEqual({ activeSessions: 1, activeUsers: 1 });
    expect((await storage.sessions.lastReauthentication(first.ws.id))?.keptCurrentSession).toBe(true);
  });
});
