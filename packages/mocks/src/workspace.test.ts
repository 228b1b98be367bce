import { describe, expect, it } from 'vitest';
import { createIdentityHandlers } from './handlers';
import { apiFor } from './testing/api';
import { useIdentityServer } from './testing/server';
import { createMockWorkspace } from './workspace';

const { start } = useIdentityServer();
const api = apiFor();
const idOf = (item: { id: string }) => item.id;

/** Every id of a list, page by page; `afterFirstPage` runs while the admin looks at page one. */
async function walk(path: string, limit: number, afterFirstPage: () => unknown = () => {}) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { body } = await api('GET', `${path}?limit=${limit}${after}`);
    ids.push(...body.data.map(idOf));
    if (cursor === null) await afterFirstPage();
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

describe('workspaces', () => {
  it('refuses workspaces it was not given, without saying whether they exist', async () => {
    start({});
    const res = await apiFor('ws_globex')('GET', '/users');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('keeps two workspaces apart', async () => {
    start({ id: 'ws_acme' }, { id: 'ws_globex', seed: 'empty' });
    const globex = apiFor('ws_globex');
    const { body } = await api('POST', '/scim-connections', { provider: 'okta' });
    expect((await globex('GET', '/scim-connections')).body.data).toEqual([]);
    expect((await globex('GET', `/scim-connections/${body.connection.id}`)).status).toBe(404);
    expect((await globex('GET', '/users')).body.totalCount).toBe(1);
    expect((await api('GET', '/users')).body.totalCount).toBe(7);
  });

  it('gives each workspace its own SCIM base URLs', async () => {
    start({ id: 'ws_acme' }, { id: 'ws_globex' });
    const acme = await api('POST', '/scim-connections', { provider: 'okta' });
    const globex = await apiFor('ws_globex')('POST', '/scim-connections', { provider: 'okta' });
    expect(acme.body.connection.id).toBe(globex.body.connection.id);
    expect(acme.body.connection.baseUrl).not.toBe(globex.body.connection.baseUrl);
    expect(globex.body.connection.baseUrl).toContain('ws_globex');
  });

  it('refuses two workspaces with the same id, and says how to fix it', () => {
    const twins = [createMockWorkspace(), createMockWorkspace({ seed: 'empty' })];
    expect(() => createIdentityHandlers(twins)).toThrow(/two workspaces have the id "ws_acme".*\{ id: /);
  });

  it('seeds the same ids and people every time', () => {
    const a = createMockWorkspace({ seed: 'busy', now: () => 0 });
    const b = createMockWorkspace({ seed: 'busy', now: () => 0 });
    expect(JSON.stringify(a.state.users)).toBe(JSON.stringify(b.state.users));
  });
});

describe('seeds', () => {
  it('empty: only the signed-in owner', async () => {
    start({ seed: 'empty' });
    const users = await api('GET', '/users');
    expect(users.body).toMatchObject({
      totalCount: 1,
      data: [{ id: 'usr_admin', role: 'owner', email: 'ada@acme.test' }],
    });
    expect((await api('GET', '/scim-connections')).body.data).toEqual([]);
    expect((await api('GET', '/directory-connections')).body.data).toEqual([]);
    expect((await api('GET', '/audit-events')).body.totalCount).toBe(0);
  });

  it('default: the owner and six members added by hand', async () => {
    start({});
    const users = await api('GET', '/users?sourceType=manual');
    expect(users.body.totalCount).toBe(7);
    expect(users.body.data[0].email).toMatch(/^[a-z]+\.[a-z]+@acme\.test$/);
  });

  it('busy: every page of 400 users, with cursors and a total', async () => {
    start({ seed: 'busy' });
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
      const { body } = await api('GET', `/users${query}`);
      expect(body.totalCount).toBe(401);
      for (const user of body.data) ids.add(user.id);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids.size).toBe(401);
    const [scim, dir] = await Promise.all([
      api('GET', '/scim-connections'),
      api('GET', '/directory-connections'),
    ]);
    expect(scim.body.data[0]).toMatchObject({
      provider: 'okta',
      status: 'active',
      counts: { users: 300, groups: 18 },
    });
    expect(scim.body.data[0].recentErrors.length).toBeGreaterThan(0);
    expect(dir.body.data[0]).toMatchObject({
      provider: 'entra_id',
      state: 'active',
      counts: { users: 100, groups: 7 },
    });
    expect((await api('GET', `/directory-connections/${dir.body.data[0].id}/syncs`)).body.totalCount).toBe(5);
    expect((await api('GET', '/groups')).body.totalCount).toBe(25);
    expect((await api('GET', '/users?status=suspended')).body.totalCount).toBe(30);
    expect((await api('GET', '/audit-events?limit=1')).body.totalCount).toBe(40);
    expect((await api('GET', '/session-policy')).body.sessionDurationSeconds).toBe(28_800);
    expect((await api('GET', '/reauthentication')).body.last).not.toBeNull();
  });

  it('busy: pages through users without repeats or gaps while new users are provisioned', async () => {
    const [ws] = start({ seed: 'busy' });
    const atStart = await walk('/users', 200);
    const scim = (await api('GET', '/scim-connections')).body.data[0];
    const seen = await walk('/users', 50, () => ws?.simulateScimRequest(scim.id, { users: 5 }));
    expect(seen.length).toBe(new Set(seen).size);
    expect(atStart.filter((id) => !seen.includes(id))).toEqual([]);
  });

  it('busy: pages through the audit log while admins keep changing things', async () => {
    start({ seed: 'busy' });
    const seen = await walk('/audit-events', 10, async () => {
      await api('PATCH', '/session-policy', { sessionDurationSeconds: 3600 });
      await api('POST', '/scim-connections', { provider: 'okta' });
    });
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen).toHaveLength(40);
  });

  it('refuses a cursor from another list', async () => {
    start({ seed: 'busy' });
    const { nextCursor } = (await api('GET', '/groups?limit=5')).body;
    const users = await api('GET', `/users?cursor=${encodeURIComponent(nextCursor)}`);
    expect(users.status).toBe(422);
    expect(users.body.error.fieldErrors[0]).toMatchObject({ path: 'cursor' });
    const groups = await api('GET', `/groups?limit=50&cursor=${encodeURIComponent(nextCursor)}`);
    expect(groups.body.data).toHaveLength(20);
  });

  it('finds users case-insensitively and refuses a bad limit or cursor', async () => {
    start({ seed: 'busy' });
    const found = await api('GET', '/users?query=GRACE.HOPPER');
    expect(found.body.data[0].email).toBe('grace.hopper@acme.test');
    const bad = await api('GET', '/users?limit=0&cursor=zzz');
    expect(bad.body.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['limit', 'cursor']);
  });
});
