// A stand-in for Google's OAuth token endpoint and the Admin SDK Directory API, on 127.0.0.1: JWT-bearer
// assertions checked like Google checks them (RS256 signature against the service account's public key, aud,
// iat/exp, delegated scopes, the impersonated user), pageToken paging with Google's maxResults caps, Google's
// error bodies, throttling (429 or 403 userRateLimitExceeded) and outages, and a directory tests change.
import { generateKeyPairSync, type KeyObject, randomUUID, verify } from 'node:crypto';
import {
  decodeToken,
  encodeToken,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  startFakeServer,
} from './fake-server';

export interface GoogleFakeUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  isAdmin: boolean;
  suspended: boolean;
  archived: boolean;
}

export interface GoogleFakeMember {
  id: string;
  email: string;
  type: 'USER' | 'GROUP' | 'CUSTOMER';
}

export interface GoogleFakeGroup {
  id: string;
  email: string;
  name: string;
  members: Map<string, GoogleFakeMember>;
}

export interface GoogleFakeOptions {
  users?: number;
  groups?: number;
  domain?: string;
  customerId?: string;
  /**
   * Scopes the Admin console grants the service account's client ID (domain-wide delegation). Default the three
   * read-only Directory scopes; [] is "no delegation".
   */
  delegatedScopes?: string[];
}

export interface GoogleFake extends FakeServer {
  domain: string;
  customerId: string;
  adminEmail: string;
  /**
   * The service account's JSON key file. Its token_uri points at this fake, but the connector signs in where
   * `baseUrls.token` says, so pass `baseUrls: { admin: url, token: url + '/token' }`.
   */
  serviceAccountKey: string;
  clientId: string;
  delegatedScopes: Set<string>;
  directory: GoogleFakeDirectory;
  revokeTokens(): void;
}

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.';
const READ_USERS = [`${SCOPE}user.readonly`, `${SCOPE}user`];
const READ_GROUPS = [`${SCOPE}group.readonly`, `${SCOPE}group`];
const READ_MEMBERS = [`${SCOPE}group.member.readonly`, `${SCOPE}group.member`, ...READ_GROUPS];

export class GoogleFakeDirectory {
  readonly users = new Map<string, GoogleFakeUser>();
  readonly groups = new Map<string, GoogleFakeGroup>();
  private seq = 0;

  constructor(readonly domain: string) {}

  addUser(patch: Partial<GoogleFakeUser> = {}): GoogleFakeUser {
    const n = ++this.seq;
    const user: GoogleFakeUser = {
      // Google user ids are 21 digits.
      id: `1${String(n).padStart(20, '0')}`,
      primaryEmail: `user${n}@${this.domain}`,
      name: { givenName: 'User', familyName: String(n), fullName: `User ${n}` },
      isAdmin: false,
      suspended: false,
      archived: false,
      ...patch,
    };
    this.users.set(user.id, user);
    return user;
  }

  updateUser(id: string, patch: Partial<Omit<GoogleFakeUser, 'id'>>): void {
    Object.assign(this.user(id), patch);
  }

  deleteUser(id: string): void {
    this.user(id);
    this.users.delete(id);
    for (const group of this.groups.values()) group.members.delete(id);
  }

  addGroup(name: string, memberIds: string[] = []): GoogleFakeGroup {
    const n = ++this.seq;
    const group: GoogleFakeGroup = {
      id: `0${n.toString(36).padStart(14, '0')}`,
      email: `${name.toLowerCase().replace(/\W+/g, '-')}@${this.domain}`,
      name,
      members: new Map(),
    };
    this.groups.set(group.id, group);
    for (const id of memberIds) this.addMember(group.id, id);
    return group;
  }

  deleteGroup(id: string): void {
    this.groups.delete(id);
  }

  addMember(groupId: string, id: string): void {
    const group = this.group(groupId);
    const user = this.users.get(id);
    const nested = this.groups.get(id);
    if (user) group.members.set(id, { id, email: user.primaryEmail, type: 'USER' });
    else if (nested) group.members.set(id, { id, email: nested.email, type: 'GROUP' });
    else group.members.set(id, { id, email: '', type: 'CUSTOMER' });
  }

  removeMember(groupId: string, id: string): void {
    this.group(groupId).members.delete(id);
  }

  userMembers(groupId: string): string[] {
    return [...this.group(groupId).members.values()].filter((m) => m.type === 'USER').map((m) => m.id);
  }

  private user(id: string) {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id}`);
    return user;
  }

  private group(id: string) {
    const group = this.groups.get(id);
    if (!group) throw new Error(`No group ${id}`);
    return group;
  }
}

/**
 * `users` people (user 1 the super admin, every 50th suspended, every 97th archived) and `groups` groups:
 * group 0 "All staff" with everyone, each person in one more; group 1 also holds a nested group and the whole
 * customer, which a sync must leave out.
 */
export function seedGoogleDirectory(
  directory: GoogleFakeDirectory,
  users: number,
  groups: number,
  customerId: string,
) {
  const ids: string[] = [];
  for (let i = 0; i < users; i++) {
    ids.push(
      directory.addUser({
        ...(i === 0 ? { primaryEmail: `admin@${directory.domain}`, isAdmin: true } : {}),
        suspended: i % 50 === 49,
        archived: i % 97 === 96,
      }).id,
    );
  }
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) {
    const members = g === 0 ? ids : ids.filter((_, i) => groups > 1 && 1 + (i % (groups - 1)) === g);
    groupIds.push(directory.addGroup(g === 0 ? 'All staff' : `Team ${g}`, members).id);
  }
  if (groups > 2) {
    directory.addMember(groupIds[1] as string, groupIds[2] as string);
    directory.addMember(groupIds[1] as string, customerId);
  }
}

export async function startGoogleFake(options: GoogleFakeOptions = {}): Promise<GoogleFake> {
  const domain = options.domain ?? 'example.com';
  const customerId = options.customerId ?? 'C03az79cb';
  const directory = new GoogleFakeDirectory(domain);
  seedGoogleDirectory(directory, options.users ?? 100, options.groups ?? 5, customerId);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = `directory-sync@acme-sync.iam.gserviceaccount.com`;
  const clientId = '104857362910384756291';
  const privateKeyId = 'f3a1c9e27b5d4e08a6c2b1d0e9f8a7b6c5d4e3f2';
  const delegatedScopes = new Set(
    options.delegatedScopes ?? [
      `${SCOPE}user.readonly`,
      `${SCOPE}group.readonly`,
      `${SCOPE}group.member.readonly`,
    ],
  );
  const accounts = new Map<string, KeyObject>([[clientEmail, publicKey]]);
  const tokens = new Map<string, { sub: string; scopes: Set<string>; expires: number }>();

  const handle = (request: FakeRequest, origin: string): FakeResponse => {
    const path = request.url.pathname;
    if (path === '/token' && request.method === 'POST') return issueToken(request, `${origin}/token`);
    const prefix = '/admin/directory/v1';
    if (!path.startsWith(prefix)) return apiError(404, 'Not Found', 'notFound');
    const caller = authenticate(request);
    if ('status' in caller) return caller;
    const query = request.url.searchParams;
    const route = path.slice(prefix.length);
    if (!directory.users.get(caller.sub)?.isAdmin) {
      return apiError(403, 'Not Authorized to access this resource/api', 'forbidden');
    }
    if (route === '/users') {
      return (
        missingScope(caller.scopes, READ_USERS) ??
        badCustomer(query) ??
        page(query, 500, [...directory.users.values()], 'admin#directory#users', 'users', (u) => ({
          kind: 'admin#directory#user',
          id: u.id,
          etag: `"${u.id}"`,
          primaryEmail: u.primaryEmail,
          name: u.name,
          isAdmin: u.isAdmin,
          suspended: u.suspended,
          archived: u.archived,
          customerId,
          orgUnitPath: '/',
        }))
      );
    }
    if (route === '/groups') {
      return (
        missingScope(caller.scopes, READ_GROUPS) ??
        badCustomer(query) ??
        page(query, 200, [...directory.groups.values()], 'admin#directory#groups', 'groups', (g) => ({
          kind: 'admin#directory#group',
          id: g.id,
          etag: `"${g.id}"`,
          email: g.email,
          name: g.name,
          directMembersCount: String(g.members.size),
          description: '',
          adminCreated: true,
        }))
      );
    }
    const members = /^\/groups\/([^/]+)\/members$/.exec(route);
    if (members) {
      const denied = missingScope(caller.scopes, READ_MEMBERS);
      if (denied) return denied;
      const key = decodeURIComponent(members[1] ?? '');
      const group = directory.groups.get(key) ?? [...directory.groups.values()].find((g) => g.email === key);
      if (!group) return apiError(404, 'Resource Not Found: groupKey', 'notFound');
      return page(query, 200, [...group.members.values()], 'admin#directory#members', 'members', (m) => ({
        kind: 'admin#directory#member',
        etag: `"${m.id}"`,
        id: m.id,
        ...(m.email ? { email: m.email } : {}),
        role: 'MEMBER',
        type: m.type,
        status: 'ACTIVE',
      }));
    }
    return apiError(404, 'Not Found', 'notFound');
  };

  /** https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests */
  function issueToken(request: FakeRequest, audience: string): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    }
    const parts = (form.get('assertion') ?? '').split('.');
    const [header, claims] = parts.slice(0, 2).map((p) => decodeToken<Record<string, unknown>>(p));
    if (parts.length !== 3 || !header || !claims) return oauthError(400, 'invalid_grant', 'Invalid JWT.');
    if (header.alg !== 'RS256')
      return oauthError(400, 'invalid_grant', 'Invalid JWT: unsupported algorithm.');
    const key = accounts.get(String(claims.iss));
    if (!key) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!verify('RSA-SHA256', signed, key, Buffer.from(parts[2] ?? '', 'base64url'))) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    if (claims.aud !== audience) {
      return oauthError(
        400,
        'invalid_grant',
        `Invalid JWT: Failed audience check. The right audience is ${audience}`,
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const iat = Number(claims.iat);
    const exp = Number(claims.exp);
    if (!(iat <= now + 300 && exp > now && exp - iat <= 3600)) {
      return oauthError(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = String(claims.scope ?? '')
      .split(' ')
      .filter(Boolean);
    if (!scopes.length) return oauthError(400, 'invalid_scope', 'Empty or missing scope not allowed.');
    if (!scopes.every((s) => delegatedScopes.has(s))) {
      return oauthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const sub = [...directory.users.values()].find((u) => u.primaryEmail === claims.sub);
    if (!sub) return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
    const accessToken = `ya29.${randomUUID()}`;
    tokens.set(accessToken, { sub: sub.id, scopes: new Set(scopes), expires: Date.now() + 3599_000 });
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  function authenticate(request: FakeRequest): FakeResponse | { sub: string; scopes: Set<string> } {
    const header = request.headers.authorization ?? '';
    const token = tokens.get(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (!token || token.expires < Date.now()) {
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        body: {
          error: {
            code: 401,
            message:
              'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
            errors: [
              {
                message: 'Invalid Credentials',
                domain: 'global',
                reason: 'authError',
                location: 'Authorization',
                locationType: 'header',
              },
            ],
            status: 'UNAUTHENTICATED',
          },
        },
      };
    }
    return token;
  }

  function missingScope(scopes: Set<string>, anyOf: string[]): FakeResponse | undefined {
    if (anyOf.some((s) => scopes.has(s))) return undefined;
    return {
      status: 403,
      body: {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          errors: [
            { message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' },
          ],
          status: 'PERMISSION_DENIED',
        },
      },
    };
  }

  function badCustomer(query: URLSearchParams): FakeResponse | undefined {
    const customer = query.get('customer');
    if (customer === 'my_customer' || customer === customerId || query.get('domain') === domain)
      return undefined;
    return apiError(400, 'Bad Request', 'badRequest');
  }

  /** A page: maxResults 1–cap (default 100), the position in an opaque pageToken (keyset on id). */
  function page<T extends { id: string }>(
    query: URLSearchParams,
    cap: number,
    items: T[],
    kind: string,
    field: string,
    render: (item: T) => unknown,
  ): FakeResponse {
    const max = Number(query.get('maxResults') ?? 100);
    if (!Number.isInteger(max) || max < 1 || max > cap) {
      return apiError(
        400,
        `Invalid value '${query.get('maxResults')}'. Values must be within the range: [1, ${cap}]`,
        'invalid',
      );
    }
    const pageToken = query.get('pageToken');
    const after = pageToken ? decodeToken<{ after: string }>(pageToken)?.after : '';
    if (after === undefined) return apiError(400, 'Invalid Input', 'invalid');
    const sorted = items.filter((i) => i.id > after).sort((a, b) => (a.id < b.id ? -1 : 1));
    const slice = sorted.slice(0, max);
    const last = slice.at(-1);
    return {
      status: 200,
      body: {
        kind,
        etag: `"${randomUUID()}"`,
        // Google leaves the list out entirely when it is empty.
        ...(slice.length ? { [field]: slice.map(render) } : {}),
        ...(sorted.length > max && last ? { nextPageToken: encodeToken({ after: last.id }) } : {}),
      },
    };
  }

  const server = await startFakeServer({
    handle,
    isApi: (request) => request.url.pathname.startsWith('/admin/'),
    throttled: ({ status = 429 }) =>
      status === 403
        ? apiError(403, 'Rate Limit Exceeded', 'userRateLimitExceeded', 'usageLimits')
        : {
            status: 429,
            body: {
              error: {
                code: 429,
                message:
                  "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'admin.googleapis.com'.",
                errors: [
                  { message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' },
                ],
                status: 'RESOURCE_EXHAUSTED',
              },
            },
          },
    failed: (status) => ({
      status,
      body: {
        error: {
          code: status,
          message: 'The service is currently unavailable.',
          errors: [
            { message: 'The service is currently unavailable.', domain: 'global', reason: 'backendError' },
          ],
          status: 'UNAVAILABLE',
        },
      },
    }),
  });

  const serviceAccountKey = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'acme-sync',
      private_key_id: privateKeyId,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `${server.url}/token`,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
      universe_domain: 'googleapis.com',
    },
    null,
    2,
  );

  return {
    ...server,
    domain,
    customerId,
    adminEmail: `admin@${domain}`,
    serviceAccountKey,
    clientId,
    delegatedScopes,
    directory,
    revokeTokens: () => tokens.clear(),
  };
}

function apiError(status: number, message: string, reason: string, domain = 'global'): FakeResponse {
  return { status, body: { error: { code: status, message, errors: [{ message, domain, reason }] } } };
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}
