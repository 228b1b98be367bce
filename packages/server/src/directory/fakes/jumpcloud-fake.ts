// A stand-in for a JumpCloud organization on 127.0.0.1, for tests: v1 System Users (`results`, `totalCount`)
// and v2 user groups and their members (`[{ to: { id, type } }]`, `x-total-count`), paged with `limit` (at most
// 100) and `skip`, the `x-api-key` / `x-org-id` headers, JumpCloud's error bodies (`{"message":"Unauthorized"}`),
// and switches to throttle (429 with Retry-After) or fail.
// https://docs.jumpcloud.com/api/1.0/index.html · https://docs.jumpcloud.com/api/2.0/index.html
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeName } from './fake-people';

/** The API key a fake organization accepts unless told otherwise. */
export const JUMPCLOUD_FAKE_API_KEY = 'jcFakeApiKey0123456789abcdef0123456789abcd';

export interface JumpCloudFakeOptions {
  /** People in the organization. Default 2500. */
  users?: number;
  /** User groups. Default 30. */
  groups?: number;
  apiKey?: string;
  /** When set, `x-org-id` must name it (a multi-tenant administrator's key); otherwise it must be absent or match. */
  orgId?: string;
  /** Keys of administrators without access to user groups (403). */
  restrictedKeys?: string[];
}

export interface JumpCloudFakeUser {
  _id: string;
  username: string;
  email: string;
  firstname: string;
  lastname: string;
  displayname: string;
  state: 'ACTIVATED' | 'SUSPENDED' | 'STAGED';
  suspended: boolean;
  activated: boolean;
  account_locked: boolean;
  created: string;
}

export interface JumpCloudFakeGroup {
  id: string;
  name: string;
  members: Set<string>;
}

export interface JumpCloudFakeRequest {
  method: string;
  url: string;
  path: string;
  apiKey: string | null;
  orgId: string | null;
  status: number;
}

/** The organization's people and groups, changed between reads as an admin would in the Admin Portal. */
export class JumpCloudFakeDirectory {
  /** In creation order, which is the order JumpCloud lists them in. */
  readonly users = new Map<string, JumpCloudFakeUser>();
  readonly groups = new Map<string, JumpCloudFakeGroup>();
  private nextUser = 0;
  private nextGroup = 0;
  private readonly prefix = randomBytes(4).toString('hex');

  createUser(fields: Partial<JumpCloudFakeUser> = {}): JumpCloudFakeUser {
    const n = this.nextUser++;
    const { first, last } = fakeName(n);
    const username = `${first}.${last}.${n}`.toLowerCase();
    const user: JumpCloudFakeUser = {
      // Mongo-style ids: 24 hex digits, increasing with creation.
      _id: `${this.prefix}${n.toString(16).padStart(16, '0')}`,
      username,
      email: `${username}@example.com`,
      firstname: first,
      lastname: last,
      displayname: n % 5 === 0 ? `${first} ${last} (${n})` : '',
      state: 'ACTIVATED',
      suspended: false,
      activated: true,
      account_locked: false,
      created: new Date().toISOString(),
      ...fields,
    };
    this.users.set(user._id, user);
    return user;
  }

  updateUser(id: string, fields: Partial<Omit<JumpCloudFakeUser, '_id'>>): JumpCloudFakeUser {
    return Object.assign(this.user(id), fields);
  }

  suspendUser(id: string): JumpCloudFakeUser {
    return this.updateUser(id, { state: 'SUSPENDED', suspended: true });
  }

  deleteUser(id: string): void {
    this.user(id);
    this.users.delete(id);
    for (const group of this.groups.values()) group.members.delete(id);
  }

  createGroup(name: string, memberIds: Iterable<string> = []): JumpCloudFakeGroup {
    const group: JumpCloudFakeGroup = {
      id: `${this.prefix}${(0x8000_0000 + this.nextGroup++).toString(16).padStart(16, '0')}`,
      name,
      members: new Set(memberIds),
    };
    this.groups.set(group.id, group);
    return group;
  }

  deleteGroup(id: string): void {
    this.group(id);
    this.groups.delete(id);
  }

  addMember(groupId: string, userId: string): void {
    this.user(userId);
    this.group(groupId).members.add(userId);
  }

  removeMember(groupId: string, userId: string): void {
    this.group(groupId).members.delete(userId);
  }

  user(id: string): JumpCloudFakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id} in the fake JumpCloud organization`);
    return user;
  }

  group(id: string): JumpCloudFakeGroup {
    const group = this.groups.get(id);
    if (!group) throw new Error(`No group ${id} in the fake JumpCloud organization`);
    return group;
  }

  seed(users: number, groups: number): void {
    const ids: string[] = [];
    for (let i = 0; i < users; i++) {
      const state = i % 11 === 4 ? 'SUSPENDED' : i % 17 === 9 ? 'STAGED' : 'ACTIVATED';
      ids.push(
        this.createUser({ state, suspended: state === 'SUSPENDED', activated: state !== 'STAGED' })._id,
      );
    }
    for (let g = 0; g < groups; g++) {
      // Group 0 holds every other person (many member pages); the last one is empty.
      const every = g + 2;
      this.createGroup(`Team ${g + 1}`, g === groups - 1 ? [] : ids.filter((_, i) => (i + g) % every === 0));
    }
  }
}

export interface JumpCloudFake {
  /** Pass it as `baseUrls.jumpcloud`. */
  url: string;
  directory: JumpCloudFakeDirectory;
  requests: JumpCloudFakeRequest[];
  /** After `after` more requests, answer the next `times` with 429 and Retry-After. */
  throttle(options?: { after?: number; times?: number; retryAfterSeconds?: number }): void;
  /** After `after` more requests, answer the next `times` (default: all) with `status` (default 503). */
  fail(options?: { status?: number; after?: number; times?: number }): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function start(options: JumpCloudFakeOptions = {}): Promise<JumpCloudFake> {
  const directory = new JumpCloudFakeDirectory();
  directory.seed(options.users ?? 2500, options.groups ?? 30);
  const apiKey = options.apiKey ?? JUMPCLOUD_FAKE_API_KEY;
  const restricted = new Set(options.restrictedKeys ?? []);
  const requests: JumpCloudFakeRequest[] = [];
  let throttling: { after: number; times: number; retryAfter: number } | null = null;
  let failing: { status: number; after: number; times: number } | null = null;
  let url = '';

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const entry: JumpCloudFakeRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: new URL(req.url ?? '/', url).pathname,
        apiKey: header(req, 'x-api-key'),
        orgId: header(req, 'x-org-id'),
        status: 0,
      };
      requests.push(entry);
      let reply: Reply;
      try {
        reply = handle(req, entry);
      } catch (error) {
        reply = { status: 500, body: { message: `Internal Server Error: ${String(error)}` } };
      }
      entry.status = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });

  function handle(req: IncomingMessage, entry: JumpCloudFakeRequest): Reply {
    if (failing && failing.after-- <= 0 && failing.times-- > 0) {
      return {
        status: failing.status,
        body: { message: failing.status === 503 ? 'Service Unavailable' : 'Internal Server Error' },
      };
    }
    if (throttling && throttling.after-- <= 0 && throttling.times-- > 0) {
      return {
        status: 429,
        body: { message: 'Too Many Requests' },
        headers: { 'retry-after': String(throttling.retryAfter) },
      };
    }
    if (entry.apiKey !== apiKey && !(entry.apiKey && restricted.has(entry.apiKey))) {
      return { status: 401, body: { message: 'Unauthorized' } };
    }
    if (options.orgId ? entry.orgId !== options.orgId : entry.orgId !== null) {
      return { status: 401, body: { message: 'Unauthorized' } };
    }
    if (req.method !== 'GET') return { status: 405, body: { message: 'Method Not Allowed' } };

    const target = new URL(req.url ?? '/', url);
    const query = target.searchParams;
    const limit = Number(query.get('limit') ?? 10); // JumpCloud's default page is 10
    const skip = Number(query.get('skip') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return { status: 400, body: { message: 'Bad Request: limit must be between 0 and 100' } };
    }
    if (!Number.isInteger(skip) || skip < 0) {
      return { status: 400, body: { message: 'Bad Request: skip must be a non-negative integer' } };
    }
    const slice = <T>(items: T[]) => items.slice(skip, skip + limit);

    if (target.pathname === '/api/systemusers') {
      const users = [...directory.users.values()];
      const sort = query.get('sort');
      if (sort && sort !== '_id' && sort !== 'username') {
        return { status: 400, body: { message: `Bad Request: invalid sort field ${sort}` } };
      }
      if (sort === 'username') users.sort((a, b) => a.username.localeCompare(b.username));
      return {
        status: 200,
        body: { totalCount: users.length, results: slice(users).map((u) => ({ ...u, id: u._id })) },
      };
    }
    if (entry.apiKey && restricted.has(entry.apiKey)) return { status: 403, body: { message: 'Forbidden' } };
    if (target.pathname === '/api/v2/usergroups') {
      const groups = [...directory.groups.values()];
      return {
        status: 200,
        body: slice(groups).map((g) => ({
          id: g.id,
          name: g.name,
          type: 'user_group',
          description: '',
          email: '',
          attributes: null,
        })),
        headers: { 'x-total-count': String(groups.length) },
      };
    }
    const members = /^\/api\/v2\/usergroups\/([^/]+)\/members$/.exec(target.pathname);
    if (members?.[1]) {
      const group = directory.groups.get(decodeURIComponent(members[1]));
      if (!group) return { status: 404, body: { message: 'Not Found' } };
      const list = [...group.members];
      return {
        status: 200,
        body: slice(list).map((id) => ({ attributes: null, to: { attributes: null, id, type: 'user' } })),
        headers: { 'x-total-count': String(list.length) },
      };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    directory,
    requests,
    throttle({ after = 0, times = 1, retryAfterSeconds = 1 } = {}) {
      throttling = { after, times, retryAfter: retryAfterSeconds };
    },
    fail({ status = 503, after = 0, times = Number.POSITIVE_INFINITY } = {}) {
      failing = { status, after, times };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}
