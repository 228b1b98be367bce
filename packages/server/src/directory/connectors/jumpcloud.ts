// JumpCloud's APIs, read-only, with an administrator's API key: people from the v1 System Users API, groups and
// their members from the v2 graph. JumpCloud pages with `limit` + `skip` and has no change feed, so every read
// is a full one.
// https://docs.jumpcloud.com/api/1.0/index.html#tag/Systemusers · https://docs.jumpcloud.com/api/2.0/index.html#tag/User-Groups
import {
  type ConnectorFactory,
  type ConnectorOptions,
  type DirectoryConnector,
  DirectoryError,
  type DirectoryGroup,
  type DirectoryPage,
  type DirectoryRead,
  type DirectoryUser,
} from '../connector';
import { createProviderHttp } from '../provider-http';

/** JumpCloud's largest page, v1 and v2 alike. */
const PAGE_LIMIT = 100;
const DEFAULT_BASE_URL = 'https://console.jumpcloud.com';

interface JumpCloudUser {
  _id?: string;
  id?: string;
  username?: string;
  email?: string;
  firstname?: string | null;
  lastname?: string | null;
  displayname?: string | null;
  suspended?: boolean;
  activated?: boolean;
  /** ACTIVATED, SUSPENDED or STAGED (created, not yet active). */
  state?: string;
}

interface JumpCloudGroup {
  id: string;
  name?: string;
}

interface JumpCloudMember {
  to?: { id?: string; type?: string };
}

/** Where a stopped read goes on: the list (people, then groups) and how many of it were already read. */
interface JumpCloudResume {
  v: 1;
  phase: 'users' | 'groups';
  skip: number;
}

export const createJumpCloudConnector: ConnectorFactory = (credentials, options = {}) =>
  new JumpCloudConnector(credentials, options);

class JumpCloudConnector implements DirectoryConnector {
  private readonly request;

  constructor(
    private readonly credentials: Record<string, string>,
    private readonly options: ConnectorOptions,
  ) {
    this.request = createProviderHttp({
      provider: 'JumpCloud',
      fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      sleep: options.sleep,
    });
  }

  async validate(signal?: AbortSignal): Promise<void> {
    // Both APIs: v1 for people, v2 for groups; a key may reach one and not the other.
    await this.get('/api/systemusers?limit=1&skip=0', 'list users', signal);
    await this.get('/api/v2/usergroups?limit=1&skip=0', 'list user groups', signal);
  }

  read(options: { cursor: string | null; resumeFrom: string | null; signal?: AbortSignal }): DirectoryRead {
    const connector = this;
    const { signal } = options;

    async function* pages(): AsyncGenerator<DirectoryPage> {
      const resume = options.resumeFrom === null ? null : parseResume(options.resumeFrom);
      let skip = resume?.skip ?? 0;
      if ((resume?.phase ?? 'users') === 'users') {
        for (;;) {
          const response = await connector.get(
            `/api/systemusers?limit=${PAGE_LIMIT}&skip=${skip}&sort=_id`,
            'list users',
            signal,
          );
          const body = (await response.json().catch(() => null)) as {
            results?: JumpCloudUser[];
            totalCount?: number;
          } | null;
          if (!Array.isArray(body?.results)) {
            throw new DirectoryError('bad_response', 'JumpCloud answered the user list without its results.');
          }
          skip += body.results.length;
          const done =
            body.results.length < PAGE_LIMIT || skip >= (body.totalCount ?? Number.POSITIVE_INFINITY);
          const users = body.results.map(toDirectoryUser);
          yield {
            users,
            resumeFrom: encodeResume(
              done ? { v: 1, phase: 'groups', skip: 0 } : { v: 1, phase: 'users', skip },
            ),
          };
          if (done) break;
        }
        skip = 0;
      }
      for (;;) {
        const response = await connector.get(
          `/api/v2/usergroups?limit=${PAGE_LIMIT}&skip=${skip}`,
          'list user groups',
          signal,
        );
        const list = await readList<JumpCloudGroup>(response, 'the user group list');
        skip += list.length;
        const groups: DirectoryGroup[] = [];
        for (const group of list) {
          const members = await connector.members(group.id, signal);
          if (members === null) continue; // deleted since it was listed
          groups.push({
            externalId: group.id,
            displayName: group.name ?? group.id,
            memberExternalIds: members,
          });
        }
        // v2 lists carry their size in x-total-count; without it, a short page is the last.
        const total = Number(response.headers.get('x-total-count') ?? Number.NaN);
        const done = list.length < PAGE_LIMIT || (Number.isFinite(total) && skip >= total);
        yield { groups, resumeFrom: done ? null : encodeResume({ v: 1, phase: 'groups', skip }) };
        if (done) break;
      }
    }

    // No change feed: every read is whole, and there is never a cursor to continue from.
    return { full: true, pages: pages(), nextCursor: () => null };
  }

  /** The ids of the group's direct user members, or null when the group no longer exists. */
  private async members(groupId: string, signal?: AbortSignal): Promise<string[] | null> {
    const ids: string[] = [];
    for (let skip = 0; ; skip += PAGE_LIMIT) {
      const response = await this.get(
        `/api/v2/usergroups/${encodeURIComponent(groupId)}/members?limit=${PAGE_LIMIT}&skip=${skip}`,
        'list group members',
        signal,
        { notFound: true },
      );
      if (response.status === 404) return null;
      const list = await readList<JumpCloudMember>(response, 'a group member list');
      for (const member of list) if (member.to?.type === 'user' && member.to.id) ids.push(member.to.id);
      if (list.length < PAGE_LIMIT) return ids;
    }
  }

  private async get(
    pathAndQuery: string,
    action: string,
    signal: AbortSignal | undefined,
    allow: { notFound?: boolean } = {},
  ): Promise<Response> {
    const apiKey = this.credentials.apiKey?.trim();
    if (!apiKey) throw new DirectoryError('invalid_credentials', 'The JumpCloud API key is missing.');
    const orgId = this.credentials.orgId?.trim();
    const base = (this.options.baseUrls?.jumpcloud ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const response = await this.request(`${base}${pathAndQuery}`, {
      headers: {
        accept: 'application/json',
        'x-api-key': apiKey,
        ...(orgId ? { 'x-org-id': orgId } : {}),
      },
      signal,
    });
    if (response.ok || (allow.notFound && response.status === 404)) return response;
    const body = (await response.json().catch(() => null)) as { message?: string; error?: string } | null;
    const said = body?.message ?? body?.error;
    if (response.status === 401) {
      throw new DirectoryError(
        'invalid_credentials',
        orgId
          ? `JumpCloud rejected the API key for organization ${orgId} (401 ${said ?? 'Unauthorized'}). Check that the key was copied whole, that the admin who created it still exists, and that this admin manages that organization.`
          : `JumpCloud rejected the API key (401 ${said ?? 'Unauthorized'}). Check that it was copied whole and that the admin who created it still exists.`,
        401,
      );
    }
    if (response.status === 403) {
      throw new DirectoryError(
        'insufficient_permissions',
        `JumpCloud refused to ${action} (403 ${said ?? 'Forbidden'}). Use the API key of an administrator with at least the Read Only role.`,
        403,
      );
    }
    throw new DirectoryError(
      'bad_response',
      `JumpCloud could not ${action} (HTTP ${response.status}${said ? `: ${said}` : ''}).`,
      response.status,
    );
  }
}

function toDirectoryUser(user: JumpCloudUser): DirectoryUser {
  const id = user.id ?? user._id;
  if (!id) throw new DirectoryError('bad_response', 'JumpCloud listed a user without an id.');
  const fullName = [user.firstname, user.lastname].filter(Boolean).join(' ');
  // SUSPENDED people, and STAGED ones who were never activated, cannot sign in to JumpCloud.
  const active = !user.suspended && user.state !== 'SUSPENDED' && user.state !== 'STAGED';
  return {
    externalId: id,
    email: user.email ?? '',
    userName: user.username ?? user.email ?? id,
    displayName: user.displayname || fullName || user.username || id,
    givenName: user.firstname || null,
    familyName: user.lastname || null,
    active,
  };
}

async function readList<T>(response: Response, what: string): Promise<T[]> {
  const json = (await response.json().catch(() => null)) as unknown;
  if (Array.isArray(json)) return json as T[];
  throw new DirectoryError(
    'bad_response',
    `JumpCloud answered ${what} with something other than a JSON list.`,
  );
}

function encodeResume(resume: JumpCloudResume): string {
  return JSON.stringify(resume);
}

function parseResume(text: string): JumpCloudResume {
  try {
    const resume = JSON.parse(text) as JumpCloudResume;
    if (
      resume.v === 1 &&
      (resume.phase === 'users' || resume.phase === 'groups') &&
      Number.isInteger(resume.skip) &&
      resume.skip >= 0
    ) {
      return resume;
    }
  } catch {
    // falls through
  }
  throw new DirectoryError(
    'bad_response',
    `This is not where a JumpCloud read stopped: ${text.slice(0, 80)}`,
  );
}
