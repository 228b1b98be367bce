import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorOptions, DirectoryPage } from '../connector';
import { type GoogleFake, startGoogleFake } from '../fakes/google-fake';
import { GOOGLE_SCOPES, googleWorkspaceConnector } from './google-workspace';
import { collect, failure, fakeSleep, groupsOf, usersOf } from './reading.testing';

let fake: GoogleFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function connect(f: GoogleFake, credentials: Record<string, string> = {}, options: ConnectorOptions = {}) {
  return googleWorkspaceConnector(
    { serviceAccountKey: f.serviceAccountKey, adminEmail: f.adminEmail, customerId: '', ...credentials },
    { baseUrls: { admin: f.url, token: `${f.url}/token` }, sleep: fakeSleep().sleep, ...options },
  );
}

describe('validate()', () => {
  it('signs a JWT as the admin for the three read-only scopes and reads one user and one group', async () => {
    fake = await startGoogleFake();
    await connect(fake).validate();
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/token',
      '/admin/directory/v1/users?customer=my_customer&maxResults=1',
      '/admin/directory/v1/groups?customer=my_customer&maxResults=1',
    ]);
    const form = fake.requests[0]?.form ?? {};
    expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims] = (form.assertion ?? '')
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: JSON.parse(fake.serviceAccountKey).private_key_id,
    });
    expect(claims).toMatchObject({
      iss: 'directory-sync@acme-sync.iam.gserviceaccount.com',
      sub: fake.adminEmail,
      scope: GOOGLE_SCOPES.join(' '),
      aud: `${fake.url}/token`,
    });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
  });

  it('uses a customer ID when given one', async () => {
    fake = await startGoogleFake();
    await connect(fake, { customerId: fake.customerId }).validate();
    expect(fake.requests[1]?.path).toContain(`customer=${fake.customerId}`);
    const error = await failure(connect(fake, { customerId: 'C0wrong00' }).validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain('Check the customer ID');
  });

  it('says domain-wide delegation is missing, for which client ID and scopes', async () => {
    fake = await startGoogleFake({ delegatedScopes: [] });
    const error = await failure(connect(fake).validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain(
      'Google refused the service account (unauthorized_client: Client is unauthorized to retrieve access tokens using this method',
    );
    expect(error.message).toContain(
      `Domain-wide delegation is missing in the Admin console for client ID ${fake.clientId}`,
    );
    expect(error.message).toContain(GOOGLE_SCOPES.join(','));
  });

  it('says when one of the scopes was left out of the delegation', async () => {
    fake = await startGoogleFake({
      delegatedScopes: GOOGLE_SCOPES.filter((s) => !s.endsWith('group.member.readonly')),
    });
    expect((await failure(connect(fake).validate())).message).toContain('Domain-wide delegation is missing');
  });

  it('refuses a key that is not JSON, before calling Google', async () => {
    fake = await startGoogleFake();
    const error = await failure(
      connect(fake, { serviceAccountKey: '{"type": "service_account", ' }).validate(),
    );
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toMatch(/^The service account key is not valid JSON \(/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses JSON that is not a service account key, and a broken private key', async () => {
    fake = await startGoogleFake();
    const notAKey = await failure(connect(fake, { serviceAccountKey: '{"installed": {}}' }).validate());
    expect(notAKey.message).toContain('not a service account JSON key');
    const key = { ...JSON.parse(fake.serviceAccountKey), private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n' };
    const broken = await failure(connect(fake, { serviceAccountKey: JSON.stringify(key) }).validate());
    expect(broken.kind).toBe('invalid_credentials');
    expect(broken.message).toContain('is not a PEM private key');
  });

  it('words a key Google does not hold any more (signature does not verify)', async () => {
    fake = await startGoogleFake();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const key = {
      ...JSON.parse(fake.serviceAccountKey),
      private_key: other.export({ type: 'pkcs8', format: 'pem' }),
    };
    const error = await failure(connect(fake, { serviceAccountKey: JSON.stringify(key) }).validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toContain(
      'Google rejected the service account key (invalid_grant: Invalid JWT Signature.)',
    );
  });

  it('words an admin email Google does not know', async () => {
    fake = await startGoogleFake();
    const error = await failure(connect(fake, { adminEmail: 'nobody@example.com' }).validate());
    expect(error.kind).toBe('invalid_credentials');
    expect(error.message).toBe(
      "Google does not know the admin email nobody@example.com (invalid_grant: Invalid email or User ID). Enter the address of an administrator of this Google Workspace, not the service account's own.",
    );
  });

  it('says the impersonated person must be an admin when the Admin SDK refuses them', async () => {
    fake = await startGoogleFake();
    const error = await failure(connect(fake, { adminEmail: `user2@${fake.domain}` }).validate());
    expect(error.kind).toBe('insufficient_permissions');
    expect(error.message).toContain('(403: Not Authorized to access this resource/api)');
    expect(error.message).toContain(
      `acts as user2@${fake.domain}, who must be a Google Workspace administrator`,
    );
  });

  it('keeps the token, and gets a new one when Google stops taking it', async () => {
    fake = await startGoogleFake();
    const connector = connect(fake);
    await connector.validate();
    await connector.validate();
    const tokenRequests = () => fake?.requests.filter((r) => r.path === '/token').length;
    expect(tokenRequests()).toBe(1);
    fake.revokeTokens();
    await connector.validate();
    expect(tokenRequests()).toBe(2);
  });

  it("signs in at Google's token endpoint, never at an address the pasted key names", async () => {
    fake = await startGoogleFake(); // its key's token_uri points at the fake, on 127.0.0.1
    const calls: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      calls.push(String(input));
      return Response.json({ error: 'invalid_grant' }, { status: 400 });
    };
    const connector = googleWorkspaceConnector(
      { serviceAccountKey: fake.serviceAccountKey, adminEmail: fake.adminEmail },
      { baseUrls: { admin: fake.url }, fetch, sleep: fakeSleep().sleep },
    );
    await expect(connector.validate()).rejects.toMatchObject({ name: 'DirectoryError' });
    expect(calls).toEqual(['https://oauth2.googleapis.com/token']);
  });
});

describe('a read', () => {
  it('returns 2,500 users and 30 groups once each, with their user members, through every page', async () => {
    fake = await startGoogleFake({ users: 2500, groups: 30 });
    const read = connect(fake).read({ cursor: null, resumeFrom: null });
    expect(read.full).toBe(true);
    const pages = await collect(read);

    const users = usersOf(pages);
    expect(users).toHaveLength(2500);
    expect(new Set(users.map((u) => u.externalId)).size).toBe(2500);
    const inactive = [...fake.directory.users.values()]
      .filter((u) => u.suspended || u.archived)
      .map((u) => u.id);
    expect(users.filter((u) => !u.active).map((u) => u.externalId)).toEqual(inactive);
    const admin = [...fake.directory.users.values()][0];
    expect(users[0]).toEqual({
      externalId: admin?.id,
      email: admin?.primaryEmail,
      userName: admin?.primaryEmail,
      displayName: admin?.name.fullName,
      givenName: admin?.name.givenName,
      familyName: admin?.name.familyName,
      active: true,
    });

    const groups = groupsOf(pages);
    expect(groups).toHaveLength(30);
    for (const group of groups) {
      expect(group.memberExternalIds.sort()).toEqual(fake.directory.userMembers(group.externalId).sort());
    }
    const team1 = [...fake.directory.groups.values()].find((g) => g.name === 'Team 1');
    expect(groups.find((g) => g.externalId === team1?.id)?.memberExternalIds).toHaveLength(
      (team1?.members.size ?? 0) - 2,
    );

    const paths = fake.requests.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/admin/directory/v1/users?'))).toHaveLength(5);
    expect(paths.filter((p) => p.includes('/members?') && p.includes('pageToken'))).toHaveLength(12);
    expect(pages.at(-1)?.resumeFrom).toBeNull();
    expect(pages.slice(0, -1).every((p) => p.resumeFrom !== null)).toBe(true);
    expect(read.nextCursor()).toBeNull();
  });

  it('is whole every time, even when given a cursor: a deleted person is simply not there', async () => {
    fake = await startGoogleFake({ users: 20, groups: 3 });
    const gone = [...fake.directory.users.keys()][5] as string;
    fake.directory.deleteUser(gone);
    const read = connect(fake).read({ cursor: 'anything', resumeFrom: null });
    expect(read.full).toBe(true);
    const pages = await collect(read);
    expect(usersOf(pages)).toHaveLength(19);
    expect(usersOf(pages).map((u) => u.externalId)).not.toContain(gone);
    expect(groupsOf(pages).flatMap((g) => g.memberExternalIds)).not.toContain(gone);
    expect(read.nextCursor()).toBeNull();
  });

  it.each([429, 403] as const)('waits out throttling answered with %i', async (status) => {
    fake = await startGoogleFake({ users: 1200, groups: 3 });
    fake.faults.throttle({ after: 2, times: 3, status });
    const clock = fakeSleep();
    const pages = await collect(
      connect(fake, {}, { sleep: clock.sleep }).read({ cursor: null, resumeFrom: null }),
    );
    expect(usersOf(pages)).toHaveLength(1200);
    expect(clock.waits).toHaveLength(3);
    expect(fake.requests.filter((r) => r.status === status)).toHaveLength(3);
  });

  it('waits for as long as Retry-After says when Google sends one', async () => {
    fake = await startGoogleFake({ users: 10, groups: 2 });
    const clock = fakeSleep();
    let calls = 0;
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes('/users?') && calls++ === 0) {
        return new Response('{"error":{"code":429,"message":"Rate Limit Exceeded"}}', {
          status: 429,
          headers: { 'retry-after': '12' },
        });
      }
      return globalThis.fetch(input, init);
    };
    await collect(connect(fake, {}, { sleep: clock.sleep, fetch }).read({ cursor: null, resumeFrom: null }));
    expect(clock.waits).toEqual([12_000]);
  });

  it('gives up on a provider that stays down', async () => {
    fake = await startGoogleFake({ users: 10, groups: 2 });
    fake.faults.fail({ times: 1000, status: 503 });
    const error = await failure(collect(connect(fake).read({ cursor: null, resumeFrom: null })));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('Google Workspace kept answering HTTP 503 after 6 attempts');
  });

  it('stops when the signal aborts', async () => {
    fake = await startGoogleFake({ users: 1200, groups: 3 });
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
    fake = await startGoogleFake({ users: 1600, groups: 12 });
    const whole = await collect(connect(fake).read({ cursor: null, resumeFrom: null }));
    expect(whole.length).toBeGreaterThan(5);
    for (let stop = 1; stop < whole.length; stop++) {
      const before = await collect(connect(fake).read({ cursor: null, resumeFrom: null }), stop);
      const after = await collect(
        connect(fake).read({ cursor: null, resumeFrom: before.at(-1)?.resumeFrom ?? null }),
      );
      const all = [...before, ...after];
      expect(usersOf(all).map((u) => u.externalId)).toEqual(usersOf(whole).map((u) => u.externalId));
      expect(groupsOf(all)).toEqual(groupsOf(whole));
    }
  });

  it('leaves out a group deleted between the listing and its members', async () => {
    fake = await startGoogleFake({ users: 30, groups: 4 });
    const doomed = [...fake.directory.groups.keys()][2] as string;
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes(`/groups/${doomed}/members`)) fake?.directory.deleteGroup(doomed);
      return globalThis.fetch(input, init);
    };
    const pages = await collect(connect(fake, {}, { fetch }).read({ cursor: null, resumeFrom: null }));
    expect(groupsOf(pages).map((g) => g.externalId)).not.toContain(doomed);
    expect(groupsOf(pages)).toHaveLength(3);
  });
});
