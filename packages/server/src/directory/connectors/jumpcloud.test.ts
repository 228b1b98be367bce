import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryPage } from '../connector';
import {
  JUMPCLOUD_FAKE_API_KEY,
  type JumpCloudFake,
  type JumpCloudFakeOptions,
  start,
} from '../fakes/jumpcloud-fake';
import { createJumpCloudConnector } from './jumpcloud';
import { collect, failure } from './reading.testing';

let fake: JumpCloudFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(options: JumpCloudFakeOptions = {}, credentials: Record<string, string> = {}) {
  fake = await start(options);
  const waits: number[] = [];
  const connector = createJumpCloudConnector(
    { apiKey: JUMPCLOUD_FAKE_API_KEY, ...credentials },
    {
      baseUrls: { jumpcloud: fake.url },
      // No real waiting: record what was asked.
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
  );
  return { org: fake, connector, waits };
}

const fullRead = { cursor: null, resumeFrom: null };

describe('JumpCloud connector', () => {
  it('validates a good API key with one cheap call to each API', async () => {
    const { org, connector } = await setUp({ users: 20, groups: 2 });
    await connector.validate();
    expect(org.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
      '/api/systemusers 200',
      '/api/v2/usergroups 200',
    ]);
    expect(org.requests.every((r) => r.apiKey === JUMPCLOUD_FAKE_API_KEY && r.orgId === null)).toBe(true);
  });

  it('words a rejected API key', async () => {
    const { connector } = await setUp({ users: 5, groups: 1 }, { apiKey: 'jcSomeOtherKey0123456789abcdef' });
    const error = await failure(connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toBe(
      'JumpCloud rejected the API key (401 Unauthorized). Check that it was copied whole and that the admin who created it still exists.',
    );
  });

  it('sends the organization ID, and names it when the key does not reach that organization', async () => {
    const orgId = '5f0c1b2a3d4e5f6a7b8c9d0e';
    const good = await setUp({ users: 5, groups: 1, orgId }, { orgId });
    await good.connector.validate();
    expect(good.org.requests.every((r) => r.orgId === orgId)).toBe(true);
    await good.org.close();

    const other = await setUp({ users: 5, groups: 1, orgId }, { orgId: '000000000000000000000000' });
    const error = await failure(other.connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain('for organization 000000000000000000000000 (401 Unauthorized)');
  });

  it('reports a key without access to groups as insufficient permissions', async () => {
    const key = 'jcRestrictedKey0123456789abcdef';
    const { connector } = await setUp({ users: 5, groups: 1, restrictedKeys: [key] }, { apiKey: key });
    const error = await failure(connector.validate());
    expect(error.kind).toBe('insufficient_permissions');
    expect(error.message).toMatch(/^JumpCloud refused to list user groups \(403 Forbidden\)\./);
  });

  it('reads 2,500 people and 30 groups exactly once, people first, groups with every member', async () => {
    const { org, connector } = await setUp({ users: 2500, groups: 30 });
    const read = connector.read(fullRead);
    expect(read.full).toBe(true);
    const pages = await collect(read);

    const users = pages.flatMap((p) => p.users ?? []);
    const ids = users.map((u) => u.externalId);
    expect(new Set(ids).size).toBe(2500);
    expect([...ids].sort()).toEqual([...org.directory.users.keys()].sort());

    const groups = pages.flatMap((p) => p.groups ?? []);
    expect(groups).toHaveLength(30);
    for (const group of groups) {
      expect([...group.memberExternalIds].sort()).toEqual(
        [...org.directory.group(group.externalId).members].sort(),
      );
    }
    expect(groups.find((g) => g.displayName === 'Team 1')?.memberExternalIds).toHaveLength(1250);
    expect(groups.find((g) => g.displayName === 'Team 30')?.memberExternalIds).toEqual([]);

    const firstGroupPage = pages.findIndex((p) => p.groups);
    expect(pages.slice(0, firstGroupPage).every((p) => p.users && !p.groups)).toBe(true);
    expect(pages.slice(firstGroupPage).every((p) => !p.users)).toBe(true);
    expect(pages.every((p) => (p.users?.length ?? 0) <= 100)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.resumeFrom !== null)).toBe(true);
    expect(pages.at(-1)?.resumeFrom).toBeNull();
    expect(read.nextCursor()).toBeNull();

    // JumpCloud's fields and states map onto the workspace's.
    const byId = new Map(users.map((u) => [u.externalId, u]));
    for (const person of org.directory.users.values()) {
      const user = byId.get(person._id);
      expect(user?.active).toBe(person.state === 'ACTIVATED');
      expect(user?.email).toBe(person.email);
      expect(user?.userName).toBe(person.username);
      expect(user?.displayName).toBe(person.displayname || `${person.firstname} ${person.lastname}`);
    }

    // Every list asked for JumpCloud's largest page and stepped through it with skip.
    const userRequests = org.requests.filter((r) => r.path === '/api/systemusers');
    expect(userRequests.map((r) => new URL(r.url, org.url).searchParams.get('skip'))).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i * 100)),
    );
    expect(org.requests.every((r) => r.url.includes('limit=100'))).toBe(true);
  });

  it('resumes from any page without repeating or skipping anyone', async () => {
    const { connector } = await setUp({ users: 350, groups: 205 });
    const whole = await collect(connector.read(fullRead));
    const all = (pages: DirectoryPage[]) => ({
      users: pages.flatMap((p) => p.users ?? []).map((u) => u.externalId),
      groups: pages.flatMap((p) => p.groups ?? []).map((g) => g.externalId),
    });
    expect(all(whole).groups).toHaveLength(205);
    // In the people, at the switch to groups, and in the groups.
    for (const stopAt of [1, 4, 5]) {
      const before = await collect(connector.read(fullRead), stopAt);
      const resumeFrom = before.at(-1)?.resumeFrom ?? null;
      expect(resumeFrom).not.toBeNull();
      const after = await collect(connector.read({ cursor: null, resumeFrom }));
      const joined = all([...before, ...after]);
      expect(joined.users).toEqual(all(whole).users);
      expect(joined.groups).toEqual(all(whole).groups);
    }
  });

  it('sees every change on the next full read', async () => {
    const { org, connector } = await setUp({ users: 300, groups: 4 });
    await collect(connector.read(fullRead));
    const [suspended, deleted, renamed] = [...org.directory.users.values()].filter(
      (u) => u.state === 'ACTIVATED',
    );
    if (!suspended || !deleted || !renamed) throw new Error('the fake has too few people');
    org.directory.suspendUser(suspended._id);
    org.directory.deleteUser(deleted._id);
    org.directory.updateUser(renamed._id, { lastname: 'Renamed', displayname: '' });
    const group = [...org.directory.groups.values()][1];
    if (!group) throw new Error('the fake has too few groups');
    org.directory.addMember(group.id, suspended._id);
    org.directory.createGroup('Newcomers', [renamed._id]);

    const pages = await collect(connector.read(fullRead));
    const users = new Map(pages.flatMap((p) => p.users ?? []).map((u) => [u.externalId, u]));
    expect(users.size).toBe(299);
    expect(users.has(deleted._id)).toBe(false);
    expect(users.get(suspended._id)?.active).toBe(false);
    expect(users.get(renamed._id)?.familyName).toBe('Renamed');
    const groups = pages.flatMap((p) => p.groups ?? []);
    expect(groups.find((g) => g.externalId === group.id)?.memberExternalIds).toContain(suspended._id);
    expect(groups.find((g) => g.displayName === 'Newcomers')?.memberExternalIds).toEqual([renamed._id]);
    expect(groups.flatMap((g) => g.memberExternalIds)).not.toContain(deleted._id);
  });

  it('waits out a 429 as long as Retry-After asks', async () => {
    const { org, connector, waits } = await setUp({ users: 250, groups: 2 });
    org.throttle({ after: 2, times: 3, retryAfterSeconds: 4 });
    const pages = await collect(connector.read(fullRead));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(250);
    expect(waits).toEqual([4000, 4000, 4000]);
    expect(org.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('ends persistent 5xx in one "unavailable" error, and recovers from a few', async () => {
    const { org, connector, waits } = await setUp({ users: 10, groups: 1 });
    org.fail({ status: 503 });
    const error = await failure(collect(connector.read(fullRead)));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^JumpCloud kept answering HTTP 503 after 6 attempts\./);
    expect(waits).toHaveLength(5);

    org.fail({ status: 500, times: 2 });
    const pages = await collect(connector.read(fullRead));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(10);
  });

  it('stops when the signal aborts', async () => {
    const { org, connector } = await setUp({ users: 500, groups: 1 });
    const controller = new AbortController();
    const pages: DirectoryPage[] = [];
    await expect(
      (async () => {
        for await (const page of connector.read({ ...fullRead, signal: controller.signal }).pages) {
          pages.push(page);
          controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(pages).toHaveLength(1);
    expect(org.requests).toHaveLength(1);
  });

  it('refuses a resumeFrom that is not one of its own', async () => {
    const { connector } = await setUp({ users: 1, groups: 0 });
    const error = await failure(collect(connector.read({ cursor: null, resumeFrom: 'skip=-1' })));
    expect(error.kind).toBe('bad_response');
  });
});
