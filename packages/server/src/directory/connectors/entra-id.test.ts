import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorOptions, DirectoryPage } from '../connector';
import { type EntraFake, startEntraFake } from '../fakes/entra-fake';
import { entraIdConnector } from './entra-id';
import { collect, failure, fakeSleep, groupsOf, usersOf } from './reading.testing';

let fake: EntraFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function connect(f: EntraFake, credentials: Record<string, string> = {}, options: ConnectorOptions = {}) {
  return entraIdConnector(
    {
      tenantId: f.tenantId,
      clientId: f.clientId,
      clientSecret: f.clientSecret,
      cloud: 'global',
      ...credentials,
    },
    { baseUrls: { login: f.url, graph: f.url }, sleep: fakeSleep().sleep, ...options },
  );
}

describe('validate()', () => {
  it('accepts working credentials after a token and one user and one group', async () => {
    fake = await startEntraFake();
    await connect(fake).validate();
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/${fake.tenantId}/oauth2/v2.0/token`,
      '/v1.0/users?$select=id&$top=1',
      '/v1.0/groups?$select=id&$top=1',
    ]);
    expect(fake.requests[0]?.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: fake.clientId,
      scope: 'https://graph.microsoft.com/.default',
    });
  });

  it('words a wrong client secret with its AADSTS code, without the trace lines', async () => {
    fake = await startEntraFake();
    const error = await failure(
      connect(fake, { clientSecret: 'not-the-secret-value-0123456789abcdef' }).validate(),
    );
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toMatch(
      /^Microsoft Entra ID rejected the client secret \(AADSTS7000215: Invalid client secret provided\./,
    );
    expect(error.message).not.toContain('Trace ID');
  });

  it('words an unknown tenant', async () => {
    fake = await startEntraFake();
    const error = await failure(connect(fake, { tenantId: 'fabrikam.onmicrosoft.com' }).validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain('does not know this tenant');
    expect(error.message).toContain("AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found.");
  });

  it('words an application that is not in the tenant', async () => {
    fake = await startEntraFake();
    const error = await failure(
      connect(fake, { clientId: '99999999-9999-4999-8999-999999999999' }).validate(),
    );
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain('AADSTS700016');
    expect(error.message).toContain('application (client) ID');
  });

  it('names the missing permission when Graph refuses the groups', async () => {
    fake = await startEntraFake({ permissions: ['User.Read.All'] });
    const error = await failure(connect(fake).validate());
    expect(error.kind).toBe('insufficient_permissions');
    expect(error.status).toBe(403);
    expect(error.message).toContain('Authorization_RequestDenied: Insufficient privileges');
    expect(error.message).toContain('Add the application permission GroupMember.Read.All');
  });

  it('names User.Read.All when Graph refuses the users', async () => {
    fake = await startEntraFake({ permissions: [] });
    const error = await failure(connect(fake).validate());
    expect(error.kind).toBe('insufficient_permissions');
    expect(error.message).toContain('Add the application permission User.Read.All');
  });

  it('keeps the token until it expires, and gets a new one when Graph stops taking it', async () => {
    fake = await startEntraFake();
    const connector = connect(fake);
    await connector.validate();
    await connector.validate();
    const tokenRequests = () => fake?.requests.filter((r) => r.path.endsWith('/token')).length;
    expect(tokenRequests()).toBe(1);
    fake.revokeTokens();
    await connector.validate();
    expect(tokenRequests()).toBe(2);
  });
});

describe('the clouds', () => {
  it.each([
    ['global', 'login.microsoftonline.com', 'graph.microsoft.com'],
    ['us_gov', 'login.microsoftonline.us', 'graph.microsoft.us'],
    ['china', 'login.chinacloudapi.cn', 'microsoftgraph.chinacloudapi.cn'],
  ])('%s signs in at %s and reads %s', async (cloud, login, graph) => {
    const calls: { url: string; body: string }[] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(input), body: String(init?.body ?? '') });
      const body = String(input).includes('/token')
        ? { access_token: 't', expires_in: 3599, token_type: 'Bearer' }
        : { value: [] };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    await entraIdConnector(
      { tenantId: 'contoso.onmicrosoft.com', clientId: 'c', clientSecret: 's', cloud },
      { fetch: fetch as typeof globalThis.fetch },
    ).validate();
    expect(calls.map((c) => new URL(c.url).host)).toEqual([login, graph, graph]);
    expect(calls[0]?.url).toBe(`https://${login}/contoso.onmicrosoft.com/oauth2/v2.0/token`);
    expect(new URLSearchParams(calls[0]?.body).get('scope')).toBe(`https://${graph}/.default`);
  });

  it('refuses a cloud it does not know, in words', async () => {
    const error = await failure(
      entraIdConnector({ tenantId: 't', clientId: 'c', clientSecret: 's', cloud: 'moon' }).validate(),
    );
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain('global, us_gov or china');
  });
});

describe('a full read', () => {
  it('returns 2,500 users and 30 groups once each, with their user members, through every page', async () => {
    fake = await startEntraFake({ users: 2500, groups: 30 });
    const read = connect(fake).read({ cursor: null, resumeFrom: null });
    expect(read.full).toBe(true);
    const pages = await collect(read);

    const users = usersOf(pages);
    expect(users).toHaveLength(2500);
    expect(new Set(users.map((u) => u.externalId)).size).toBe(2500);
    const disabled = [...fake.directory.users.values()].filter((u) => !u.accountEnabled).map((u) => u.id);
    expect(users.filter((u) => !u.active).map((u) => u.externalId)).toEqual(disabled);
    const first = fake.directory.users.values().next().value;
    expect(users.find((u) => u.externalId === first?.id)).toEqual({
      externalId: first?.id,
      email: first?.mail,
      userName: first?.userPrincipalName,
      displayName: first?.displayName,
      givenName: first?.givenName,
      familyName: first?.surname,
      active: true,
    });

    const groups = groupsOf(pages);
    expect(groups).toHaveLength(30);
    for (const group of groups) {
      expect(group.memberExternalIds.sort()).toEqual(fake.directory.userMembers(group.externalId).sort());
    }
    // The nested group and the device in "Team 1" are not people.
    const team1 = [...fake.directory.groups.values()].find((g) => g.displayName === 'Team 1');
    const team1Read = groups.find((g) => g.externalId === team1?.id);
    expect(team1?.members.size).toBe((team1Read?.memberExternalIds.length ?? 0) + 2);
    expect(groups.find((g) => g.displayName === 'All staff')?.memberExternalIds).toHaveLength(2500);

    // Users in pages of 999, All staff's 2,500 members over three pages.
    const paths = fake.requests.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/v1.0/users?'))).toHaveLength(3);
    expect(paths.filter((p) => p.includes('/members?') && p.includes('$skiptoken'))).toHaveLength(2);
    expect(pages.at(-1)?.resumeFrom).toBeNull();
    expect(pages.slice(0, -1).every((p) => p.resumeFrom !== null)).toBe(true);
    expect(read.nextCursor()).toEqual(expect.any(String));
  });

  it('waits out a 429 for as long as Retry-After says', async () => {
    fake = await startEntraFake({ users: 1200, groups: 3 });
    fake.faults.throttle({ after: 3, times: 2, retryAfterSeconds: 7 });
    const clock = fakeSleep();
    const pages = await collect(
      connect(fake, {}, { sleep: clock.sleep }).read({ cursor: null, resumeFrom: null }),
    );
    expect(usersOf(pages)).toHaveLength(1200);
    expect(clock.waits).toEqual([7000, 7000]);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('backs off through a few 503s and gives up on a provider that stays down', async () => {
    fake = await startEntraFake({ users: 10, groups: 2 });
    fake.faults.fail({ times: 2, status: 503 });
    const clock = fakeSleep();
    expect(
      usersOf(
        await collect(connect(fake, {}, { sleep: clock.sleep }).read({ cursor: null, resumeFrom: null })),
      ),
    ).toHaveLength(10);
    expect(clock.waits).toHaveLength(2);

    fake.faults.fail({ times: 1000, status: 503 });
    const error = await failure(collect(connect(fake).read({ cursor: null, resumeFrom: null })));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('Microsoft Entra ID kept answering HTTP 503 after 6 attempts');
  });

  it('stops when the signal aborts', async () => {
    fake = await startEntraFake({ users: 2000, groups: 3 });
    const controller = new AbortController();
    const read = connect(fake).read({ cursor: null, resumeFrom: null, signal: controller.signal });
    const pages: DirectoryPage[] = [];
    const run = (async () => {
      for await (const page of read.pages) {
        pages.push(page);
        controller.abort(new Error('stopped'));
      }
    })();
    await expect(run).rejects.toThrow('stopped');
    expect(pages).toHaveLength(1);
  });

  it('resumes from any page without repeating or missing anyone', async () => {
    fake = await startEntraFake({ users: 2500, groups: 30 });
    const whole = await collect(connect(fake).read({ cursor: null, resumeFrom: null }));
    expect(whole.length).toBeGreaterThan(5);
    for (let stop = 1; stop < whole.length; stop++) {
      const before = await collect(connect(fake).read({ cursor: null, resumeFrom: null }), stop);
      const resumed = connect(fake).read({ cursor: null, resumeFrom: before.at(-1)?.resumeFrom ?? null });
      const after = await collect(resumed);
      const all = [...before, ...after];
      expect(usersOf(all).map((u) => u.externalId)).toEqual(usersOf(whole).map((u) => u.externalId));
      expect(groupsOf(all)).toEqual(groupsOf(whole));
      expect(resumed.nextCursor()).toEqual(expect.any(String));
    }
  });
});

describe('an incremental read (delta query)', () => {
  it('returns who changed, who was removed, and the whole member lists of changed groups', async () => {
    fake = await startEntraFake({ users: 300, groups: 6, deltaPageSize: 2 });
    const connector = connect(fake);
    const first = connector.read({ cursor: null, resumeFrom: null });
    await collect(first);
    const cursor = first.nextCursor();

    const d = fake.directory;
    const [renamed, disabled, deleted] = [...d.users.keys()];
    const groupIds = [...d.groups.keys()];
    const [allStaff, team1, team2, team3] = groupIds as [string, string, string, string];
    const moved = d.userMembers(team2).find((id) => ![renamed, disabled, deleted].includes(id));
    d.updateUser(renamed as string, { displayName: 'Renamed Person', surname: 'Person' });
    d.disableUser(disabled as string);
    d.deleteUser(deleted as string);
    const hired = d.addUser({ displayName: 'New Hire' });
    d.addMember(allStaff, hired.id);
    d.removeMember(team2, moved as string);
    d.addMember(team3, moved as string);
    d.renameGroup(team1, 'Team One');
    d.deleteGroup(groupIds[5] as string);

    const read = connector.read({ cursor, resumeFrom: null });
    expect(read.full).toBe(false);
    const pages = await collect(read);
    const users = usersOf(pages);
    expect(users.map((u) => u.externalId).sort()).toEqual([renamed, disabled, hired.id].sort());
    expect(users.find((u) => u.externalId === renamed)?.displayName).toBe('Renamed Person');
    expect(users.find((u) => u.externalId === disabled)?.active).toBe(false);
    expect(pages.flatMap((p) => p.removedUserIds ?? [])).toEqual([deleted]);

    const groups = groupsOf(pages);
    // All staff (hire added, deleted user gone), the deleted user's team, the mover's two teams, the renamed one.
    const deletedFrom = d.memberLog.filter((e) => e.memberId === deleted).map((e) => e.groupId);
    expect(deletedFrom).toContain(allStaff);
    expect(new Set(groups.map((g) => g.externalId))).toEqual(
      new Set([allStaff, team1, team2, team3, ...deletedFrom]),
    );
    expect(groups).toHaveLength(new Set([allStaff, team1, team2, team3, ...deletedFrom]).size);
    for (const group of groups) {
      expect(group.memberExternalIds.sort()).toEqual(d.userMembers(group.externalId).sort());
    }
    expect(groups.find((g) => g.externalId === team1)?.displayName).toBe('Team One');
    expect(pages.flatMap((p) => p.removedGroupIds ?? [])).toEqual([groupIds[5]]);
    expect(fake.requests.some((r) => r.path.startsWith('/v1.0/users/delta?$skiptoken='))).toBe(true);

    // The next round starts where this one ended: nothing changed, nothing comes.
    const again = connector.read({ cursor: read.nextCursor(), resumeFrom: null });
    const quiet = await collect(again);
    expect(usersOf(quiet)).toEqual([]);
    expect(groupsOf(quiet)).toEqual([]);
    expect(again.nextCursor()).toEqual(expect.any(String));
  });

  it('sees changes made while the full read ran', async () => {
    fake = await startEntraFake({ users: 50, groups: 3 });
    const connector = connect(fake);
    const first = connector.read({ cursor: null, resumeFrom: null });
    let changed = '';
    for await (const page of first.pages) {
      if (!changed && page.users) changed = fake.directory.addUser({ displayName: 'Mid-sync hire' }).id;
    }
    const pages = await collect(connector.read({ cursor: first.nextCursor(), resumeFrom: null }));
    expect(usersOf(pages).map((u) => u.externalId)).toContain(changed);
  });

  it('resumes a stopped delta read from its last page', async () => {
    fake = await startEntraFake({ users: 40, groups: 4, deltaPageSize: 3 });
    const connector = connect(fake);
    const first = connector.read({ cursor: null, resumeFrom: null });
    await collect(first);
    const cursor = first.nextCursor();
    const ids = [...fake.directory.users.keys()].slice(0, 10);
    for (const id of ids) fake.directory.updateUser(id, { givenName: 'Changed' });
    fake.directory.renameGroup([...fake.directory.groups.keys()][1] as string, 'Renamed');

    const before = await collect(connector.read({ cursor, resumeFrom: null }), 2);
    const resumed = connector.read({ cursor, resumeFrom: before.at(-1)?.resumeFrom ?? null });
    expect(resumed.full).toBe(false);
    const after = await collect(resumed);
    expect(usersOf([...before, ...after]).map((u) => u.externalId)).toEqual(ids);
    expect(groupsOf(after).map((g) => g.displayName)).toEqual(['Renamed']);
    expect(resumed.nextCursor()).toEqual(expect.any(String));
  });

  it('says so when the delta link has expired', async () => {
    fake = await startEntraFake({ users: 5, groups: 1 });
    const cursor = JSON.stringify({
      users: `${fake.url}/v1.0/users/delta?$deltatoken=expired!`,
      groups: `${fake.url}/v1.0/groups/delta?$deltatoken=expired!`,
    });
    const error = await failure(collect(connect(fake).read({ cursor, resumeFrom: null })));
    expect(error.message).toContain('syncStateNotFound');
    expect(error.message).toContain('must read everything');
  });

  it('follows no link that leaves Graph', async () => {
    fake = await startEntraFake({ users: 5, groups: 1 });
    const cursor = JSON.stringify({ users: 'https://attacker.example/v1.0/users/delta', groups: 'x' });
    const error = await failure(collect(connect(fake).read({ cursor, resumeFrom: null })));
    expect(error.kind).toBe('bad_response');
    expect(fake.requests).toHaveLength(0);
  });
});
