// Microsoft Entra ID through Microsoft Graph: an app registration's client credentials, users and groups read in
// full, then only what changed through delta queries.
// https://learn.microsoft.com/graph/delta-query-overview, https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import type {
  ConnectorFactory,
  DirectoryConnector,
  DirectoryGroup,
  DirectoryPage,
  DirectoryRead,
  DirectoryUser,
} from '../connector';
import { DirectoryError } from '../connector';
import { authorizedGet, cachedAccessToken, createProviderHttp } from '../provider-http';
import { type FullReadPosition, parseState, readFull } from './full-read';
import { assertWithin, readJson } from './json';

const PROVIDER = 'Microsoft Entra ID';
const GRAPH = 'Microsoft Graph';

/** Sign-in and Graph hosts per national cloud. https://learn.microsoft.com/graph/deployments */
export const ENTRA_CLOUDS = {
  global: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  us_gov: { login: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  china: { login: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
} as const;

export type EntraCloud = keyof typeof ENTRA_CLOUDS;

const USER_FIELDS = 'id,userPrincipalName,mail,displayName,givenName,surname,accountEnabled';
// `members` in the group delta's $select is what makes membership changes show up in it at all.
const GROUP_DELTA_FIELDS = 'id,displayName,members';
const PAGE_SIZE = 999;
/** Renew the token this long before Entra says it expires, so no call goes out with a dying one. */
const TOKEN_MARGIN_MS = 5 * 60_000;

interface GraphUser {
  id: string;
  userPrincipalName?: string | null;
  mail?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  accountEnabled?: boolean | null;
  '@removed'?: { reason: string };
}

interface GraphGroup {
  id: string;
  displayName?: string | null;
  '@removed'?: { reason: string };
}

interface GraphCollection<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

interface ReadState {
  nextCursor: string | null;
}

/** The next incremental read: one delta link per collection. */
interface EntraCursor {
  users: string;
  groups: string;
}

type EntraResume =
  /** A full read, with the delta links taken before it began so nothing changed meanwhile is missed. */
  | { mode: 'full'; links: EntraCursor; at: FullReadPosition }
  /** An incremental read: `url` is the delta page to read next; `usersLink` the new users delta link once known. */
  | { mode: 'delta'; cursor: EntraCursor; phase: 'users' | 'groups'; url: string; usersLink?: string };

export const entraIdConnector: ConnectorFactory = (credentials, options = {}) => {
  const tenantId = credentials.tenantId ?? '';
  const clientId = credentials.clientId ?? '';
  const clientSecret = credentials.clientSecret ?? '';
  const cloudName = (credentials.cloud || 'global') as EntraCloud;
  const cloud = ENTRA_CLOUDS[cloudName];
  const login = (options.baseUrls?.login ?? cloud?.login ?? '').replace(/\/$/, '');
  const graph = (options.baseUrls?.graph ?? cloud?.graph ?? '').replace(/\/$/, '');
  const http = createProviderHttp({
    provider: PROVIDER,
    fetch: (...args) => (options.fetch ?? globalThis.fetch)(...args),
    sleep: options.sleep,
  });

  // A 401 gets one fresh token (authorizedGet): it may have been revoked early.
  const auth = cachedAccessToken(async (signal) => {
    if (!cloud) {
      throw new DirectoryError(
        'invalid_credentials',
        `"${cloudName}" is not a Microsoft cloud this connector knows; choose global, us_gov or china.`,
      );
    }
    const response = await http(`${login}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        // The resource's identifier, not where tests send requests: the cloud's own Graph.
        scope: `${cloud.graph}/.default`,
      }),
      signal,
    });
    const body = await readJson<{
      access_token?: string;
      expires_in?: number | string;
      error?: string;
      error_description?: string;
      error_codes?: number[];
    }>(PROVIDER, response, 'the token request');
    if (!response.ok || !body.access_token) throw tokenError(response.status, body);
    return { accessToken: body.access_token, expiresIn: body.expires_in };
  }, TOKEN_MARGIN_MS);

  /** One Graph GET; a 401 gets one fresh token (it may have been revoked early), 404 is the caller's to read. */
  async function graphGet<T>(url: string, signal?: AbortSignal, allow404 = false): Promise<T | null> {
    assertWithin(GRAPH, url, graph);
    const response = await authorizedGet(http, url, auth, signal);
    if (response.status === 404 && allow404) {
      await response.body?.cancel();
      return null;
    }
    const body = await readJson<T & GraphErrorBody>(GRAPH, response, describe(url));
    if (!response.ok) throw graphError(response.status, body, url);
    return body;
  }

  async function collection<T>(url: string, signal?: AbortSignal): Promise<GraphCollection<T>> {
    const body = (await graphGet<GraphCollection<T>>(url, signal)) as GraphCollection<T>;
    if (!Array.isArray(body.value)) {
      throw new DirectoryError('bad_response', `${GRAPH} answered ${describe(url)} without a "value" list.`);
    }
    return body;
  }

  /** Every user member of a group, through all pages; null when the group is gone. */
  async function members(groupId: string, signal?: AbortSignal): Promise<string[] | null> {
    const ids: string[] = [];
    let url: string | undefined =
      `${graph}/v1.0/groups/${encodeURIComponent(groupId)}/members?$select=id&$top=${PAGE_SIZE}`;
    while (url) {
      signal?.throwIfAborted();
      const page: GraphCollection<{ id: string; '@odata.type'?: string }> | null = await graphGet(
        url,
        signal,
        true,
      );
      if (!page) return null;
      // Nested groups, devices, contacts and service principals are members too; only people are synced.
      for (const member of page.value ?? []) {
        if (member['@odata.type'] === '#microsoft.graph.user') ids.push(member.id);
      }
      url = page['@odata.nextLink'];
    }
    return ids;
  }

  /** A delta link that starts now, with no objects: "sync from now", taken before a full read begins. */
  async function latestLink(collectionPath: string, select: string, signal?: AbortSignal): Promise<string> {
    const page = await collection(
      `${graph}/v1.0/${collectionPath}/delta?$select=${select}&$deltatoken=latest`,
      signal,
    );
    const link = page['@odata.deltaLink'];
    if (!link) {
      throw new DirectoryError('bad_response', `${GRAPH} gave no delta link for ${collectionPath}.`);
    }
    return link;
  }

  async function* fullPages(resume: EntraResume | null, state: ReadState, signal?: AbortSignal) {
    let links: EntraCursor;
    let at: FullReadPosition = { phase: 'users', page: null };
    if (resume?.mode === 'full') {
      links = resume.links;
      at = resume.at;
    } else {
      links = {
        users: await latestLink('users', USER_FIELDS, signal),
        groups: await latestLink('groups', GROUP_DELTA_FIELDS, signal),
      };
    }
    const source = {
      users: async (page: string | null) => {
        const body = await collection<GraphUser>(
          page ?? `${graph}/v1.0/users?$select=${USER_FIELDS}&$top=${PAGE_SIZE}`,
          signal,
        );
        return { users: body.value.map(toUser), next: body['@odata.nextLink'] ?? null };
      },
      groups: async (page: string | null) => {
        const body = await collection<GraphGroup>(
          page ?? `${graph}/v1.0/groups?$select=id,displayName&$top=${PAGE_SIZE}`,
          signal,
        );
        return {
          groups: body.value.map((g) => ({ externalId: g.id, displayName: g.displayName ?? g.id })),
          next: body['@odata.nextLink'] ?? null,
        };
      },
      members: (groupId: string) => members(groupId, signal),
    };
    const resumeAt = (position: FullReadPosition) =>
      JSON.stringify({ mode: 'full', links, at: position } satisfies EntraResume);
    yield* readFull(source, at, resumeAt, signal);
    state.nextCursor = JSON.stringify(links);
  }

  async function* deltaPages(
    cursor: EntraCursor,
    resume: Extract<EntraResume, { mode: 'delta' }> | null,
    state: ReadState,
    signal?: AbortSignal,
  ): AsyncGenerator<DirectoryPage> {
    let phase = resume?.phase ?? 'users';
    let url = resume?.url ?? cursor.users;
    let usersLink = resume?.usersLink;
    const at = (next: Omit<Extract<EntraResume, { mode: 'delta' }>, 'mode' | 'cursor'>) =>
      JSON.stringify({ mode: 'delta', cursor, ...next } satisfies EntraResume);

    while (phase === 'users') {
      signal?.throwIfAborted();
      const page = await collection<GraphUser>(url, signal);
      const users = page.value.filter((u) => !u['@removed']).map(toUser);
      const removedUserIds = page.value.filter((u) => u['@removed']).map((u) => u.id);
      const next = page['@odata.nextLink'];
      if (next) {
        yield { users, removedUserIds, resumeFrom: at({ phase: 'users', url: next }) };
        url = next;
        continue;
      }
      usersLink = deltaLinkOf(page, 'users');
      phase = 'groups';
      url = cursor.groups;
      yield { users, removedUserIds, resumeFrom: at({ phase: 'groups', url, usersLink }) };
    }

    // A group shows up in the delta when its name or its members changed. `members@delta` lists only the
    // members added and removed since the last round (and a big group's list is split over several pages), while
    // the engine wants each group's whole member list: so every changed group's members are read again.
    const seen = new Set<string>();
    for (;;) {
      signal?.throwIfAborted();
      const page = await collection<GraphGroup>(url, signal);
      const groups: DirectoryGroup[] = [];
      const removedGroupIds: string[] = [];
      for (const entry of page.value) {
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        if (entry['@removed']) {
          removedGroupIds.push(entry.id);
          continue;
        }
        const memberIds = await members(entry.id, signal);
        if (!memberIds) {
          removedGroupIds.push(entry.id);
          continue;
        }
        let displayName = entry.displayName;
        if (displayName == null) {
          const group = await graphGet<GraphGroup>(
            `${graph}/v1.0/groups/${encodeURIComponent(entry.id)}?$select=id,displayName`,
            signal,
          );
          displayName = group?.displayName ?? entry.id;
        }
        groups.push({ externalId: entry.id, displayName, memberExternalIds: memberIds });
      }
      const next = page['@odata.nextLink'];
      if (next) {
        yield { groups, removedGroupIds, resumeFrom: at({ phase: 'groups', url: next, usersLink }) };
        url = next;
        continue;
      }
      state.nextCursor = JSON.stringify({
        users: usersLink ?? cursor.users,
        groups: deltaLinkOf(page, 'groups'),
      } satisfies EntraCursor);
      yield { groups, removedGroupIds, resumeFrom: null };
      return;
    }
  }

  const connector: DirectoryConnector = {
    async validate(signal) {
      await auth.token(signal);
      await collection(`${graph}/v1.0/users?$select=id&$top=1`, signal);
      await collection(`${graph}/v1.0/groups?$select=id&$top=1`, signal);
    },

    read({ cursor, resumeFrom, signal }): DirectoryRead {
      const state: ReadState = { nextCursor: null };
      const resume = resumeFrom ? parseState<EntraResume>(PROVIDER, 'resume point', resumeFrom) : null;
      const previous = cursor ? parseState<EntraCursor>(PROVIDER, 'sync cursor', cursor) : null;
      // A stopped run goes on the way it began, whatever cursor comes with it.
      const pages =
        resume?.mode === 'delta'
          ? deltaPages(resume.cursor, resume, state, signal)
          : previous && !resume
            ? deltaPages(previous, null, state, signal)
            : fullPages(resume, state, signal);
      return {
        full: !(resume?.mode === 'delta' || (previous && !resume)),
        pages,
        nextCursor: () => state.nextCursor,
      };
    },
  };
  return connector;
};

function deltaLinkOf(page: GraphCollection<unknown>, what: string): string {
  const link = page['@odata.deltaLink'];
  if (!link) {
    throw new DirectoryError(
      'bad_response',
      `${GRAPH} ended the ${what} delta without a next link or a delta link.`,
    );
  }
  return link;
}

function toUser(u: GraphUser): DirectoryUser {
  const email = u.mail || u.userPrincipalName || '';
  return {
    externalId: u.id,
    email,
    userName: u.userPrincipalName || email,
    displayName: u.displayName || [u.givenName, u.surname].filter(Boolean).join(' ') || email,
    givenName: u.givenName ?? null,
    familyName: u.surname ?? null,
    // Absent only when Graph leaves an unchanged property out; a person is active unless blocked.
    active: u.accountEnabled !== false,
  };
}

/** "users", "groups", "the members of a group": what a Graph URL was reading, for messages. */
function describe(url: string): string {
  const path = new URL(url).pathname;
  if (path.includes('/members')) return 'the request for group members';
  if (path.includes('/groups')) return 'the request for groups';
  return 'the request for users';
}

interface GraphErrorBody {
  error?: { code?: string; message?: string };
}

/** Sign-in errors are AADSTS codes: https://learn.microsoft.com/entra/identity-platform/reference-error-codes */
function tokenError(
  status: number,
  body: { error?: string; error_description?: string; error_codes?: number[] },
): DirectoryError {
  // "AADSTS7000215: Invalid client secret provided. …\r\nTrace ID: …": the first line is the reason.
  const reason = (body.error_description ?? body.error ?? `HTTP ${status}`).split(/\r?\n/)[0]?.trim();
  const code = body.error_codes?.[0] ?? Number(/AADSTS(\d+)/.exec(reason ?? '')?.[1]);
  const what: Record<number, string> = {
    7000215: `${PROVIDER} rejected the client secret (${reason}). Paste the secret's Value, not its Secret ID.`,
    7000222: `${PROVIDER} says the client secret has expired (${reason}). Create a new client secret and paste its Value.`,
    700016: `${PROVIDER} does not know this application (client) ID in the tenant (${reason}). Check the Application (client) ID and the Directory (tenant) ID on the app registration's Overview page.`,
    90002: `${PROVIDER} does not know this tenant (${reason}). Check the Directory (tenant) ID and the cloud.`,
    900023: `${PROVIDER} does not accept this tenant ID (${reason}). Enter the Directory (tenant) ID GUID or a verified domain.`,
    7000216: `${PROVIDER} needs the client secret (${reason}).`,
  };
  if (status >= 400 && status < 500) {
    return new DirectoryError(
      'invalid_credentials',
      what[code] ?? `${PROVIDER} rejected the credentials (${reason}).`,
      status,
    );
  }
  return new DirectoryError('bad_response', `${PROVIDER} could not issue a token (${reason}).`, status);
}

function graphError(status: number, body: GraphErrorBody, url: string): DirectoryError {
  const code = body.error?.code ?? `HTTP ${status}`;
  const reason = `${code}: ${body.error?.message ?? 'no message'}`;
  if (status === 403) {
    const permission = describe(url) === 'the request for users' ? 'User.Read.All' : 'GroupMember.Read.All';
    return new DirectoryError(
      'insufficient_permissions',
      `${GRAPH} refused ${describe(url)} (${reason}). Add the application permission ${permission} (the sync needs User.Read.All and GroupMember.Read.All) and click Grant admin consent.`,
      status,
    );
  }
  if (status === 401) {
    return new DirectoryError(
      'invalid_credentials',
      `${GRAPH} refused the access token (${reason}). Check the credentials and save them again.`,
      status,
    );
  }
  if (status === 400 && /syncStateNotFound|resyncRequired|token.*expired/i.test(reason)) {
    return new DirectoryError(
      'bad_response',
      `${GRAPH} no longer knows the last sync's delta link (${reason}); the next sync must read everything.`,
      status,
    );
  }
  return new DirectoryError(
    'bad_response',
    `${GRAPH} answered ${describe(url)} with HTTP ${status} (${reason}).`,
    status,
  );
}
