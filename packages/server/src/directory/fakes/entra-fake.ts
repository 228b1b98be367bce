// A stand-in for Microsoft Entra ID's token endpoint and the Microsoft Graph directory endpoints, on 127.0.0.1:
// client-credentials tokens with AADSTS errors worded as Entra words them, $top caps and $skiptoken paging,
// delta queries with @removed and members@delta, app permissions, throttling and outages, and a directory that
// tests change between reads.
import { randomUUID } from 'node:crypto';
import {
  decodeToken,
  encodeToken,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  guid,
  startFakeServer,
} from './fake-server';

export interface EntraFakeUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  accountEnabled: boolean;
}

export interface EntraFakeGroup {
  id: string;
  displayName: string;
  /** Member object ids: users, nested groups and devices, as Graph's `members` holds them. */
  members: Set<string>;
}

export interface EntraFakeOptions {
  users?: number;
  groups?: number;
  tenantId?: string;
  /** A verified domain that also names the tenant at the token endpoint. */
  domain?: string;
  clientId?: string;
  clientSecret?: string;
  /** Application permissions granted (admin consent given). Default User.Read.All and GroupMember.Read.All. */
  permissions?: string[];
  /** The scope Entra expects, i.e. the cloud's Graph. Default `https://graph.microsoft.com/.default`. */
  scope?: string;
  /** Delta pages hold at most this many objects (Graph chooses; tests make it small). Default 200. */
  deltaPageSize?: number;
  tokenLifetimeSeconds?: number;
}

type ObjectType = 'user' | 'group' | 'device';

export interface EntraFake extends FakeServer {
  tenantId: string;
  domain: string;
  clientId: string;
  clientSecret: string;
  /** The app's application permissions; tests remove one to see a 403. */
  permissions: Set<string>;
  directory: EntraFakeDirectory;
  /** Revokes every token issued so far (as a secret rotation would). */
  revokeTokens(): void;
}

/** The tenant's directory, with a change log so delta queries see what changed since a token was issued. */
export class EntraFakeDirectory {
  readonly users = new Map<string, EntraFakeUser & { version: number }>();
  readonly groups = new Map<string, EntraFakeGroup & { version: number }>();
  readonly devices = new Set<string>();
  version = 0;
  readonly removedUsers = new Map<string, number>();
  readonly removedGroups = new Map<string, number>();
  readonly memberLog: { groupId: string; memberId: string; removed: boolean; version: number }[] = [];
  private seq = 0;

  addUser(patch: Partial<EntraFakeUser> = {}): EntraFakeUser {
    const n = ++this.seq;
    const user = {
      id: patch.id ?? guid(1, n),
      userPrincipalName: `user${n}@contoso.onmicrosoft.com`,
      mail: `user${n}@contoso.com`,
      displayName: `User ${n}`,
      givenName: 'User',
      surname: String(n),
      accountEnabled: true,
      ...patch,
      version: ++this.version,
    };
    this.users.set(user.id, user);
    this.removedUsers.delete(user.id);
    return user;
  }

  updateUser(id: string, patch: Partial<Omit<EntraFakeUser, 'id'>>): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id}`);
    Object.assign(user, patch, { version: ++this.version });
  }

  disableUser(id: string): void {
    this.updateUser(id, { accountEnabled: false });
  }

  /** Deleting a user also takes them out of every group, as Entra does. */
  deleteUser(id: string): void {
    if (!this.users.delete(id)) throw new Error(`No user ${id}`);
    for (const group of this.groups.values()) if (group.members.has(id)) this.removeMember(group.id, id);
    this.removedUsers.set(id, ++this.version);
  }

  addGroup(displayName: string, members: string[] = [], id = guid(2, ++this.seq)): EntraFakeGroup {
    const group = { id, displayName, members: new Set(members), version: ++this.version };
    this.groups.set(id, group);
    return group;
  }

  renameGroup(id: string, displayName: string): void {
    const group = this.group(id);
    group.displayName = displayName;
    group.version = ++this.version;
  }

  deleteGroup(id: string): void {
    if (!this.groups.delete(id)) throw new Error(`No group ${id}`);
    this.removedGroups.set(id, ++this.version);
  }

  addMember(groupId: string, memberId: string): void {
    const group = this.group(groupId);
    group.members.add(memberId);
    group.version = ++this.version;
    this.memberLog.push({ groupId, memberId, removed: false, version: group.version });
  }

  removeMember(groupId: string, memberId: string): void {
    const group = this.group(groupId);
    group.members.delete(memberId);
    group.version = ++this.version;
    this.memberLog.push({ groupId, memberId, removed: true, version: group.version });
  }

  typeOf(id: string): ObjectType | undefined {
    if (this.users.has(id)) return 'user';
    if (this.groups.has(id)) return 'group';
    if (this.devices.has(id)) return 'device';
    return undefined;
  }

  /** The user ids of a group's members, as a sync should see them. */
  userMembers(groupId: string): string[] {
    return [...this.group(groupId).members].filter((id) => this.users.has(id));
  }

  private group(id: string) {
    const group = this.groups.get(id);
    if (!group) throw new Error(`No group ${id}`);
    return group;
  }
}

/**
 * A directory like a mid-sized tenant's: `users` people (every 50th disabled), `groups` groups. Group 0 is
 * "All staff" (everyone, so its members span pages); every other person is in one more group; group 1 also
 * holds a nested group and a device, which a sync must leave out.
 */
export function seedEntraDirectory(directory: EntraFakeDirectory, users: number, groups: number): void {
  const ids: string[] = [];
  for (let i = 0; i < users; i++) ids.push(directory.addUser({ accountEnabled: i % 50 !== 49 }).id);
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) {
    const members = g === 0 ? ids : ids.filter((_, i) => groups > 1 && 1 + (i % (groups - 1)) === g);
    groupIds.push(directory.addGroup(g === 0 ? 'All staff' : `Team ${g}`, members).id);
  }
  if (groups > 2) {
    const device = guid(3, 1);
    directory.devices.add(device);
    const g1 = directory.groups.get(groupIds[1] as string);
    g1?.members.add(groupIds[2] as string);
    g1?.members.add(device);
  }
}

const ODATA_TYPE: Record<ObjectType, string> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  device: '#microsoft.graph.device',
};

const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
] as const;

export async function startEntraFake(options: EntraFakeOptions = {}): Promise<EntraFake> {
  const tenantId = options.tenantId ?? '11111111-2222-4333-8444-555555555555';
  const domain = options.domain ?? 'contoso.onmicrosoft.com';
  const clientId = options.clientId ?? 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const clientSecret = options.clientSecret ?? 'Qk8~fakeSecretValue.0123456789abcdefghij';
  const permissions = new Set(options.permissions ?? ['User.Read.All', 'GroupMember.Read.All']);
  const scope = options.scope ?? 'https://graph.microsoft.com/.default';
  const deltaPageSize = options.deltaPageSize ?? 200;
  const directory = new EntraFakeDirectory();
  seedEntraDirectory(directory, options.users ?? 100, options.groups ?? 5);
  const tokens = new Map<string, number>();

  const handle = (request: FakeRequest, origin: string): FakeResponse => {
    const path = request.url.pathname;
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (tokenPath && request.method === 'POST')
      return issueToken(decodeURIComponent(tokenPath[1] ?? ''), request);
    if (!path.startsWith('/v1.0/')) {
      return graphError(400, 'BadRequest', `Invalid version: ${path.split('/')[1]}`);
    }
    const denied = authenticate(request);
    if (denied) return denied;
    const query = request.url.searchParams;
    const base = `${origin}${path}`;
    const membersOf = /^\/v1\.0\/groups\/([^/]+)\/members$/.exec(path);
    const groupById = /^\/v1\.0\/groups\/([^/]+)$/.exec(path);
    if (path === '/v1.0/users') {
      return (
        lacks('User.Read.All', 'Directory.Read.All') ??
        list(base, query, [...directory.users.values()], (u) => project(u, query))
      );
    }
    if (path === '/v1.0/groups') {
      return (
        lacks('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All') ??
        list(base, query, [...directory.groups.values()], (g) => project(g, query))
      );
    }
    if (path === '/v1.0/users/delta') {
      return lacks('User.Read.All', 'Directory.Read.All') ?? delta('users', base, query);
    }
    if (path === '/v1.0/groups/delta') {
      return (
        lacks('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All') ?? delta('groups', base, query)
      );
    }
    if (membersOf) {
      const match = membersOf;
      const denied = lacks('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All');
      if (denied) return denied;
      const group = directory.groups.get(decodeURIComponent(match[1] ?? ''));
      if (!group) return notFound(match[1] ?? '');
      const members = [...group.members].flatMap((id) => {
        const type = directory.typeOf(id);
        return type ? [{ id, type }] : [];
      });
      return list(base, query, members, (m) => ({ '@odata.type': ODATA_TYPE[m.type], id: m.id }));
    }
    if (groupById) {
      const match = groupById;
      const denied = lacks('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All');
      if (denied) return denied;
      const group = directory.groups.get(decodeURIComponent(match[1] ?? ''));
      if (!group) return notFound(match[1] ?? '');
      return { status: 200, body: project(group, query) };
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  };

  function issueToken(tenant: string, request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (tenant !== tenantId && tenant !== domain) {
      return aadsts(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return aadsts(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get('grant_type')}'.`,
      );
    }
    if (form.get('client_id') !== clientId) {
      return aadsts(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id')}' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    if (!form.get('client_secret')) {
      return aadsts(
        401,
        'invalid_client',
        7000216,
        "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
      );
    }
    if (form.get('client_secret') !== clientSecret) {
      return aadsts(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    if (form.get('scope') !== scope) {
      return aadsts(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${form.get('scope')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    const accessToken = `eyJ0eXAiOiJKV1Qi.${randomUUID()}`;
    tokens.set(accessToken, Date.now() + lifetime * 1000);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: accessToken,
      },
    };
  }

  function authenticate(request: FakeRequest): FakeResponse | undefined {
    const header = request.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!bearer) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const expires = tokens.get(bearer);
    if (expires === undefined) {
      return graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
    }
    if (expires < Date.now()) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        'Lifetime validation failed, the token is expired.',
      );
    }
    return undefined;
  }

  /** Graph's answer when the app has none of the permissions that would allow a call. */
  function lacks(...anyOf: string[]): FakeResponse | undefined {
    if (anyOf.some((p) => permissions.has(p))) return undefined;
    return graphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }

  /** A page of a plain collection: $top 1–999 (default 100), the position in an opaque $skiptoken. */
  function list<T extends { id: string }>(
    base: string,
    query: URLSearchParams,
    items: T[],
    render: (item: T) => unknown,
  ): FakeResponse {
    const skiptoken = query.get('$skiptoken');
    const state = skiptoken
      ? decodeToken<{ after: string; top: number; select: string | null }>(skiptoken)
      : { after: '', top: Number(query.get('$top') ?? 100), select: query.get('$select') };
    if (!state) return graphError(400, 'Request_BadRequest', 'Invalid skip token.');
    if (!Number.isInteger(state.top) || state.top < 1 || state.top > 999) {
      return graphError(
        400,
        'Request_UnsupportedQuery',
        `Invalid page size specified: '${query.get('$top')}'. Must be between 1 and 999 inclusive.`,
      );
    }
    // Keyset paging by id: objects added or removed between pages move nobody else.
    const sorted = items.filter((i) => i.id > state.after).sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = sorted.slice(0, state.top);
    const last = page.at(-1);
    const more = sorted.length > state.top && last;
    const select = state.select ? `$select=${state.select}&` : '';
    return {
      status: 200,
      body: {
        '@odata.context': `${base.replace(/\/v1\.0\/.*/, '')}/v1.0/$metadata#directoryObjects`,
        ...(more
          ? {
              '@odata.nextLink': `${base}?${select}$top=${state.top}&$skiptoken=${encodeToken({ ...state, after: last.id })}`,
            }
          : {}),
        value: page.map(render),
      },
    };
  }

  /**
   * A delta round: objects changed in (since, upto], and in later rounds those removed (`@removed`). The first
   * round (no token) holds every object as it is now, and for groups every member in `members@delta`; later
   * rounds hold the members added and removed.
   */
  function delta(kind: 'users' | 'groups', base: string, query: URLSearchParams): FakeResponse {
    const deltatoken = query.get('$deltatoken');
    const skiptoken = query.get('$skiptoken');
    type State = { since: number; upto: number; after: string; select: string | null };
    let state: State | undefined;
    if (skiptoken) state = decodeToken<State>(skiptoken);
    else if (deltatoken === 'latest') {
      return {
        status: 200,
        body: {
          '@odata.deltaLink': `${base}?$deltatoken=${encodeToken({ since: directory.version, select: query.get('$select') })}`,
          value: [],
        },
      };
    } else if (deltatoken) {
      const previous = decodeToken<{ since: number; select: string | null }>(deltatoken);
      if (previous) state = { ...previous, upto: directory.version, after: '' };
    } else state = { since: -1, upto: directory.version, after: '', select: query.get('$select') };
    if (!state) {
      return graphError(
        400,
        'syncStateNotFound',
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      );
    }
    const { since, upto, after } = state;
    const selected = new Set(state.select?.split(',') ?? []);
    const inRound = (version: number) => version > since && version <= upto;
    const entries: { id: string; body: Record<string, unknown> }[] = [];
    const live = kind === 'users' ? directory.users : directory.groups;
    for (const object of live.values()) {
      if (since === -1 ? object.version > upto : !inRound(object.version)) continue;
      const body: Record<string, unknown> = project(object, selected.size ? state.select : null);
      if (kind === 'groups' && selected.has('members')) {
        delete body.members;
        const group = object as EntraFakeGroup;
        body['members@delta'] =
          since === -1
            ? [...group.members].flatMap((id) => {
                const type = directory.typeOf(id);
                return type ? [{ '@odata.type': ODATA_TYPE[type], id }] : [];
              })
            : directory.memberLog
                .filter((e) => e.groupId === group.id && inRound(e.version))
                .map((e) => ({
                  '@odata.type': ODATA_TYPE[directory.typeOf(e.memberId) ?? 'user'],
                  id: e.memberId,
                  ...(e.removed ? { '@removed': { reason: 'deleted' } } : {}),
                }));
      }
      entries.push({ id: object.id, body });
    }
    if (since !== -1) {
      const removed = kind === 'users' ? directory.removedUsers : directory.removedGroups;
      for (const [id, version] of removed) {
        // A deleted user lands in the recycle bin first: reason "changed" (restorable), not "deleted".
        if (inRound(version) && !live.has(id))
          entries.push({ id, body: { id, '@removed': { reason: 'changed' } } });
      }
    }
    const sorted = entries.filter((e) => e.id > after).sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = sorted.slice(0, deltaPageSize);
    const last = page.at(-1);
    const link =
      sorted.length > deltaPageSize && last
        ? { '@odata.nextLink': `${base}?$skiptoken=${encodeToken({ ...state, after: last.id })}` }
        : { '@odata.deltaLink': `${base}?$deltatoken=${encodeToken({ since: upto, select: state.select })}` };
    return {
      status: 200,
      body: {
        '@odata.context': `${base.replace(/\/v1\.0\/.*/, '')}/v1.0/$metadata#${kind}`,
        ...link,
        value: page.map((e) => e.body),
      },
    };
  }

  const server = await startFakeServer({
    handle,
    isApi: (request) => request.url.pathname.startsWith('/v1.0/'),
    throttled: ({ retryAfterSeconds = 1 }) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: {
        error: {
          code: 'TooManyRequests',
          message: 'Too many requests.',
          innerError: innerError(),
        },
      },
    }),
    failed: (status) =>
      graphError(
        status,
        status === 504 ? 'UnknownError' : 'serviceNotAvailable',
        status === 504 ? '' : 'Service unavailable',
      ),
  });

  return {
    ...server,
    tenantId,
    domain,
    clientId,
    clientSecret,
    permissions,
    directory,
    revokeTokens: () => tokens.clear(),
  };
}

function project(object: object, select: string | URLSearchParams | null): Record<string, unknown> {
  const fields = typeof select === 'string' || select === null ? select : select.get('$select');
  const record = object as Record<string, unknown>;
  const keys = fields
    ? ['id', ...fields.split(',').filter((f) => f !== 'id')]
    : [...USER_PROPERTIES, 'displayName'];
  return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}

function innerError() {
  return {
    date: new Date().toISOString().slice(0, 19),
    'request-id': randomUUID(),
    'client-request-id': randomUUID(),
  };
}

function graphError(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message, innerError: innerError() } } };
}

function notFound(id: string): FakeResponse {
  return graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${decodeURIComponent(id)}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** The token endpoint's error body: the reason first, then the trace lines Entra appends. */
function aadsts(status: number, error: string, code: number, text: string): FakeResponse {
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const trace = randomUUID();
  const correlation = randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}Z`,
      error_codes: [code],
      timestamp: `${timestamp}Z`,
      trace_id: trace,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
