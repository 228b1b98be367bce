// Google Workspace through the Admin SDK Directory API: a service account acting as an admin (domain-wide
// delegation), users and groups read in full every time, since the Directory API has no delta.
// https://developers.google.com/identity/protocols/oauth2/service-account#delegatingauthority
// https://developers.google.com/workspace/admin/directory/reference/rest
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { ConnectorFactory, DirectoryConnector, DirectoryRead, DirectoryUser } from '../connector';
import { DirectoryError } from '../connector';
import { authorizedGet, cachedAccessToken, createProviderHttp } from '../provider-http';
import { type FullReadPosition, parseState, readFull } from './full-read';
import { assertWithin, readJson } from './json';

const PROVIDER = 'Google Workspace';

/** The three read-only scopes the admin grants the service account's client ID in the Admin console. */
export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
] as const;

const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const DEFAULT_ADMIN = 'https://admin.googleapis.com';
const DIRECTORY = '/admin/directory/v1';
const TOKEN_MARGIN_MS = 5 * 60_000;

interface ServiceAccountKey {
  clientEmail: string;
  clientId: string;
  privateKeyId: string | undefined;
  privateKey: KeyObject;
  tokenUri: string;
}

interface GoogleUser {
  id: string;
  primaryEmail: string;
  name?: { givenName?: string; familyName?: string; fullName?: string };
  suspended?: boolean;
  archived?: boolean;
}

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    errors?: { reason?: string; message?: string }[];
    status?: string;
  };
}

export const googleWorkspaceConnector: ConnectorFactory = (credentials, options = {}) => {
  const adminEmail = (credentials.adminEmail ?? '').trim();
  const customer = (credentials.customerId ?? '').trim() || 'my_customer';
  const admin = (options.baseUrls?.admin ?? DEFAULT_ADMIN).replace(/\/$/, '');
  const http = createProviderHttp({
    provider: PROVIDER,
    fetch: rateLimitsAs429(options),
    sleep: options.sleep,
  });
  let key: ServiceAccountKey | undefined;
  // A 401 gets one fresh token (authorizedGet): it may have been revoked early.
  const auth = cachedAccessToken(async (signal) => {
    key ??= parseKey(credentials.serviceAccountKey ?? '', options.baseUrls?.token);
    const now = Math.floor(Date.now() / 1000);
    const assertion = signJwt(
      { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) },
      // sub: the admin the service account acts as. Google allows an hour at most.
      {
        iss: key.clientEmail,
        sub: adminEmail,
        scope: GOOGLE_SCOPES.join(' '),
        aud: key.tokenUri,
        iat: now,
        exp: now + 3600,
      },
      key.privateKey,
    );
    const response = await http(key.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal,
    });
    const body = await readJson<{
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    }>('Google', response, 'the token request');
    if (!response.ok || !body.access_token) throw tokenError(response.status, body, key, adminEmail);
    return { accessToken: body.access_token, expiresIn: body.expires_in };
  }, TOKEN_MARGIN_MS);

  async function adminGet<T>(path: string, query: Record<string, string | null>, signal?: AbortSignal) {
    const url = new URL(`${admin}${DIRECTORY}${path}`);
    for (const [name, value] of Object.entries(query)) if (value !== null) url.searchParams.set(name, value);
    assertWithin(PROVIDER, url.href, admin);
    const response = await authorizedGet(http, url.href, auth, signal);
    if (response.status === 404 && path.endsWith('/members')) {
      await response.body?.cancel();
      return null;
    }
    const body = await readJson<T & GoogleErrorBody>(PROVIDER, response, `the request for ${what(path)}`);
    if (!response.ok) throw adminError(response.status, body, path, adminEmail, customer);
    return body as T;
  }

  async function members(groupId: string, signal?: AbortSignal): Promise<string[] | null> {
    const ids: string[] = [];
    let pageToken: string | null = null;
    do {
      signal?.throwIfAborted();
      const page: { members?: { id?: string; type?: string }[]; nextPageToken?: string } | null =
        await adminGet(
          `/groups/${encodeURIComponent(groupId)}/members`,
          { maxResults: '200', pageToken },
          signal,
        );
      if (!page) return null;
      // Nested groups and "everyone in the customer" (type CUSTOMER) are members too; only people are synced.
      for (const member of page.members ?? []) if (member.type === 'USER' && member.id) ids.push(member.id);
      pageToken = page.nextPageToken ?? null;
    } while (pageToken);
    return ids;
  }

  const connector: DirectoryConnector = {
    async validate(signal) {
      await auth.token(signal);
      await adminGet('/users', { customer, maxResults: '1' }, signal);
      await adminGet('/groups', { customer, maxResults: '1' }, signal);
    },

    read({ resumeFrom, signal }): DirectoryRead {
      // No delta API: every read is whole, and the engine removes whoever it did not see.
      const from = resumeFrom
        ? parseState<FullReadPosition>(PROVIDER, 'resume point', resumeFrom)
        : ({ phase: 'users', page: null } as const);
      const source = {
        users: async (page: string | null) => {
          const body = await adminGet<{ users?: GoogleUser[]; nextPageToken?: string }>(
            '/users',
            { customer, maxResults: '500', pageToken: page },
            signal,
          );
          return { users: (body?.users ?? []).map(toUser), next: body?.nextPageToken ?? null };
        },
        groups: async (page: string | null) => {
          const body = await adminGet<{
            groups?: { id: string; name?: string; email: string }[];
            nextPageToken?: string;
          }>('/groups', { customer, maxResults: '200', pageToken: page }, signal);
          return {
            groups: (body?.groups ?? []).map((g) => ({ externalId: g.id, displayName: g.name || g.email })),
            next: body?.nextPageToken ?? null,
          };
        },
        members: (groupId: string) => members(groupId, signal),
      };
      return {
        full: true,
        pages: readFull(source, from, (position) => JSON.stringify(position), signal),
        nextCursor: () => null,
      };
    },
  };
  return connector;
};

function toUser(u: GoogleUser): DirectoryUser {
  const givenName = u.name?.givenName ?? null;
  const familyName = u.name?.familyName ?? null;
  return {
    externalId: u.id,
    email: u.primaryEmail,
    userName: u.primaryEmail,
    displayName: u.name?.fullName || [givenName, familyName].filter(Boolean).join(' ') || u.primaryEmail,
    givenName,
    familyName,
    // Suspended and archived people cannot sign in to Google: they are suspended here.
    active: !u.suspended && !u.archived,
  };
}

/** The key file the admin pasted, checked for what signing needs, in words they can act on. */
function parseKey(text: string, tokenOverride: string | undefined): ServiceAccountKey {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new DirectoryError(
      'invalid_credentials',
      `The service account key is not valid JSON (${error instanceof Error ? error.message : String(error)}). Paste the whole JSON key file downloaded from the Google Cloud console.`,
    );
  }
  const field = (name: string) => (typeof json?.[name] === 'string' ? (json[name] as string) : '');
  if (json?.type !== 'service_account' || !field('client_email') || !field('private_key')) {
    throw new DirectoryError(
      'invalid_credentials',
      'The service account key is not a service account JSON key: it needs "type": "service_account", "client_email" and "private_key". Create a JSON key under IAM & Admin > Service accounts > Keys.',
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(field('private_key'));
  } catch {
    throw new DirectoryError(
      'invalid_credentials',
      'The service account key\'s "private_key" is not a PEM private key; it may have been cut or its line breaks lost. Paste the JSON key file again as downloaded.',
    );
  }
  return {
    clientEmail: field('client_email'),
    clientId: field('client_id'),
    privateKeyId: field('private_key_id') || undefined,
    privateKey,
    // Not the key's own "token_uri": an address inside a pasted file would have the server post a signed assertion
    // wherever it says, its own network included. Google's keys all name this one; operators can override it.
    tokenUri: tokenOverride ?? DEFAULT_TOKEN_URI,
  };
}

/** A JWT signed with RS256 (RFC 7515), by hand: node:crypto and nothing else. */
export function signJwt(header: object, claims: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * Google throttles the Admin SDK with 403 `userRateLimitExceeded` / `rateLimitExceeded` as well as with 429; both
 * mean "back off and retry", so both reach the shared retry logic as the 429 they are.
 */
function rateLimitsAs429(options: { fetch?: typeof fetch }): typeof fetch {
  return async (input, init) => {
    const response = await (options.fetch ?? globalThis.fetch)(input, init);
    if (response.status !== 403) return response;
    const text = await response.text();
    const throttled = /"reason"\s*:\s*"(userRateLimitExceeded|rateLimitExceeded|quotaExceeded)"/.test(text);
    return new Response(text, { status: throttled ? 429 : 403, headers: response.headers });
  };
}

function tokenError(
  status: number,
  body: { error?: string; error_description?: string },
  key: ServiceAccountKey,
  adminEmail: string,
): DirectoryError {
  const reason = `${body.error ?? `HTTP ${status}`}: ${body.error_description ?? 'no description'}`;
  if (status >= 500)
    return new DirectoryError('bad_response', `Google could not issue a token (${reason}).`, status);
  const description = body.error_description ?? '';
  let message: string;
  if (body.error === 'unauthorized_client') {
    message = `Google refused the service account (${reason}). Domain-wide delegation is missing in the Admin console for client ID ${key.clientId || key.clientEmail} with the scopes ${GOOGLE_SCOPES.join(',')}: add it under Security > Access and data control > API controls > Manage Domain Wide Delegation.`;
  } else if (body.error === 'invalid_grant' && /email or user id/i.test(description)) {
    message = `Google does not know the admin email ${adminEmail} (${reason}). Enter the address of an administrator of this Google Workspace, not the service account's own.`;
  } else if (body.error === 'invalid_grant' && /signature/i.test(description)) {
    message = `Google rejected the service account key (${reason}). The key was deleted or replaced: create a new JSON key and paste it.`;
  } else if (body.error === 'invalid_grant' && /account not found/i.test(description)) {
    message = `Google does not know the service account ${key.clientEmail} (${reason}); it may have been deleted or disabled.`;
  } else if (body.error === 'invalid_grant' && /iat and exp|timeframe/i.test(description)) {
    message = `Google refused the token request as mistimed (${reason}). Check that this server's clock is right.`;
  } else {
    message = `Google refused the service account (${reason}).`;
  }
  return new DirectoryError('invalid_credentials', message, status);
}

function what(path: string): string {
  if (path.endsWith('/members')) return 'group members';
  return path.startsWith('/groups') ? 'groups' : 'users';
}

function adminError(
  status: number,
  body: GoogleErrorBody,
  path: string,
  adminEmail: string,
  customer: string,
): DirectoryError {
  const reason = body.error?.message ?? `HTTP ${status}`;
  if (status === 403) {
    const insufficientScopes = body.error?.errors?.some((e) => e.reason === 'insufficientPermissions');
    return new DirectoryError(
      'insufficient_permissions',
      insufficientScopes
        ? `Google refused to list ${what(path)} (403: ${reason}). Grant the service account's client ID all three scopes in Manage Domain Wide Delegation: ${GOOGLE_SCOPES.join(',')}.`
        : `Google refused to list ${what(path)} (403: ${reason}). The service account acts as ${adminEmail}, who must be a Google Workspace administrator allowed to read users and groups${customer === 'my_customer' ? '' : ` of customer ${customer}`}.`,
      status,
    );
  }
  if (status === 401) {
    return new DirectoryError(
      'invalid_credentials',
      `Google refused the access token (401: ${reason}). Check the service account key and save it again.`,
      status,
    );
  }
  if (status === 400 && path !== '/groups' && !path.endsWith('/members') && customer !== 'my_customer') {
    return new DirectoryError(
      'invalid_credentials',
      `Google refused to list users of customer ${customer} (400: ${reason}). Check the customer ID, or leave it empty for my_customer.`,
      status,
    );
  }
  return new DirectoryError(
    'bad_response',
    `Google answered the request for ${what(path)} with HTTP ${status} (${reason}).`,
    status,
  );
}
