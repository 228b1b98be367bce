import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserDeprovisionedEvent } from '../events';
import { createIdentityServer } from '../server';
import { openSqliteStorage, type SqliteStorage } from '../storage/sqlite';
import { createTestConnection, type TestConnection } from '../testing/test-connection';
import { PATCH_SCHEMA } from './patch';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schemas';
import type { ScimHandlerOptions } from './scim-handler';

const ORIGIN = 'https://app.example';

let storage: SqliteStorage;
let events: UserDeprovisionedEvent[];

function setup(scim: Omit<ScimHandlerOptions, 'storage' | 'events'> = {}) {
  const server = createIdentityServer({
    storage,
    scim: { rateLimit: false, ...scim },
    events: { userDeprovisioned: (event) => void events.push(event) },
  });
  /** A client of one connection: `call('POST', '/Users', body)`. */
  const client = (connection: TestConnection, token = connection.token) => {
    const base = connection.baseUrl(ORIGIN);
    return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await server.fetch(
        new Request(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', ...headers },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    };
  };
  return { server, client };
}

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});

beforeEach(() => {
  storage = openSqliteStorage({ filename: ':memory:' });
  events = [];
});
afterEach(() => storage.close());

describe('Users', () => {
  it('creates (201 + Location), reads, lists, replaces and deletes a user, as SCIM JSON', async () => {
    const connection = await createTestConnection(storage);
    const call = setup().client(connection);
    const created = await call('POST', '/Users', user('ada@example.com', { externalId: 'okta-1' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`${connection.baseUrl(ORIGIN)}/Users/${id}`);
    expect(created.body).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'ada@example.com',
      externalId: 'okta-1',
      active: true,
      meta: { resourceType: 'User', location: `${connection.baseUrl(ORIGIN)}/Users/${id}`, version: 'W/"1"' },
    });

    expect((await call('GET', `/Users/${id}`)).body.name).toEqual({
      givenName: 'Ada',
      familyName: 'Lovelace',
    });
    const replaced = await call('PUT', `/Users/${id}`, user('ada@example.com', { displayName: 'Countess' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ displayName: 'Countess', meta: { version: 'W/"2"' } });
    expect(replaced.body.externalId).toBeUndefined();

    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await call('GET', `/Users/${id}`)).status).toBe(404);
  });

  it('finds users with filters, pages with 1-based startIndex and count, and always says totalResults', async () => {
    const call = setup().client(await createTestConnection(storage));
    for (const n of [1, 2, 3, 4, 5])
      await call(
        'POST',
        '/Users',
        user(`user${n}@example.com`, { externalId: `e${n}`, displayName: `Person ${n}` }),
      );
    const byName = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "USER3@example.com"')}`,
    );
    expect(byName.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(byName.body.Resources[0].userName).toBe('user3@example.com');

    const none = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`);
    expect(none.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      itemsPerPage: 0,
      startIndex: 1,
      Resources: [],
    });

    const page = await call('GET', '/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: 5, itemsPerPage: 2, startIndex: 2 });
    expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([
      'user2@example.com',
      'user3@example.com',
    ]);

    const or = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq "e1" or externalId eq "e5"')}&count=1`,
    );
    expect(or.body).toMatchObject({ totalResults: 2, itemsPerPage: 1 });

    const notMatching = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('not (userName sw "user1") and emails[type eq "work"]')}`,
    );
    expect(notMatching.body.totalResults).toBe(4);

    // displayName is not case-exact (RFC 7643 §4.1.1); no index serves it since migration 6, the answer is the same.
    const byDisplayName = await call(
      'GET',
      `/Users?filter=${encodeURIComponent('displayName eq "PERSON 4"')}`,
    );
    expect(byDisplayName.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([
      'user4@example.com',
    ]);

    const counted = await call('GET', '/Users?count=0');
    expect(counted.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });

  it('returns only the attributes asked for, or all but the excluded ones (id and schemas always)', async () => {
    const call = setup().client(await createTestConnection(storage));
    const { body } = await call('POST', '/Users', user('ada@example.com'));
    const only = await call('GET', `/Users/${body.id}?attributes=userName,name.givenName`);
    expect(only.body).toEqual({
      schemas: [USER_SCHEMA],
      id: body.id,
      userName: 'ada@example.com',
      name: { givenName: 'Ada' },
    });
    const without = await call('GET', `/Users?excludedAttributes=emails,meta,id`);
    expect(without.body.Resources[0].emails).toBeUndefined();
    expect(without.body.Resources[0].meta).toBeUndefined();
    expect(without.body.Resources[0].id).toBe(body.id);
  });

  it('keeps the enterprise extension and canonicalises attribute names and string booleans', async () => {
    const call = setup().client(await createTestConnection(storage));
    const created = await call('POST', '/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      USERNAME: 'ada@example.com',
      Active: 'True',
      Emails: [{ Value: 'ada@example.com', Primary: 'true' }],
      [ENTERPRISE_USER_SCHEMA]: { Department: 'Engines', manager: { value: 'babbage' }, shoeSize: 9 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'ada@example.com',
      active: true,
      emails: [{ value: 'ada@example.com', primary: true }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Engines', manager: { value: 'babbage' } },
    });
    expect(created.body[ENTERPRISE_USER_SCHEMA].shoeSize).toBeUndefined();
    const found = await call(
      'GET',
      `/Users?filter=${encodeURIComponent(`${ENTERPRISE_USER_SCHEMA}:department eq "engines"`)}`,
    );
    expect(found.body.totalResults).toBe(1);
  });

  it('PATCHes a user and answers 200 with it (Okta deactivation: path-less replace of active:false)', async () => {
    const call = setup().client(await createTestConnection(storage));
    const { body } = await call('POST', '/Users', user('ada@example.com'));
    const patched = await call('PATCH', `/Users/${body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expect(events).toEqual([expect.objectContaining({ userId: body.id, action: 'suspend' })]);
    const reactivated = await call('PATCH', `/Users/${body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(reactivated.body.active).toBe(true);
    expect(events).toHaveLength(1);
  });
});

describe('deprovisioning, per the connection setting', () => {
  it('suspend: DELETE keeps a suspended member out of SCIM; creating the userName again brings it back', async () => {
    const connection = await createTestConnection(storage, { deprovisionAction: 'suspend' });
    const call = setup().client(connection);
    const { body } = await call('POST', '/Users', user('ada@example.com'));
    expect((await call('DELETE', `/Users/${body.id}`)).status).toBe(204);
    expect(events).toEqual([
      expect.objectContaining({ userId: body.id, action: 'suspend', workspaceId: connection.workspace.id }),
    ]);
    const member = storage.database.db.prepare('SELECT status FROM users WHERE id = ?').get(body.id);
    expect(member).toEqual({ status: 'suspended' });
    expect((await call('GET', '/Users')).body.totalResults).toBe(0);
    // JumpCloud's test connection creates a user, deletes it, and does it again next time.
    const again = await call('POST', '/Users', user('ada@example.com'));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(body.id);
    expect(again.body.active).toBe(true);
  });

  it('delete: active:false removes the member', async () => {
    const call = setup().client(await createTestConnection(storage, { deprovisionAction: 'delete' }));
    const { body } = await call('POST', '/Users', user('ada@example.com'));
    const put = await call('PUT', `/Users/${body.id}`, user('ada@example.com', { active: false }));
    expect(put.status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ userId: body.id, action: 'delete' })]);
    expect((await call('GET', `/Users/${body.id}`)).status).toBe(404);
    expect(storage.database.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  });

  it('a group loses a member the IdP deletes', async () => {
    const call = setup().client(await createTestConnection(storage));
    const ada = (await call('POST', '/Users', user('ada@example.com'))).body;
    const group = (
      await call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Eng',
        members: [{ value: ada.id }],
      })
    ).body;
    await call('DELETE', `/Users/${ada.id}`);
    expect((await call('GET', `/Groups/${group.id}`)).body.members).toEqual([]);
  });
});

describe('uniqueness and retries', () => {
  it('answers 409 uniqueness for a userName taken in the workspace, in any case', async () => {
    const connection = await createTestConnection(storage);
    const call = setup().client(connection);
    await call('POST', '/Users', user('ada@example.com'));
    const duplicate = await call('POST', '/Users', user('ADA@example.com'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'A user with the userName "ADA@example.com" already exists.',
    });
    // Another connection of the same workspace cannot take it either.
    const other = await createTestConnection(storage, { workspaceId: connection.workspace.id });
    expect((await setup().client(other)('POST', '/Users', user('Ada@Example.com'))).status).toBe(409);
    // Renaming onto a taken userName is a 409 as well.
    const bob = (await call('POST', '/Users', user('bob@example.com'))).body;
    const rename = await call('PATCH', `/Users/${bob.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'userName', value: 'ada@EXAMPLE.com' }],
    });
    expect(rename.status).toBe(409);
  });

  it('takes over a member added by hand with the same userName: same id and role, now provisioned', async () => {
    const connection = await createTestConnection(storage);
    const owner = await storage.members.create({
      workspaceId: connection.workspace.id,
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'owner',
    });
    const call = setup().client(connection);
    const created = await call('POST', '/Users', user('Ada@Example.com', { externalId: 'okta-ada' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: owner.id, userName: 'Ada@Example.com', externalId: 'okta-ada' });
    expect(await storage.members.get(connection.workspace.id, owner.id)).toMatchObject({
      role: 'owner',
      source: { type: 'scim', connectionId: connection.connection.id },
    });
    expect((await call('GET', '/Users')).body.totalResults).toBe(1);
    // Now the connection's: another connection still gets 409.
    const other = await createTestConnection(storage, { workspaceId: connection.workspace.id });
    expect((await setup().client(other)('POST', '/Users', user('ada@example.com'))).status).toBe(409);
  });

  it('a retried create (same userName and externalId) returns the same user (Rippling retries)', async () => {
    const call = setup().client(await createTestConnection(storage, { provider: 'rippling' }));
    const first = await call('POST', '/Users', user('ada@example.com', { externalId: 'rip-1' }));
    const retry = await call('POST', '/Users', user('ada@example.com', { externalId: 'rip-1' }));
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await call('GET', '/Users')).body.totalResults).toBe(1);
    const other = await call('POST', '/Users', user('ada@example.com', { externalId: 'rip-2' }));
    expect(other.status).toBe(409);
  });
});

describe('Groups', () => {
  it('creates, lists, PATCHes members (204) and reads them back; members must be users of the connection', async () => {
    const call = setup().client(await createTestConnection(storage));
    const ada = (await call('POST', '/Users', user('ada@example.com', { displayName: 'Ada' }))).body;
    const bob = (await call('POST', '/Users', user('bob@example.com'))).body;
    const created = await call('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineers',
      members: [{ value: ada.id }],
    });
    expect(created.status).toBe(201);
    expect(created.body.members).toEqual([
      {
        value: ada.id,
        $ref: `${ORIGIN}${new URL(created.headers.get('location') as string).pathname.replace(/\/Groups\/.*/, '')}/Users/${ada.id}`,
        display: 'Ada',
        type: 'User',
      },
    ]);
    const id = created.body.id as string;

    const add = await call('PATCH', `/Groups/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: bob.id }] }],
    });
    expect(add.status).toBe(204);
    const ids = async () =>
      (await call('GET', `/Groups/${id}`)).body.members.map((m: { value: string }) => m.value);
    expect(await ids()).toEqual([ada.id, bob.id]);
    expect((await call('GET', `/Users/${bob.id}`)).body.groups).toEqual([
      expect.objectContaining({ value: id, display: 'Engineers', type: 'direct' }),
    ]);

    await call('PATCH', `/Groups/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: ada.id }] }],
    });
    expect(await ids()).toEqual([bob.id]);
    await call('PATCH', `/Groups/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'remove', path: `members[value eq "${bob.id}"]` }],
    });
    expect(await ids()).toEqual([]);

    const renamed = await call('PATCH', `/Groups/${id}?attributes=displayName`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', value: { displayName: 'Engines' } }],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ schemas: [GROUP_SCHEMA], id, displayName: 'Engines' });

    const found = await call(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "engines"')}&excludedAttributes=members`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].members).toBeUndefined();

    const dangling = await call('PATCH', `/Groups/${id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }],
    });
    expect(dangling).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect((await call('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await call('GET', `/Groups/${id}`)).status).toBe(404);
  });
});

describe('discovery', () => {
  it('serves ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const call = setup().client(await createTestConnection(storage));
    const spc = await call('GET', '/ServiceProviderConfig');
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true },
    });
    const types = await call('GET', '/ResourceTypes');
    expect(types.body.Resources.map((t: { endpoint: string }) => t.endpoint)).toEqual(['/Users', '/Groups']);
    expect((await call('GET', '/ResourceTypes/User')).body.schemaExtensions).toEqual([
      { schema: ENTERPRISE_USER_SCHEMA, required: false },
    ]);
    const schemas = await call('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      GROUP_SCHEMA,
    ]);
    expect((await call('GET', `/Schemas/${USER_SCHEMA}`)).body.description).toBe('User Account');
    expect((await call('GET', '/Schemas/urn:nothing')).status).toBe(404);
  });
});

describe('errors', () => {
  const errorOf = (r: { status: number; body: Record<string, unknown> }) => ({
    status: r.status,
    scimType: r.body.scimType,
  });

  it('broken JSON is 400 invalidSyntax; a body that is not a resource is 400 too', async () => {
    const call = setup().client(await createTestConnection(storage));
    expect(errorOf(await call('POST', '/Users', '{"userName": tru'))).toEqual({
      status: 400,
      scimType: 'invalidSyntax',
    });
    expect(errorOf(await call('POST', '/Users', '[1,2]'))).toEqual({
      status: 400,
      scimType: 'invalidSyntax',
    });
    expect(errorOf(await call('POST', '/Users', { active: true }))).toEqual({
      status: 400,
      scimType: 'invalidValue',
    });
    expect(errorOf(await call('POST', '/Users', user('a@example.com', { active: 'perhaps' })))).toEqual({
      status: 400,
      scimType: 'invalidValue',
    });
    expect(errorOf(await call('PATCH', '/Users/x', { Operations: [] }))).toEqual({
      status: 400,
      scimType: 'invalidSyntax',
    });
  });

  it('an unknown attribute in a filter is 400 invalidFilter, in a PATCH path 400 invalidPath', async () => {
    const call = setup().client(await createTestConnection(storage));
    const { body } = await call('POST', '/Users', user('ada@example.com'));
    const filter = await call('GET', `/Users?filter=${encodeURIComponent('shoeSize gt 3')}`);
    expect(filter).toMatchObject({
      status: 400,
      body: { status: '400', scimType: 'invalidFilter', detail: 'Unknown attribute shoeSize in the filter.' },
    });
    expect(errorOf(await call('GET', `/Users?filter=${encodeURIComponent('userName eq')}`))).toEqual({
      status: 400,
      scimType: 'invalidFilter',
    });
    const patch = await call('PATCH', `/Users/${body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'add', path: 'shoeSize', value: 9 }],
    });
    expect(errorOf(patch)).toEqual({ status: 400, scimType: 'invalidPath' });
    expect(errorOf(await call('GET', '/Users?startIndex=abc'))).toEqual({
      status: 400,
      scimType: 'invalidValue',
    });
  });

  it('404 for unknown resources and endpoints, 405 for methods an endpoint lacks', async () => {
    const call = setup().client(await createTestConnection(storage));
    const missing = await call('GET', '/Users/does-not-exist');
    expect(missing).toMatchObject({
      status: 404,
      body: { status: '404', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] },
    });
    expect((await call('PUT', '/Users/nope', user('x@example.com'))).status).toBe(404);
    expect((await call('DELETE', '/Groups/nope')).status).toBe(404);
    expect((await call('GET', '/Widgets')).status).toBe(404);
    const wrong = await call('DELETE', '/Users');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  it('401 without a token, with a wrong one, and with the token of another connection or workspace', async () => {
    const a = await createTestConnection(storage, { workspaceName: 'A' });
    const b = await createTestConnection(storage, { workspaceName: 'B' });
    const sibling = await createTestConnection(storage, { workspaceId: a.workspace.id });
    const { server, client } = setup();
    const noToken = await server.fetch(new Request(`${a.baseUrl(ORIGIN)}/Users`));
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"');
    expect(await noToken.json()).toMatchObject({ status: '401', detail: expect.any(String) });
    expect((await client(a, `${a.token}x`)('GET', '/Users')).status).toBe(401);
    expect((await client(a, b.token)('GET', '/Users')).status).toBe(401);
    expect((await client(a, sibling.token)('GET', '/Users')).status).toBe(401);
    // The URL of a connection under another workspace's id is no way in either.
    const crossed = {
      ...a,
      baseUrl: (origin: string) => `${origin}/scim/v2/${b.workspace.id}/${a.connection.id}`,
    };
    expect((await client(crossed)('GET', '/Users')).status).toBe(401);
  });

  it('413 for a body over the limit', async () => {
    const call = setup({ maxBodyBytes: 1000 }).client(await createTestConnection(storage));
    const big = await call('POST', '/Users', user('ada@example.com', { title: 'x'.repeat(2000) }));
    expect(big).toMatchObject({ status: 413, body: { status: '413' } });
    expect((await call('POST', '/Users', user('ada@example.com'))).status).toBe(201);
  });

  it('429 with an integer Retry-After once a token spends its budget, per token', async () => {
    const { client } = setup({ rateLimit: { burst: 3, perSecond: 0.5 } });
    const a = await createTestConnection(storage);
    const b = await createTestConnection(storage);
    const call = client(a);
    for (let i = 0; i < 3; i++) expect((await call('GET', '/Users')).status).toBe(200);
    const limited = await call('GET', '/Users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toMatchObject({ status: '429', scimType: 'tooMany' });
    expect((await client(b)('GET', '/Users')).status).toBe(200);
  });
});

describe('never a 500', () => {
  it('answers malformed requests of every kind with a SCIM error body', async () => {
    const onError = (error: unknown) => {
      throw new Error(`unexpected error reached onError: ${String(error)}`);
    };
    const call = setup({ onError }).client(await createTestConnection(storage));
    const ada = (await call('POST', '/Users', user('ada@example.com'))).body;
    const group = (await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'G' })).body;
    const patch = (Operations: unknown) => ({ schemas: [PATCH_SCHEMA], Operations });
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/Users', ''],
      ['POST', '/Users', 'null'],
      ['POST', '/Users', '"text"'],
      ['POST', '/Users', { userName: ['a'] }],
      ['POST', '/Users', { userName: { a: 1 } }],
      ['POST', '/Users', { userName: 'b@example.com', name: 'Ada' }],
      ['POST', '/Users', { userName: 'b@example.com', emails: [1, 2] }],
      ['POST', '/Users', { userName: 'b@example.com', emails: 'b@example.com' }],
      ['POST', '/Users', { userName: 'b@example.com', [ENTERPRISE_USER_SCHEMA]: 'x' }],
      ['POST', '/Users', '['.repeat(100_000)],
      ['POST', '/Groups', { displayName: 'G', members: [{ display: 'no value' }] }],
      ['POST', '/Groups', { displayName: 42, members: 'x' }],
      ['POST', '/Groups', { members: [] }],
      ['PATCH', `/Users/${ada.id}`, patch('x')],
      ['PATCH', `/Users/${ada.id}`, patch([null])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'add', path: 42, value: 1 }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'add', path: 'emails[type eq', value: 1 }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'add', path: 'name', value: 'Ada' }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'replace', value: [1] }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'replace', path: 'userName', value: null }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'add', path: 'emails.value', value: { deep: [[[]]] } }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'replace', path: 'id', value: 'mine' }])],
      ['PATCH', `/Users/${ada.id}`, patch([{ op: 'replace', path: 'meta.created', value: 'x' }])],
      ['PATCH', `/Groups/${group.id}`, patch([{ op: 'add', path: 'members', value: 'not-a-user' }])],
      ['PATCH', `/Groups/${group.id}`, patch([{ op: 'replace', path: 'displayName', value: '' }])],
      ['PUT', `/Groups/${group.id}`, { members: [{ value: ada.id }] }],
      ['GET', '/Users?filter=%ZZ', undefined],
      ['GET', '/Users?filter=userName%20eq%20%22%5Cq%22', undefined],
      ['GET', '/Users?count=1e400', undefined],
      ['GET', '/Users?startIndex=-5&count=-1', undefined],
      ['GET', '/Users/%E0%A4%A', undefined],
      ['GET', `/Groups?filter=${encodeURIComponent('members[value eq "x"')}`, undefined],
      ['GET', `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "x"')}`, undefined],
      ['POST', '/Schemas', {}],
      ['GET', '/ServiceProviderConfig/extra', undefined],
    ];
    for (const [method, path, body] of cases) {
      const response = await call(method, path, body).catch((error) => ({
        status: 0,
        body: String(error),
        headers: new Headers(),
      }));
      expect({ method, path, status: response.status }).toEqual({ method, path, status: expect.any(Number) });
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      if (response.status >= 400)
        expect(response.body, `${method} ${path}`).toMatchObject({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        });
    }
  });
});

describe('isolation', () => {
  it("a connection's token never reads or changes another workspace's or connection's users", async () => {
    const a = await createTestConnection(storage, { workspaceName: 'A' });
    const b = await createTestConnection(storage, { workspaceName: 'B' });
    const { client } = setup();
    const ofB = (await client(b)('POST', '/Users', user('bob@example.com'))).body;
    const callA = client(a);
    expect((await callA('GET', `/Users/${ofB.id}`)).status).toBe(404);
    expect((await callA('PUT', `/Users/${ofB.id}`, user('bob@example.com', { title: 'mine' }))).status).toBe(
      404,
    );
    expect(
      (
        await callA('PATCH', `/Users/${ofB.id}`, {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        })
      ).status,
    ).toBe(404);
    expect((await callA('DELETE', `/Users/${ofB.id}`)).status).toBe(404);
    expect(
      (await callA('GET', `/Users?filter=${encodeURIComponent(`id eq "${ofB.id}"`)}`)).body.totalResults,
    ).toBe(0);
    expect((await callA('GET', '/Users')).body.totalResults).toBe(0);
    // Workspaces have their own userNames: the same one is free in A.
    expect((await callA('POST', '/Users', user('bob@example.com'))).status).toBe(201);
    const groupOfA = await callA('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'G',
      members: [{ value: ofB.id }],
    });
    expect(groupOfA).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect((await client(b)('GET', `/Users/${ofB.id}`)).body).toMatchObject({
      active: true,
      userName: 'bob@example.com',
    });
  });
});

describe('the connection', () => {
  it('turns active on the first authenticated request and records time, token, counts and errors', async () => {
    const connection = await createTestConnection(storage, { provider: 'okta' });
    const { workspace } = connection;
    const before = await storage.scimConnections.get(workspace.id, connection.connection.id);
    expect(before).toMatchObject({
      status: 'pending',
      verifiedAt: null,
      lastRequestAt: null,
      lastUsedTokenId: null,
    });

    const call = setup().client(connection);
    await call('GET', '/Users?filter=userName%20eq%20%22x%22');
    const verified = await storage.scimConnections.get(workspace.id, connection.connection.id);
    expect(verified).toMatchObject({
      status: 'active',
      lastUsedTokenId: before?.token.id,
      counts: { users: 0, groups: 0 },
    });
    expect(verified?.verifiedAt).toEqual(verified?.lastRequestAt);
    expect(verified?.token.lastUsedAt).toEqual(verified?.lastRequestAt);

    const ada = (await call('POST', '/Users', user('ada@example.com'))).body;
    await call('POST', '/Users', user('bob@example.com'));
    await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'G' });
    await call('POST', '/Users', user('ada@example.com'));
    await call('DELETE', `/Users/${ada.id}`);
    const after = await storage.scimConnections.get(workspace.id, connection.connection.id);
    expect(after?.counts).toEqual({ users: 1, groups: 1 });
    expect(after?.recentErrors).toEqual([
      expect.objectContaining({ method: 'POST', path: '/Users', status: 409, scimType: 'uniqueness' }),
    ]);

    await setup().client(connection, 'scim_wrong')('GET', '/Users');
    const unauthenticated = await storage.scimConnections.get(workspace.id, connection.connection.id);
    expect(unauthenticated?.recentErrors[0]).toMatchObject({ status: 401, method: 'GET' });
  });

  it('keeps 20 recent errors, newest first', async () => {
    const connection = await createTestConnection(storage);
    const call = setup().client(connection);
    for (let i = 0; i < 25; i++) await call('GET', `/Users/missing-${i}`);
    const { recentErrors } =
      (await storage.scimConnections.get(connection.workspace.id, connection.connection.id)) ?? {};
    expect(recentErrors).toHaveLength(20);
    expect(recentErrors?.[0]?.path).toBe('/Users/missing-24');
    expect(recentErrors?.[19]?.path).toBe('/Users/missing-5');
  });

  it('accepts both tokens during a rotation and shows which one the IdP uses; completing ends the old one', async () => {
    const connection = await createTestConnection(storage);
    const { workspace } = connection;
    const id = connection.connection.id;
    const admin = {
      type: 'user' as const,
      id: 'usr_admin',
      displayName: 'Admin',
      email: 'admin@example.com',
    };
    const { client } = setup();
    const { token: next, connection: rotating } = await storage.scimConnections.startRotation(
      workspace.id,
      id,
      admin,
    );
    expect(rotating.rotation).toMatchObject({ newToken: { hint: `…${next.slice(-4)}` } });
    expect((await client(connection)('GET', '/Users')).status).toBe(200);
    expect((await client(connection, next)('GET', '/Users')).status).toBe(200);
    expect((await storage.scimConnections.get(workspace.id, id))?.lastUsedTokenId).toBe(
      rotating.rotation?.newToken.id,
    );

    const cancelled = await storage.scimConnections.cancelRotation(workspace.id, id, admin);
    expect(cancelled.rotation).toBeNull();
    expect((await client(connection, next)('GET', '/Users')).status).toBe(401);

    const second = await storage.scimConnections.startRotation(workspace.id, id, admin);
    const completed = await storage.scimConnections.completeRotation(workspace.id, id, admin);
    expect(completed.token.id).toBe(second.connection.rotation?.newToken.id);
    expect((await client(connection)('GET', '/Users')).status).toBe(401);
    expect((await client(connection, second.token)('GET', '/Users')).status).toBe(200);
    const actions = (await storage.auditEvents.list(workspace.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'scim_connection.created',
        'scim_connection.token_rotation_started',
        'scim_connection.token_rotation_cancelled',
        'scim_connection.token_rotation_completed',
      ]),
    );
  });

  it('serves GET …/Token only in test mode', async () => {
    const connection = await createTestConnection(storage);
    const plain = await setup().client(connection)('GET', '/Token');
    expect(plain.status).toBe(404);
    const { server } = setup({ testTokenEndpoint: true });
    const issued = await server.fetch(new Request(`${connection.baseUrl(ORIGIN)}/Token`));
    const { token } = (await issued.json()) as { token: string };
    expect((await setup().client(connection, token)('GET', '/Users')).status).toBe(200);
    expect((await setup().client(connection)('GET', '/Users')).status).toBe(401);
  });
});
