import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryConnector, DirectoryPage } from '../connector';
import { OKTA_FAKE_API_TOKEN, type OktaFake, type OktaFakeOptions, start } from '../fakes/okta-fake';
import { createOktaConnector } from './okta';
import { collect, failure } from './reading.testing';

let fake: OktaFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(options: OktaFakeOptions = {}, credentials: Record<string, string> = {}) {
  fake = await start(options);
  const org = fake;
  const waits: number[] = [];
  const connector = createOktaConnector(
    { authMethod: 'api_token', orgUrl: org.url, apiToken: OKTA_FAKE_API_TOKEN, ...credentials },
    {
      allowPrivateAddresses: true, // the fake org listens on 127.0.0.1
      // No real waiting: record what was asked and move the org's clock on instead.
      sleep: async (ms) => {
        waits.push(ms);
        org.advance(ms);
      },
    },
  );
  return { org, connector, waits };
}

const full = (connector: DirectoryConnector) => connector.read({ cursor: null, resumeFrom: null });

/** What a full read must hold: everyone Okta lists, and each group (but Everyone) with its listed members. */
function expected(org: OktaFake) {
  const listed = new Set(org.directory.listedUsers().map((u) => u.id));
  const groups = new Map(
    [...org.directory.groups.values()]
      .filter((g) => g.type !== 'BUILT_IN')
      .map((g) => [g.id, [...g.members].filter((id) => listed.has(id)).sort()]),
  );
  return { users: [...listed].sort(), groups };
}

describe('Okta connector, API token', () => {
  it('validates good credentials with one cheap call to each list', async () => {
    const { org, connector } = await setUp({ users: 20, groups: 3 });
    await connector.validate();
    expect(org.requests.map((r) => `${r.method} ${r.url} ${r.auth} ${r.status}`)).toEqual([
      'GET /api/v1/users?limit=1 SSWS 200',
      'GET /api/v1/groups?limit=1 SSWS 200',
    ]);
  });

  it('words a rejected API token as Okta does', async () => {
    const { connector } = await setUp({ users: 5, groups: 1 }, { apiToken: 'not-the-token-0123456789' });
    const error = await failure(connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toBe('Okta rejected the API token (E0000011: Invalid token provided).');
    expect(error.status).toBe(401);
  });

  it('reports a token that can read people but not groups as insufficient permissions', async () => {
    const token = 'usersOnlyToken-0123456789abcdef';
    const { connector } = await setUp(
      { users: 5, groups: 1, apiTokens: { [token]: ['okta.users.read'] } },
      {
        apiToken: token,
      },
    );
    const error = await failure(connector.validate());
    expect(error.kind).toBe('insufficient_permissions');
    expect(error.message).toContain(
      'Okta refused to list groups (E0000006: You do not have permission to perform the requested action).',
    );
    expect(error.message).toContain('Read-Only Administrator');
  });

  it('says which credential is missing', async () => {
    const { connector } = await setUp({ users: 1, groups: 0 }, { apiToken: '' });
    const error = await failure(connector.validate());
    expect(error).toMatchObject({ kind: 'invalid_credentials', message: 'The Okta API token is missing.' });
  });

  it('reads 2,500 people and 30 groups exactly once, people first, groups with every member', async () => {
    const { org, connector } = await setUp({ users: 2500, groups: 30 });
    const read = full(connector);
    expect(read.full).toBe(true);
    const pages = await collect(read);

    const users = pages.flatMap((p) => p.users ?? []);
    const ids = users.map((u) => u.externalId);
    const want = expected(org);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(want.users);
    expect(want.users.length).toBeGreaterThan(2400); // DEPROVISIONED people are not listed

    const groups = pages.flatMap((p) => p.groups ?? []);
    expect(groups).toHaveLength(30);
    for (const group of groups) {
      expect([...group.memberExternalIds].sort()).toEqual(want.groups.get(group.externalId));
    }
    expect(groups.find((g) => g.displayName === 'Team 1')?.memberExternalIds.length).toBeGreaterThan(1000);
    expect(groups.find((g) => g.displayName === 'Team 30')?.memberExternalIds).toEqual([]);

    // People first, then groups; no page over Okta's 200; only the last page has nowhere to resume.
    const firstGroupPage = pages.findIndex((p) => p.groups);
    expect(pages.slice(firstGroupPage).every((p) => !p.users)).toBe(true);
    expect(pages.every((p) => (p.users?.length ?? 0) <= 200 && (p.groups?.length ?? 0) <= 200)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.resumeFrom !== null)).toBe(true);
    expect(pages.at(-1)?.resumeFrom).toBeNull();
    expect(pages.every((p) => !p.removedUserIds)).toBe(true);
    expect(read.nextCursor()).not.toBeNull();

    // Okta's statuses and profile map onto the workspace's fields.
    const byId = new Map(users.map((u) => [u.externalId, u]));
    for (const person of org.directory.listedUsers()) {
      const user = byId.get(person.id);
      expect(user?.active).toBe(person.status !== 'SUSPENDED');
      expect(user?.email).toBe(person.profile.email);
      expect(user?.userName).toBe(person.profile.login);
      expect(user?.givenName).toBe(person.profile.firstName);
    }
    const named = org.directory.listedUsers().find((u) => u.profile.displayName);
    expect(byId.get(named?.id ?? '')?.displayName).toBe(named?.profile.displayName);
    const plain = org.directory.listedUsers().find((u) => !u.profile.displayName);
    expect(byId.get(plain?.id ?? '')?.displayName).toBe(
      `${plain?.profile.firstName} ${plain?.profile.lastName}`,
    );

    // Every request asked for Okta's largest page and followed its links.
    const userRequests = org.requests.filter((r) => r.path === '/api/v1/users');
    expect(userRequests).toHaveLength(Math.ceil(want.users.length / 200));
    expect(userRequests.every((r) => r.url.includes('limit=200'))).toBe(true);
    expect(org.requests.some((r) => r.path.endsWith('/users') && r.url.includes('after='))).toBe(true);
  });

  it('resumes from any page without repeating or skipping anyone', async () => {
    const { org, connector } = await setUp({ users: 700, groups: 5 });
    const whole = await collect(full(connector));
    const all = (pages: DirectoryPage[]) => ({
      users: pages.flatMap((p) => p.users ?? []).map((u) => u.externalId),
      groups: pages.flatMap((p) => p.groups ?? []).map((g) => g.externalId),
    });
    // Stop after each page in turn (in the people, at the switch to groups) and go on from its resumeFrom.
    for (const stopAt of [1, 2, 4]) {
      const before = await collect(full(connector), stopAt);
      const resumeFrom = before.at(-1)?.resumeFrom ?? null;
      expect(resumeFrom).not.toBeNull();
      const after = await collect(connector.read({ cursor: null, resumeFrom }));
      const joined = all([...before, ...after]);
      expect(joined.users).toEqual(all(whole).users);
      expect(joined.groups).toEqual(all(whole).groups);
    }
    expect(org.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('waits out a 429 as long as Retry-After asks', async () => {
    const { org, connector, waits } = await setUp({ users: 450, groups: 2 });
    org.throttle({ after: 1, times: 2, retryAfterSeconds: 7 });
    const pages = await collect(full(connector));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(org.directory.listedUsers().length);
    expect(waits).toEqual([7000, 7000]);
    expect(org.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('waits for X-Rate-Limit-Reset when the window is spent, instead of being refused', async () => {
    const { org, connector, waits } = await setUp({
      users: 450,
      groups: 2,
      rateLimit: { limit: 3, windowSeconds: 30 },
    });
    const pages = await collect(full(connector));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(org.directory.listedUsers().length);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 31_000)).toBe(true);
    expect(org.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('ends persistent 5xx in one "unavailable" error', async () => {
    const { org, connector, waits } = await setUp({ users: 10, groups: 1 });
    org.fail({ status: 503 });
    const error = await failure(collect(full(connector)));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^Okta kept answering HTTP 503 after 6 attempts\./);
    expect(waits).toHaveLength(5);
  });

  it('recovers from a few 5xx', async () => {
    const { org, connector } = await setUp({ users: 10, groups: 1 });
    org.fail({ status: 500, times: 2 });
    const pages = await collect(full(connector));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(org.directory.listedUsers().length);
  });

  it('pages members added out of order in id order, each once (the fake sorts only when it must)', async () => {
    const { org, connector } = await setUp({ users: 2500, groups: 1 });
    const everyone = org.directory.listedUsers().map((u) => u.id);
    const reversed = org.directory.createGroup('Reversed', [...everyone].reverse());
    const pages = await collect(full(connector));
    const group = pages.flatMap((p) => p.groups ?? []).find((g) => g.externalId === reversed.id);
    expect(group?.memberExternalIds).toEqual(expected(org).groups.get(reversed.id));
    expect(group?.memberExternalIds).toHaveLength(everyone.length);
    expect(org.requests.filter((r) => r.path === `/api/v1/groups/${reversed.id}/users`)).toHaveLength(3);
  });

  it('reads only what changed since the cursor, and names who was deactivated', async () => {
    const { org, connector } = await setUp({ users: 600, groups: 6 });
    const first = full(connector);
    await collect(first);
    const cursor = first.nextCursor();
    expect(cursor).not.toBeNull();

    const [renamed, suspended, deactivated, moved] = org.directory
      .listedUsers()
      .filter((u) => u.status === 'ACTIVE');
    if (!renamed || !suspended || !deactivated || !moved) throw new Error('the fake has too few people');
    org.directory.updateUser(renamed.id, { lastName: 'Renamed' });
    org.directory.suspendUser(suspended.id);
    org.directory.deactivateUser(deactivated.id);
    const newcomer = org.directory.createUser({ firstName: 'New', lastName: 'Person' });
    const teams = [...org.directory.groups.values()].filter((g) => g.type === 'OKTA_GROUP');
    const changedTeam = teams[2];
    if (!changedTeam) throw new Error('the fake has too few groups');
    org.directory.addMember(changedTeam.id, newcomer.id);
    org.directory.addMember(changedTeam.id, moved.id);
    const newTeam = org.directory.createGroup('Newcomers', [newcomer.id, deactivated.id]);

    const delta = connector.read({ cursor, resumeFrom: null });
    expect(delta.full).toBe(false);
    const pages = await collect(delta);
    const users = pages.flatMap((p) => p.users ?? []);
    expect(users.map((u) => u.externalId).sort()).toEqual([renamed.id, suspended.id, newcomer.id].sort());
    expect(users.find((u) => u.externalId === renamed.id)?.familyName).toBe('Renamed');
    expect(users.find((u) => u.externalId === suspended.id)?.active).toBe(false);
    expect(pages.flatMap((p) => p.removedUserIds ?? [])).toEqual([deactivated.id]);

    const groups = pages.flatMap((p) => p.groups ?? []);
    expect(groups.map((g) => g.externalId).sort()).toEqual([changedTeam.id, newTeam.id].sort());
    expect(groups.find((g) => g.externalId === changedTeam.id)?.memberExternalIds).toEqual(
      expect.arrayContaining([newcomer.id, moved.id]),
    );
    // Whole member lists, without the deactivated person.
    expect(groups.find((g) => g.externalId === newTeam.id)?.memberExternalIds).toEqual([newcomer.id]);
    expect(org.requests.filter((r) => r.path === '/api/v1/users').at(-1)?.url).toContain(
      'filter=lastUpdated',
    );

    // The next incremental read starts a little before this one did (the overlap), never after it.
    expect(Date.parse(delta.nextCursor() ?? '')).toBeLessThan(Date.now());
    expect(Date.parse(delta.nextCursor() ?? '')).toBeGreaterThan(Date.parse(cursor ?? ''));
  });

  it('stops when the signal aborts', async () => {
    const { org, connector } = await setUp({ users: 1000, groups: 2 });
    const controller = new AbortController();
    const read = connector.read({ cursor: null, resumeFrom: null, signal: controller.signal });
    const pages: DirectoryPage[] = [];
    await expect(
      (async () => {
        for await (const page of read.pages) {
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
    const resumeFrom = JSON.stringify({
      v: 1,
      phase: 'users',
      next: 'https://evil.example/x',
      startedAt: 'now',
    });
    const error = await failure(collect(connector.read({ cursor: null, resumeFrom })));
    expect(error.kind).toBe('bad_response');
  });
});

describe('Okta connector, OAuth service app', () => {
  const clientId = '0oa1fakeServiceApp01';

  it('signs a client assertion with an RSA JWK, gets one access token and reads with it', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'key-1' };
    const { org, connector } = await setUp(
      { users: 450, groups: 3, clients: [{ clientId, publicKey, kid: 'key-1' }] },
      { authMethod: 'oauth', clientId, privateKey: JSON.stringify(jwk), apiToken: '' },
    );
    await connector.validate();
    const pages = await collect(full(connector));
    expect(pages.flatMap((p) => p.users ?? [])).toHaveLength(org.directory.listedUsers().length);
    const tokenRequests = org.requests.filter((r) => r.path === '/oauth2/v1/token');
    expect(tokenRequests).toHaveLength(1);
    expect(org.requests.filter((r) => r.path.startsWith('/api/')).every((r) => r.auth === 'Bearer')).toBe(
      true,
    );
  });

  it('signs with an EC key in PEM (ES256)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const { connector } = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey: publicKey.export({ format: 'jwk' }) }] },
      { authMethod: 'oauth', clientId, privateKey: pem },
    );
    await connector.validate();
  });

  it('fetches a new access token when Okta no longer accepts the old one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { org, connector } = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey }] },
      {
        authMethod: 'oauth',
        clientId,
        privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
      },
    );
    await connector.validate();
    org.revokeAccessTokens();
    await connector.validate();
    expect(org.requests.filter((r) => r.path === '/oauth2/v1/token')).toHaveLength(2);
  });

  it('words a key Okta does not know as a rejected client assertion', async () => {
    const registered = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { connector } = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey: registered.publicKey }] },
      {
        authMethod: 'oauth',
        clientId,
        privateKey: JSON.stringify(other.privateKey.export({ format: 'jwk' })),
      },
    );
    const error = await failure(connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toBe(
      'Okta rejected the client assertion (invalid_client: The client_assertion signature is invalid).',
    );
  });

  it('words an unknown client ID', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { connector } = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey }] },
      {
        authMethod: 'oauth',
        clientId: '0oa1someOtherApp0000',
        privateKey: JSON.stringify(privateKey.export({ format: 'jwk' })),
      },
    );
    const error = await failure(connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain(
      "Okta does not know the client ID (invalid_client: Invalid value for 'client_id'",
    );
  });

  it('reports scopes not granted, and a missing admin role, as insufficient permissions', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const scoped = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey, scopes: ['okta.users.read'] }] },
      { authMethod: 'oauth', clientId, privateKey: key },
    );
    const scopeError = await failure(scoped.connector.validate());
    expect(scopeError.kind).toBe('insufficient_permissions');
    expect(scopeError.message).toContain('invalid_scope');
    expect(scopeError.message).toContain('Okta API Scopes tab');
    await scoped.org.close();

    const roleless = await setUp(
      { users: 5, groups: 1, clients: [{ clientId, publicKey, adminRole: false }] },
      { authMethod: 'oauth', clientId, privateKey: key },
    );
    const roleError = await failure(roleless.connector.validate());
    expect(roleError.kind).toBe('insufficient_permissions');
    expect(roleError.message).toContain('E0000006');
    expect(roleError.message).toContain('Admin roles tab');
  });

  it('words a private key it cannot read', async () => {
    const { connector } = await setUp(
      { users: 1, groups: 0 },
      { authMethod: 'oauth', clientId, privateKey: '{"kty":"RSA","d":"nope"}' },
    );
    const error = await failure(connector.validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toMatch(/^The Okta private key could not be read as JWK JSON or PEM/);
  });
});
