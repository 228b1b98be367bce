import type {
  Group,
  ProviderId,
  ScimConnection,
  ScimConnectionSettings,
  ScimToken,
  User,
} from '@identity-kit/sdk';
import { findProvider } from '@identity-kit/sdk/providers';
import { randomToken } from '../ids';
import type { StoredScimConnection, StoredToken } from '../state';
import { iso } from '../time';
import type { MockWorkspace } from '../workspace';
import { addGroup, addUser, countBySource, findByUserName, suspendUser, toGroup, toUser } from './users';

export const MAX_RECENT_ERRORS = 20;

/** What the simulated identity provider sends in one SCIM request. */
export interface SimulatedScimRequest {
  /** A number of fake people, or the users to provision. */
  users?:
    | number
    | Array<{ userName: string; givenName?: string; familyName?: string; email?: string; active?: boolean }>;
  /** A number of fake groups, or their names. */
  groups?: number | string[];
  /** Which token the IdP authenticates with; `new` only while a rotation is in progress. */
  token?: 'current' | 'new';
  /** The request failed; recorded in `recentErrors`. A 401 means the IdP never authenticated. */
  error?: { status: number; scimType?: string; message: string; method?: string; path?: string };
}

/** The identity provider deactivates or deletes a user it provisioned. */
export interface SimulatedScimDeprovision {
  /** Which token the IdP authenticates with; `new` only while a rotation is in progress. */
  token?: 'current' | 'new';
}

export interface SimulatedScimResult {
  users: User[];
  groups: Group[];
}

/** Per workspace and connection, as connection ids alone repeat across workspaces. */
export function scimBaseUrl(ws: MockWorkspace, connectionId: string): string {
  return `https://acme.example/scim/v2/${ws.id}/${connectionId}`;
}

export function issueToken(ws: MockWorkspace, at: number): { stored: StoredToken; secret: string } {
  const secret = randomToken('scim_');
  return { stored: { id: ws.ids.next('tok'), secret, createdAt: iso(at), lastUsedAt: null }, secret };
}

export function createScimConnection(
  ws: MockWorkspace,
  input: { provider: ProviderId; name?: string; settings?: ScimConnectionSettings },
  at: number,
): { connection: StoredScimConnection; token: string } {
  const id = ws.ids.next('scim');
  const { stored, secret } = issueToken(ws, at);
  const autoVerify = ws.scenario.autoVerify;
  const connection: StoredScimConnection = {
    id,
    provider: input.provider,
    name: input.name ?? findProvider(input.provider)?.name ?? input.provider,
    status: 'pending',
    baseUrl: scimBaseUrl(ws, id),
    settings: input.settings ?? { deprovisionAction: 'suspend' },
    token: stored,
    rotation: null,
    lastUsedTokenId: null,
    verifiedAt: null,
    lastRequestAt: null,
    recentErrors: [],
    createdAt: iso(at),
    updatedAt: iso(at),
    autoVerify: autoVerify && {
      at: at + autoVerify.afterMs,
      users: autoVerify.users,
      groups: autoVerify.groups,
    },
  };
  ws.state.scimConnections.push(connection);
  return { connection, token: secret };
}

function toToken({ secret, ...token }: StoredToken): ScimToken {
  return { ...token, hint: `…${secret.slice(-4)}` };
}

export function toScimConnection(ws: MockWorkspace, c: StoredScimConnection): ScimConnection {
  return {
    id: c.id,
    provider: c.provider,
    name: c.name,
    status: c.status,
    baseUrl: c.baseUrl,
    settings: { ...c.settings },
    token: toToken(c.token),
    rotation: c.rotation && { startedAt: c.rotation.startedAt, newToken: toToken(c.rotation.newToken) },
    lastUsedTokenId: c.lastUsedTokenId,
    verifiedAt: c.verifiedAt,
    lastRequestAt: c.lastRequestAt,
    counts: countBySource(ws, c.id),
    recentErrors: c.recentErrors.map((e) => ({ ...e })),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

function tokenFor(
  c: StoredScimConnection,
  which: 'current' | 'new' = 'current',
  caller: string,
): StoredToken {
  const token = which === 'new' ? c.rotation?.newToken : c.token;
  if (!token)
    throw new Error(`${caller}: connection "${c.id}" has no rotation in progress; start one first.`);
  return token;
}

/** Every authenticated request shows which token the IdP used: how an admin knows a rotation can complete. */
function authenticated(c: StoredScimConnection, token: StoredToken, at: string): void {
  c.lastRequestAt = at;
  c.lastUsedTokenId = token.id;
  token.lastUsedAt = at;
}

function recordError(c: StoredScimConnection, error: NonNullable<SimulatedScimRequest['error']>, at: string) {
  const { method = 'POST', path = '/Users', status, scimType, message } = error;
  c.recentErrors.unshift({ at, method, path, status, message, ...(scimType ? { scimType } : {}) });
  c.recentErrors.length = Math.min(c.recentErrors.length, MAX_RECENT_ERRORS);
}

/** Applies one request of the identity provider, as the workspace's SCIM endpoint would. */
export function receiveScimRequest(
  ws: MockWorkspace,
  c: StoredScimConnection,
  request: SimulatedScimRequest,
  atMs: number,
): SimulatedScimResult {
  const at = iso(atMs);
  const token = tokenFor(c, request.token, 'simulateScimRequest');
  c.autoVerify = null;
  if (request.error?.status === 401) {
    recordError(c, request.error, at);
    return { users: [], groups: [] };
  }
  if (c.status === 'pending') {
    c.status = 'active';
    c.verifiedAt = at;
  }
  authenticated(c, token, at);
  if (request.error) {
    recordError(c, request.error, at);
    return { users: [], groups: [] };
  }

  const source = (n: number) => ({
    type: 'scim' as const,
    connectionId: c.id,
    externalId: `${c.id}-ext-${n}`,
  });
  const wanted =
    typeof request.users === 'number'
      ? Array.from({ length: request.users }, () => undefined)
      : (request.users ?? []);
  const users: User[] = [];
  for (const input of wanted) {
    if (input && findByUserName(ws, input.userName)) {
      recordError(
        c,
        {
          status: 409,
          scimType: 'uniqueness',
          message: `A user with the user name ${input.userName} already exists.`,
        },
        at,
      );
      continue;
    }
    const email = input ? (input.email ?? input.userName) : undefined;
    const user = addUser(ws, {
      ...(input
        ? { email, userName: input.userName, givenName: input.givenName, familyName: input.familyName }
        : {}),
      source: source(ws.state.seq),
      createdAt: at,
      status: input?.active === false ? 'suspended' : 'active',
    });
    users.push(toUser(user));
  }

  const names =
    typeof request.groups === 'number'
      ? Array.from({ length: request.groups }, () => undefined)
      : (request.groups ?? []);
  const groups = names.map((displayName, i) =>
    toGroup(
      addGroup(ws, {
        displayName,
        memberCount: users.filter((_, j) => j % names.length === i).length,
        source: source(ws.state.seq),
        createdAt: at,
      }),
    ),
  );
  c.updatedAt = at;
  return { users, groups };
}

/** The IdP deactivates or deletes a user: suspend or delete it, per the connection's settings. */
export function deprovision(
  ws: MockWorkspace,
  c: StoredScimConnection,
  userId: string,
  request: SimulatedScimDeprovision,
  atMs: number,
): void {
  const index = ws.state.users.findIndex((u) => u.id === userId && u.source.connectionId === c.id);
  const user = ws.state.users[index];
  if (!user) throw new Error(`simulateScimDeprovision: user "${userId}" was not provisioned by "${c.id}".`);
  const at = iso(atMs);
  authenticated(c, tokenFor(c, request.token, 'simulateScimDeprovision'), at);
  if (c.settings.deprovisionAction === 'delete') ws.state.users.splice(index, 1);
  else suspendUser(user, at);
}
