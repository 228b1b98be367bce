// A stand-in for an Okta org on 127.0.0.1, for tests: the Management API's user, group and group-member lists
// with Okta's paging (`after` cursors in `Link` headers, limits capped), `filter` on lastUpdated, API tokens
// (`SSWS`) and a service app's token endpoint that verifies the client assertion's signature, Okta's error
// bodies (E0000011, E0000006, E0000047 …), X-Rate-Limit-* headers, and switches to throttle or fail.
// https://developer.okta.com/docs/reference/core-okta-api/ · https://developer.okta.com/docs/reference/error-codes/
import { createPublicKey, type JsonWebKey, KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeName } from './fake-people';

export type OktaScope = 'okta.users.read' | 'okta.groups.read';
const ALL_SCOPES: OktaScope[] = ['okta.users.read', 'okta.groups.read'];

/** The API token a fake org accepts unless told otherwise. */
export const OKTA_FAKE_API_TOKEN = '00fakeOktaApiToken0123456789abcdefghijklmn';

export interface OktaFakeClient {
  clientId: string;
  /** The public half of the service app's key, as a JWK, PEM or KeyObject. */
  publicKey: JsonWebKey | string | KeyObject;
  /** Its kid in the app's key list, when it has one. */
  kid?: string;
  /** Okta API scopes granted to the app. Default both read scopes. */
  scopes?: OktaScope[];
  /** Whether the app holds an admin role (Read-Only Administrator). Default true. */
  adminRole?: boolean;
}

export interface OktaFakeOptions {
  /** People in the org. Default 2500. */
  users?: number;
  /** Groups besides Everyone. Default 30. */
  groups?: number;
  /** API tokens and the scopes their admin's role allows. Default `OKTA_FAKE_API_TOKEN` with both. */
  apiTokens?: Record<string, OktaScope[]>;
  clients?: OktaFakeClient[];
  /** Requests per rate-limit window before 429. Default 10 000 per 60 s. */
  rateLimit?: { limit: number; windowSeconds: number };
}

export type OktaStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'PASSWORD_EXPIRED'
  | 'LOCKED_OUT'
  | 'SUSPENDED'
  | 'DEPROVISIONED';

export interface OktaFakeProfile {
  login: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName?: string | null;
}

export interface OktaFakeUser {
  id: string;
  status: OktaStatus;
  created: string;
  lastUpdated: string;
  profile: OktaFakeProfile;
}

export interface OktaFakeGroup {
  id: string;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  name: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  members: Set<string>;
}

export interface OktaFakeRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  auth: 'SSWS' | 'Bearer' | null;
  status: number;
}

/** A mix of every status Okta lists by default, most people ACTIVE. */
const SEED_STATUSES: OktaStatus[] = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED'];
const EXTRA_STATUS: Record<number, OktaStatus> = {
  3: 'PROVISIONED',
  5: 'LOCKED_OUT',
  8: 'PASSWORD_EXPIRED',
  13: 'RECOVERY',
  21: 'DEPROVISIONED',
};
/** Seeded records date from before any test, so a read's cursor tells old from changed. */
const SEED_TIME = Date.parse('2024-01-02T03:04:05.000Z');

/** The org's people and groups, changed between reads as an admin would in the Okta console. */
export class OktaFakeDirectory {
  readonly users = new Map<string, OktaFakeUser>();
  readonly groups = new Map<string, OktaFakeGroup>();
  private nextUser = 0;
  private nextGroup = 0;
  private readonly suffix = randomBytes(6).toString('hex');

  constructor(private readonly now: () => number) {}

  createUser(
    profile: Partial<OktaFakeProfile> = {},
    status: OktaStatus = 'ACTIVE',
    at = this.stamp(),
  ): OktaFakeUser {
    const n = this.nextUser++;
    const { first, last } = fakeName(n);
    const email = `${first}.${last}.${n}@example.com`.toLowerCase();
    const user: OktaFakeUser = {
      id: `00u${n.toString(36).padStart(5, '0')}${this.suffix}`,
      status,
      created: at,
      lastUpdated: at,
      profile: {
        login: email,
        email,
        firstName: first,
        lastName: last,
        ...(n % 7 === 0 ? { displayName: `${first} ${last} (${n})` } : {}),
        ...profile,
      },
    };
    this.users.set(user.id, user);
    this.everyone()?.members.add(user.id);
    return user;
  }

  updateUser(id: string, profile: Partial<OktaFakeProfile>): OktaFakeUser {
    const user = this.user(id);
    Object.assign(user.profile, profile);
    user.lastUpdated = this.stamp();
    return user;
  }

  setStatus(id: string, status: OktaStatus): OktaFakeUser {
    const user = this.user(id);
    user.status = status;
    user.lastUpdated = this.stamp();
    return user;
  }

  suspendUser(id: string) {
    return this.setStatus(id, 'SUSPENDED');
  }

  /** Deactivation: the person stays, as DEPROVISIONED, and keeps their group memberships, as in Okta. */
  deactivateUser(id: string) {
    return this.setStatus(id, 'DEPROVISIONED');
  }

  /** Deletion, which Okta allows only after deactivation: gone from every list and group. */
  deleteUser(id: string): void {
    if (this.user(id).status !== 'DEPROVISIONED')
      throw new Error(`Okta deletes only deactivated users (${id})`);
    this.users.delete(id);
    for (const group of this.groups.values()) if (group.members.delete(id)) this.touchMembers(group);
  }

  createGroup(name: string, memberIds: Iterable<string> = [], type: OktaFakeGroup['type'] = 'OKTA_GROUP') {
    const at = this.stamp();
    const group: OktaFakeGroup = {
      id: `00g${(this.nextGroup++).toString(36).padStart(5, '0')}${this.suffix}`,
      type,
      name,
      created: at,
      lastUpdated: at,
      lastMembershipUpdated: at,
      members: new Set(memberIds),
    };
    this.groups.set(group.id, group);
    return group;
  }

  renameGroup(id: string, name: string): OktaFakeGroup {
    const group = this.group(id);
    group.name = name;
    group.lastUpdated = this.stamp();
    return group;
  }

  deleteGroup(id: string): void {
    this.group(id);
    this.groups.delete(id);
  }

  addMember(groupId: string, userId: string): void {
    this.user(userId);
    this.touchMembers(this.group(groupId)).members.add(userId);
  }

  removeMember(groupId: string, userId: string): void {
    this.touchMembers(this.group(groupId)).members.delete(userId);
  }

  user(id: string): OktaFakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id} in the fake Okta org`);
    return user;
  }

  group(id: string): OktaFakeGroup {
    const group = this.groups.get(id);
    if (!group) throw new Error(`No group ${id} in the fake Okta org`);
    return group;
  }

  /** What `GET /api/v1/users` lists: everyone but DEPROVISIONED people. */
  listedUsers(): OktaFakeUser[] {
    return [...this.users.values()].filter((u) => u.status !== 'DEPROVISIONED');
  }

  everyone(): OktaFakeGroup | undefined {
    return [...this.groups.values()].find((g) => g.type === 'BUILT_IN');
  }

  seed(users: number, groups: number): void {
    const everyone = this.createGroup('Everyone', [], 'BUILT_IN');
    everyone.created =
      everyone.lastUpdated =
      everyone.lastMembershipUpdated =
        new Date(SEED_TIME).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < users; i++) {
      const status = EXTRA_STATUS[i % 34] ?? SEED_STATUSES[i % SEED_STATUSES.length] ?? 'ACTIVE';
      ids.push(this.createUser({}, status, new Date(SEED_TIME + i * 1000).toISOString()).id);
    }
    for (let g = 0; g < groups; g++) {
      // Group 0 holds every other person (more than one 1000-member page); the last one is empty.
      const every = g + 2;
      const members = g === groups - 1 ? [] : ids.filter((_, i) => (i + g) % every === 0);
      const group = this.createGroup(`Team ${g + 1}`, members);
      group.created = group.lastUpdated = group.lastMembershipUpdated = new Date(SEED_TIME).toISOString();
    }
  }

  private touchMembers(group: OktaFakeGroup): OktaFakeGroup {
    group.lastMembershipUpdated = this.stamp();
    return group;
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }
}

export interface OktaFake {
  /** The org URL: pass it as `baseUrls.okta` (as `orgUrl`, it needs `allowPrivateAddresses`: it is 127.0.0.1). */
  url: string;
  directory: OktaFakeDirectory;
  requests: OktaFakeRequest[];
  /** After `after` more requests, answer the next `times` with 429 E0000047 (and Retry-After when given). */
  throttle(options?: {
    after?: number;
    times?: number;
    retryAfterSeconds?: number;
    resetInSeconds?: number;
  }): void;
  /** After `after` more requests, answer the next `times` (default: all) with `status` (default 503). */
  fail(options?: { status?: number; after?: number; times?: number }): void;
  /** Moves the org's clock on, as a test's fake sleep does: rate-limit windows and token expiry follow it. */
  advance(ms: number): void;
  now(): number;
  /** Forget every issued access token, as a revoked or expired one would be. */
  revokeAccessTokens(): void;
  close(): Promise<void>;
}

interface Caller {
  auth: 'SSWS' | 'Bearer';
  scopes: OktaScope[];
  adminRole: boolean;
}

export async function start(options: OktaFakeOptions = {}): Promise<OktaFake> {
  let skew = 0;
  const now = () => Date.now() + skew;
  const directory = new OktaFakeDirectory(now);
  directory.seed(options.users ?? 2500, options.groups ?? 30);
  const apiTokens = options.apiTokens ?? { [OKTA_FAKE_API_TOKEN]: ALL_SCOPES };
  const clients = new Map((options.clients ?? []).map((c) => [c.clientId, c]));
  const accessTokens = new Map<string, { client: OktaFakeClient; expiresAt: number }>();
  const usedJtis = new Set<string>();
  const requests: OktaFakeRequest[] = [];
  const rate = options.rateLimit ?? { limit: 10_000, windowSeconds: 60 };
  let window = { resetAt: 0, used: 0 };
  let throttling: { after: number; times: number; retryAfter?: number; resetIn: number } | null = null;
  let failing: { status: number; after: number; times: number } | null = null;
  let url = '';

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: OktaFakeRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: new URL(req.url ?? '/', url).pathname,
        auth: authScheme(req),
        status: 0,
      };
      requests.push(entry);
      const send = (status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
        entry.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      try {
        const answer = handle(req, Buffer.concat(chunks).toString('utf8'));
        send(answer.status, answer.body, answer.headers);
      } catch (error) {
        send(500, oktaError('E0000009', `Internal Server Error: ${String(error)}`));
      }
    });
  });

  function handle(req: IncomingMessage, body: string): Reply {
    const target = new URL(req.url ?? '/', url);
    const rateHeaders = countRequest();

    if (failing && failing.after-- <= 0 && failing.times-- > 0) {
      return reply(failing.status, oktaError('E0000009', 'Internal Server Error'));
    }
    if (throttling && throttling.after-- <= 0 && throttling.times-- > 0) {
      return reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
        'x-rate-limit-limit': String(rate.limit),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(clientEpochSeconds(now() + throttling.resetIn * 1000)),
        ...(throttling.retryAfter !== undefined ? { 'retry-after': String(throttling.retryAfter) } : {}),
      });
    }
    if (!rateHeaders) {
      return reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
        'x-rate-limit-limit': String(rate.limit),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(clientEpochSeconds(window.resetAt)),
      });
    }

    if (req.method === 'POST' && target.pathname === '/oauth2/v1/token') {
      const result = issueToken(new URLSearchParams(body));
      return reply(result.status, result.body, { 'cache-control': 'no-store', pragma: 'no-cache' });
    }
    if (req.method !== 'GET') {
      return reply(405, oktaError('E0000022', 'The endpoint does not support the provided HTTP method'));
    }

    const caller = authenticate(req);
    if (!caller) {
      const challenge: Record<string, string> =
        authScheme(req) === 'Bearer'
          ? {
              'www-authenticate': `Bearer authorization_uri="${url}/oauth2/v1/authorize", realm="${url}", scope="", error="invalid_token", error_description="The token is not valid.", resource="${target.pathname}"`,
            }
          : {};
      return reply(401, oktaError('E0000011', 'Invalid token provided'), { ...rateHeaders, ...challenge });
    }

    const route = routeOf(target.pathname);
    if (!route) {
      return reply(
        404,
        oktaError('E0000007', `Not found: Resource not found: ${target.pathname} (Resource)`),
        rateHeaders,
      );
    }
    const needed: OktaScope = route.kind === 'users' ? 'okta.users.read' : 'okta.groups.read';
    if (!caller.scopes.includes(needed) || !caller.adminRole) {
      const challenge: Record<string, string> =
        caller.auth === 'Bearer' && !caller.scopes.includes(needed)
          ? {
              'www-authenticate': `Bearer authorization_uri="${url}/oauth2/v1/authorize", realm="${url}", scope="${needed}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${target.pathname}"`,
            }
          : {};
      return reply(403, oktaError('E0000006', 'You do not have permission to perform the requested action'), {
        ...rateHeaders,
        ...challenge,
      });
    }

    const query = target.searchParams;
    const filter = query.get('filter') ?? query.get('search');
    let matches: ((item: Record<string, string>) => boolean) | null = null;
    if (filter !== null) {
      matches = parseFilter(filter);
      if (!matches) return reply(400, oktaError('E0000031', 'Invalid search criteria.'), rateHeaders);
    }

    // Records first, JSON only for the page sent: a list of 50,000 people pages in O(n) per request, not
    // O(n log n) with every person serialised (scripts/bench reads whole large orgs through this fake).
    let items: Array<OktaFakeUser | OktaFakeGroup>;
    let cap = 200;
    if (route.kind === 'users') {
      // Without a filter Okta leaves DEPROVISIONED people out; a filter or search that matches them lists them.
      items = [...directory.users.values()].filter((u) => filter !== null || u.status !== 'DEPROVISIONED');
    } else if (route.kind === 'groups') {
      items = [...directory.groups.values()];
    } else {
      const group = directory.groups.get(route.groupId);
      if (!group) {
        return reply(
          404,
          oktaError('E0000007', `Not found: Resource not found: ${route.groupId} (UserGroup)`),
          rateHeaders,
        );
      }
      cap = 1000;
      items = [...group.members].map((id) => directory.users.get(id)).filter((u) => u !== undefined);
    }
    if (matches) items = items.filter((item) => matches(fieldsOf(item)));
    // Ids are made in order, so the lists usually are already; sorting is for members added later.
    if (items.some((item, i) => i > 0 && (items[i - 1] as { id: string }).id > item.id)) {
      items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }

    // Okta pages with an opaque `after` cursor (here: the last id sent) and caps `limit` at the endpoint's max.
    const requested = Number(query.get('limit') ?? cap);
    const limit = Math.max(1, Math.min(cap, Number.isFinite(requested) ? requested : cap));
    const after = query.get('after');
    let start = 0;
    if (after) {
      // The first id past `after`, by binary search over the sorted list.
      let end = items.length;
      while (start < end) {
        const mid = (start + end) >>> 1;
        if ((items[mid] as { id: string }).id > after) end = mid;
        else start = mid + 1;
      }
    }
    const page = items.slice(start, start + limit);
    const links = [`<${url}${target.pathname}${target.search}>; rel="self"`];
    const last = page.at(-1);
    if (last && start + limit < items.length) {
      const next = new URLSearchParams(query);
      next.set('after', last.id);
      next.set('limit', String(limit));
      links.push(`<${url}${target.pathname}?${next}>; rel="next"`);
    }
    return reply(
      200,
      page.map((item) => ('members' in item ? groupJson(item) : userJson(item))),
      { ...rateHeaders, link: links },
    );
  }

  /** Counts a request in the current window; the X-Rate-Limit-* headers, or null when the window is spent. */
  function countRequest(): Record<string, string> | null {
    if (now() >= window.resetAt) window = { resetAt: now() + rate.windowSeconds * 1000, used: 0 };
    window.used++;
    if (window.used > rate.limit) return null;
    return {
      'x-rate-limit-limit': String(rate.limit),
      'x-rate-limit-remaining': String(rate.limit - window.used),
      'x-rate-limit-reset': String(clientEpochSeconds(window.resetAt)),
    };
  }

  /** A time on the org's clock as the caller's wall clock will see it (the caller does not know our skew). */
  function clientEpochSeconds(orgTime: number): number {
    return Math.ceil((orgTime - skew) / 1000);
  }

  function authenticate(req: IncomingMessage): Caller | null {
    const header = req.headers.authorization ?? '';
    const [scheme, credential = ''] = header.split(/\s+/, 2);
    if (scheme === 'SSWS') {
      const scopes = apiTokens[credential];
      return scopes ? { auth: 'SSWS', scopes, adminRole: true } : null;
    }
    if (scheme === 'Bearer') {
      const token = accessTokens.get(credential);
      if (!token || token.expiresAt <= now()) return null;
      return {
        auth: 'Bearer',
        scopes: token.client.scopes ?? ALL_SCOPES,
        adminRole: token.client.adminRole ?? true,
      };
    }
    return null;
  }

  /** Okta's org authorization server, client credentials with `private_key_jwt` only. */
  function issueToken(form: URLSearchParams): { status: number; body: unknown } {
    const refuse = (status: number, error: string, description: string) => ({
      status,
      body: { error, error_description: description },
    });
    if (form.get('grant_type') !== 'client_credentials') {
      return refuse(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
      );
    }
    const assertion = form.get('client_assertion');
    if (
      form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
      !assertion
    ) {
      return refuse(
        401,
        'invalid_client',
        'Client authentication failed. Either the client or the client credentials are invalid.',
      );
    }
    const [headerPart = '', claimsPart = '', signaturePart = ''] = assertion.split('.');
    let header: { alg?: string; kid?: string };
    let claims: { iss?: string; sub?: string; aud?: string; exp?: number; iat?: number; jti?: string };
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
    } catch {
      return refuse(400, 'invalid_client', 'The client_assertion token is malformed.');
    }
    const client = claims.iss ? clients.get(claims.iss) : undefined;
    if (!client) return refuse(401, 'invalid_client', "Invalid value for 'client_id' parameter.");
    if (claims.sub !== claims.iss) {
      return refuse(401, 'invalid_client', "The client_assertion token's subject must match its issuer.");
    }
    if (header.kid && client.kid && header.kid !== client.kid) {
      return refuse(
        401,
        'invalid_client',
        "The client_assertion token has a kid which does not identify a public key in the client's JWKS.",
      );
    }
    const hashes: Record<string, string> = {
      RS256: 'sha256',
      RS384: 'sha384',
      RS512: 'sha512',
      ES256: 'sha256',
      ES384: 'sha384',
      ES512: 'sha512',
    };
    const hash = header.alg ? hashes[header.alg] : undefined;
    if (!hash)
      return refuse(401, 'invalid_client', 'The client_assertion token has an unsupported algorithm.');
    const key = publicKeyOf(client.publicKey);
    const valid = verify(
      hash,
      Buffer.from(`${headerPart}.${claimsPart}`),
      header.alg?.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key,
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!valid) return refuse(401, 'invalid_client', 'The client_assertion signature is invalid.');
    if (claims.aud !== `${url}/oauth2/v1/token`) {
      return refuse(401, 'invalid_client', 'The audience [aud] claim is invalid.');
    }
    const seconds = Math.floor(now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= seconds) {
      return refuse(401, 'invalid_client', 'The client_assertion token is expired.');
    }
    if (claims.exp - (claims.iat ?? seconds) > 3600) {
      return refuse(
        401,
        'invalid_client',
        'The client_assertion token has an expiration too far into the future.',
      );
    }
    if (!claims.jti || usedJtis.has(claims.jti)) {
      return refuse(401, 'invalid_client', "The client_assertion token's jti has already been used.");
    }
    usedJtis.add(claims.jti);
    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const granted = client.scopes ?? ALL_SCOPES;
    const missing = requested.filter((s) => !granted.includes(s as OktaScope));
    if (requested.length === 0 || missing.length > 0) {
      return refuse(
        400,
        'invalid_scope',
        `The following scopes are not allowed: ${missing.join(', ') || '(none)'}.`,
      );
    }
    const accessToken = randomBytes(24).toString('base64url');
    accessTokens.set(accessToken, { client, expiresAt: now() + 3600_000 });
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3600, access_token: accessToken, scope: requested.join(' ') },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    directory,
    requests,
    throttle({ after = 0, times = 1, retryAfterSeconds, resetInSeconds = 1 } = {}) {
      throttling = { after, times, retryAfter: retryAfterSeconds, resetIn: resetInSeconds };
    },
    fail({ status = 503, after = 0, times = Number.POSITIVE_INFINITY } = {}) {
      failing = { status, after, times };
    },
    advance(ms) {
      skew += ms;
    },
    now,
    revokeAccessTokens() {
      accessTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string | string[]>;
}

function reply(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return { status, body, headers };
}

function authScheme(req: IncomingMessage): 'SSWS' | 'Bearer' | null {
  const scheme = req.headers.authorization?.split(/\s+/, 1)[0];
  return scheme === 'SSWS' || scheme === 'Bearer' ? scheme : null;
}

function routeOf(
  path: string,
): { kind: 'users' } | { kind: 'groups' } | { kind: 'members'; groupId: string } | null {
  if (path === '/api/v1/users') return { kind: 'users' };
  if (path === '/api/v1/groups') return { kind: 'groups' };
  const members = /^\/api\/v1\/groups\/([^/]+)\/users$/.exec(path);
  return members?.[1] ? { kind: 'members', groupId: decodeURIComponent(members[1]) } : null;
}

/**
 * The filter expressions a directory read uses: `attr gt "time"` on lastUpdated / lastMembershipUpdated and
 * `status eq "…"`, joined with `or`. Null for anything else (Okta answers E0000031).
 */
function parseFilter(filter: string): ((item: Record<string, string>) => boolean) | null {
  const terms = filter.split(/\s+or\s+/i).map((term) => {
    const match = /^\s*(lastUpdated|lastMembershipUpdated|status)\s+(gt|eq)\s+"([^"]*)"\s*$/.exec(term);
    if (!match) return null;
    const [, attr = '', op, value = ''] = match;
    if (op === 'eq') return (item: Record<string, string>) => item[attr] === value;
    const time = Date.parse(value);
    if (attr === 'status' || Number.isNaN(time)) return null;
    return (item: Record<string, string>) => Date.parse(item[attr] ?? '') > time;
  });
  if (terms.some((t) => t === null)) return null;
  return (item) => terms.some((t) => t?.(item));
}

/** The top-level string fields a filter can test. */
function fieldsOf(record: OktaFakeUser | OktaFakeGroup): Record<string, string> {
  return record as unknown as Record<string, string>;
}

function publicKeyOf(key: JsonWebKey | string | KeyObject): KeyObject {
  if (typeof key === 'string') return createPublicKey(key);
  if (key instanceof KeyObject) return key.type === 'public' ? key : createPublicKey(key);
  return createPublicKey({ key, format: 'jwk' });
}

function oktaError(errorCode: string, errorSummary: string) {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${randomBytes(11).toString('base64url')}`,
    errorCauses: [],
  };
}

function userJson(user: OktaFakeUser) {
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.status === 'STAGED' ? null : user.created,
    statusChanged: user.lastUpdated,
    lastLogin: null,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.created,
    type: { id: 'oty1fakeDefaultType0' },
    profile: { mobilePhone: null, secondEmail: null, displayName: null, ...user.profile },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `/api/v1/users/${user.id}` } },
  };
}

function groupJson(group: OktaFakeGroup) {
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: ['okta:user_group'],
    type: group.type,
    profile: {
      name: group.name,
      description: group.type === 'BUILT_IN' ? 'All users in your organization' : null,
    },
    _links: { users: { href: `/api/v1/groups/${group.id}/users` } },
  };
}
