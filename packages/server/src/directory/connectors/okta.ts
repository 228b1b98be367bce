// Okta's Management API, read-only: users, groups and group members, in full or since a time (Okta has no delta
// link; `filter=lastUpdated gt "…"` is its incremental read). Authenticates with an API token (`SSWS`) or as an
// OAuth 2.0 service app with a private key (`private_key_jwt`, signed here with node:crypto).
// https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers
// https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/
import { createPrivateKey, type JsonWebKey, type KeyObject, randomUUID, sign } from 'node:crypto';
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
import { authorizedGet, cachedAccessToken, createProviderHttp, type ProviderAuth } from '../provider-http';
import { assertPublicHost } from '../public-host';

/** Okta's largest page for users and groups; group members allow 1000. */
const PAGE_LIMIT = 200;
const MEMBER_PAGE_LIMIT = 1000;
const SCOPES = 'okta.users.read okta.groups.read';
/**
 * How far before a read's start the next incremental read looks back. Okta stamps `lastUpdated` when a change
 * commits, so a change committed while a read was running may carry a slightly earlier time; reading a few
 * people twice is harmless, missing one is not.
 */
const CURSOR_OVERLAP_MS = 5 * 60_000;
/** Renew an access token this long before Okta says it expires. */
const TOKEN_MARGIN_MS = 60_000;

const ACTIVE_STATUSES = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);

interface OktaUser {
  id: string;
  status: string;
  profile: {
    login?: string;
    email?: string;
    firstName?: string | null;
    lastName?: string | null;
    displayName?: string | null;
  };
}

interface OktaGroup {
  id: string;
  type?: string;
  profile: { name?: string };
}

interface OktaApiError {
  errorCode?: string;
  errorSummary?: string;
}

/**
 * Where a stopped read goes on: the phase, the next Okta page to fetch (its path and query; the origin is always
 * the org's, so a resumed read never sends the credential elsewhere), and the time the read began, which
 * becomes the next cursor.
 */
interface OktaResume {
  v: 1;
  phase: 'users' | 'groups';
  next: string;
  startedAt: string;
}

export const createOktaConnector: ConnectorFactory = (credentials, options = {}) =>
  new OktaConnector(credentials, options);

class OktaConnector implements DirectoryConnector {
  private readonly request;
  /** An OAuth service app's access token, fetched again when Okta refuses it. */
  private readonly oauth = cachedAccessToken((signal) => this.fetchAccessToken(signal), TOKEN_MARGIN_MS);
  private signingKey: { key: KeyObject; alg: string; kid?: string } | null = null;

  constructor(
    private readonly credentials: Record<string, string>,
    private readonly options: ConnectorOptions,
  ) {
    this.request = createProviderHttp({
      provider: 'Okta',
      // Looked up at call time, so a test's stand-in set after construction still applies.
      fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      sleep: options.sleep,
    });
  }

  async validate(signal?: AbortSignal): Promise<void> {
    // Both lists, so a token that can read people but not groups fails now rather than halfway through a sync.
    await this.get('/api/v1/users?limit=1', 'list users', signal);
    await this.get('/api/v1/groups?limit=1', 'list groups', signal);
  }

  read(options: { cursor: string | null; resumeFrom: string | null; signal?: AbortSignal }): DirectoryRead {
    let nextCursor: string | null = null;
    const connector = this;

    // Errors, even about the cursor or resumeFrom, surface while the pages are read, as the contract's others do.
    async function* pages(): AsyncGenerator<DirectoryPage> {
      const since = options.cursor === null ? null : parseCursor(options.cursor);
      const resume = options.resumeFrom === null ? null : parseResume(options.resumeFrom);
      const startedAt = resume?.startedAt ?? new Date().toISOString();
      const userQuery = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      // `filter` reads Okta's primary store (a change is visible at once, unlike `search`), and with a filter
      // DEPROVISIONED people are listed too, which is how an incremental read learns who was deactivated.
      if (since) userQuery.set('filter', `lastUpdated gt "${since}"`);
      const groupQuery = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      if (since) groupQuery.set('filter', `lastUpdated gt "${since}" or lastMembershipUpdated gt "${since}"`);
      const firstGroups = `/api/v1/groups?${groupQuery}`;

      let phase = resume?.phase ?? 'users';
      let next: string | null = resume?.next ?? `/api/v1/users?${userQuery}`;
      while (phase === 'users' && next) {
        const response = await connector.get(next, 'list users', options.signal);
        const list = await readJson<OktaUser[]>(response, 'the user list');
        next = nextLink(response);
        const users: DirectoryUser[] = [];
        const removed: string[] = [];
        for (const user of list) {
          if (since && user.status === 'DEPROVISIONED') removed.push(user.id);
          else users.push(toDirectoryUser(user));
        }
        if (!next) {
          phase = 'groups';
          next = firstGroups;
        }
        const resumeFrom = encodeResume({ v: 1, phase, next, startedAt });
        yield removed.length > 0 ? { users, removedUserIds: removed, resumeFrom } : { users, resumeFrom };
      }
      while (next) {
        const response = await connector.get(next, 'list groups', options.signal);
        const list = await readJson<OktaGroup[]>(response, 'the group list');
        next = nextLink(response);
        const groups: DirectoryGroup[] = [];
        for (const group of list) {
          // Everyone (BUILT_IN) is every person in the org: it says nothing a workspace can use, and reading
          // its members would read the whole directory again.
          if (group.type === 'BUILT_IN') continue;
          const members = await connector.members(group.id, options.signal);
          if (members === null) continue; // deleted since it was listed: a full read drops it anyway
          groups.push({
            externalId: group.id,
            displayName: group.profile.name ?? group.id,
            memberExternalIds: members,
          });
        }
        yield { groups, resumeFrom: next ? encodeResume({ v: 1, phase: 'groups', next, startedAt }) : null };
      }
      nextCursor = new Date(Date.parse(startedAt) - CURSOR_OVERLAP_MS).toISOString();
    }

    return { full: options.cursor === null, pages: pages(), nextCursor: () => nextCursor };
  }

  /** Every member's id, or null when the group no longer exists. DEPROVISIONED people are not members here. */
  private async members(groupId: string, signal?: AbortSignal): Promise<string[] | null> {
    const ids: string[] = [];
    let next: string | null =
      `/api/v1/groups/${encodeURIComponent(groupId)}/users?limit=${MEMBER_PAGE_LIMIT}`;
    while (next) {
      const response = await this.get(next, 'list group members', signal, { notFound: true });
      if (response.status === 404) return null;
      const list = await readJson<OktaUser[]>(response, 'a group member list');
      for (const user of list) if (user.status !== 'DEPROVISIONED') ids.push(user.id);
      next = nextLink(response);
    }
    return ids;
  }

  private orgChecked: Promise<string> | undefined;

  /**
   * The org's address. One the admin typed must lead outside the server's network: checked once per connector,
   * that is per credential check or sync run.
   */
  private baseUrl(): Promise<string> {
    if (!this.orgChecked) {
      const checked = (async () => {
        const operator = this.options.baseUrls?.okta;
        const base = (operator ?? this.credentials.orgUrl)?.replace(/\/+$/, '');
        if (!base) throw new DirectoryError('invalid_credentials', 'The Okta org URL is missing.');
        if (!operator && !this.options.allowPrivateAddresses)
          await assertPublicHost(base, 'The Okta org URL');
        return base;
      })();
      this.orgChecked = checked;
      // A failed check (a DNS hiccup, say) is not remembered: the next request checks again.
      checked.catch(() => {
        if (this.orgChecked === checked) this.orgChecked = undefined;
      });
    }
    return this.orgChecked;
  }

  /** GET a path on the org with the credential; answers other than 2xx become a worded DirectoryError. */
  private async get(
    pathAndQuery: string,
    action: string,
    signal: AbortSignal | undefined,
    allow: { notFound?: boolean } = {},
  ): Promise<Response> {
    const response = await authorizedGet(
      this.request,
      `${await this.baseUrl()}${pathAndQuery}`,
      this.auth,
      signal,
    );
    if (response.ok || (allow.notFound && response.status === 404)) return response;
    throw await this.apiError(response, action);
  }

  private get usesOAuth(): boolean {
    return (this.credentials.authMethod ?? 'api_token') === 'oauth';
  }

  /** How calls authenticate: an OAuth access token (fetched again when refused), or the API token (fixed). */
  private get auth(): ProviderAuth {
    if (this.usesOAuth) return this.oauth;
    return {
      header: async () => {
        const token = this.credentials.apiToken?.trim().replace(/^SSWS\s+/i, '');
        if (!token) throw new DirectoryError('invalid_credentials', 'The Okta API token is missing.');
        return `SSWS ${token}`;
      },
    };
  }

  /** Client credentials with a signed client assertion (RFC 7523), as Okta's service apps require. */
  private async fetchAccessToken(
    signal?: AbortSignal,
  ): Promise<{ accessToken: string; expiresIn: number | undefined }> {
    const clientId = this.credentials.clientId?.trim();
    if (!clientId) throw new DirectoryError('invalid_credentials', 'The Okta client ID is missing.');
    const tokenUrl = `${await this.baseUrl()}/oauth2/v1/token`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: SCOPES,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: this.clientAssertion(clientId, tokenUrl),
    });
    const response = await this.request(tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal,
    });
    const json = (await response.json().catch(() => null)) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    } | null;
    if (response.ok && json?.access_token)
      return { accessToken: json.access_token, expiresIn: json.expires_in };
    throw tokenError(response.status, json?.error, json?.error_description);
  }

  private clientAssertion(clientId: string, audience: string): string {
    this.signingKey ??= readPrivateKey(this.credentials.privateKey, this.credentials.keyId);
    const { key, alg, kid } = this.signingKey;
    const now = Math.floor(Date.now() / 1000);
    const header = { alg, typ: 'JWT', ...(kid ? { kid } : {}) };
    // Okta refuses assertions that live longer than an hour; five minutes is plenty for one token request.
    const claims = {
      iss: clientId,
      sub: clientId,
      aud: audience,
      jti: randomUUID(),
      iat: now,
      exp: now + 300,
    };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const hash = alg === 'ES384' ? 'sha384' : alg === 'ES512' ? 'sha512' : 'sha256';
    // JWS wants EC signatures as r‖s, not DER (RFC 7518 §3.4).
    const signature = sign(
      hash,
      Buffer.from(input),
      alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key,
    );
    return `${input}.${signature.toString('base64url')}`;
  }

  /** Okta's error body (`errorCode`, `errorSummary`) in the admin's words, by what the status means. */
  private async apiError(response: Response, action: string): Promise<DirectoryError> {
    const body = (await response.json().catch(() => null)) as OktaApiError | null;
    const reason = body?.errorCode
      ? `${body.errorCode}: ${(body.errorSummary ?? '').replace(/\.$/, '')}`
      : `HTTP ${response.status}`;
    if (response.status === 401) {
      return new DirectoryError(
        'invalid_credentials',
        this.usesOAuth
          ? `Okta rejected the service app's access token (${reason}).`
          : `Okta rejected the API token (${reason}).`,
        401,
      );
    }
    if (response.status === 403) {
      const challenge = response.headers.get('www-authenticate') ?? '';
      const fix = this.usesOAuth
        ? challenge.includes('insufficient_scope')
          ? ` Grant ${SCOPES.replace(' ', ' and ')} on the service app's Okta API Scopes tab.`
          : " Assign the Read-Only Administrator role on the service app's Admin roles tab."
        : ' Create the token while signed in as an administrator with at least the Read-Only Administrator role.';
      return new DirectoryError(
        'insufficient_permissions',
        `Okta refused to ${action} (${reason}).${fix}`,
        403,
      );
    }
    return new DirectoryError('bad_response', `Okta could not ${action} (${reason}).`, response.status);
  }
}

function tokenError(status: number, error = `HTTP ${status}`, description?: string): DirectoryError {
  const reason = description ? `${error}: ${description.replace(/\.$/, '')}` : error;
  switch (error) {
    case 'invalid_client':
      return new DirectoryError(
        'invalid_credentials',
        /client_id/i.test(description ?? '')
          ? `Okta does not know the client ID (${reason}). Copy it from the service app's General tab.`
          : `Okta rejected the client assertion (${reason}).`,
        status,
      );
    case 'invalid_scope':
      return new DirectoryError(
        'insufficient_permissions',
        `Okta did not grant the scopes ${SCOPES} (${reason}). Grant them on the service app's Okta API Scopes tab.`,
        status,
      );
    case 'unauthorized_client':
      return new DirectoryError(
        'invalid_credentials',
        `Okta refused the service app (${reason}). It must be an API Services app that allows the Client Credentials grant.`,
        status,
      );
    case 'invalid_dpop_proof':
      return new DirectoryError(
        'invalid_credentials',
        `Okta asked for a DPoP proof (${reason}). Clear "Require Demonstrating Proof of Possession (DPoP) header in token requests" on the service app's General tab.`,
        status,
      );
    default:
      return new DirectoryError(
        status === 401 || status === 400 ? 'invalid_credentials' : 'bad_response',
        `Okta did not issue an access token (${reason}).`,
        status,
      );
  }
}

/** The key from JWK JSON or PEM, and the JWS algorithm it signs with (RS256 for RSA, ES256/384/512 for EC). */
function readPrivateKey(text: string | undefined, keyId: string | undefined) {
  if (!text?.trim()) throw new DirectoryError('invalid_credentials', 'The Okta private key is missing.');
  let key: KeyObject;
  let kid = keyId?.trim() || undefined;
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey;
      kid ??= typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = createPrivateKey(trimmed);
    }
  } catch (error) {
    throw new DirectoryError(
      'invalid_credentials',
      `The Okta private key could not be read as JWK JSON or PEM (${error instanceof Error ? error.message : String(error)}). Paste the whole private key Okta generated.`,
    );
  }
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS256', kid };
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const alg =
      curve === 'prime256v1'
        ? 'ES256'
        : curve === 'secp384r1'
          ? 'ES384'
          : curve === 'secp521r1'
            ? 'ES512'
            : null;
    if (alg) return { key, alg, kid };
  }
  throw new DirectoryError(
    'invalid_credentials',
    'The Okta private key is neither an RSA nor a P-256/P-384/P-521 EC key, which are the kinds Okta accepts.',
  );
}

function toDirectoryUser(user: OktaUser): DirectoryUser {
  const { login, email, firstName, lastName, displayName } = user.profile ?? {};
  const fullName = [firstName, lastName].filter(Boolean).join(' ');
  return {
    externalId: user.id,
    email: email ?? login ?? '',
    userName: login ?? email ?? user.id,
    displayName: displayName || fullName || login || user.id,
    givenName: firstName || null,
    familyName: lastName || null,
    active: ACTIVE_STATUSES.has(user.status),
  };
}

/**
 * The path and query of the `rel="next"` link, or null on the last page. Only these are kept: the next request
 * goes to the org's own origin whatever host Okta names (a custom domain, a test's fake).
 */
function nextLink(response: Response): string | null {
  const header = response.headers.get('link');
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match?.[1] && /\brel="?next"?/.test(match[2] ?? '')) {
      const url = new URL(match[1], 'https://okta.invalid');
      return `${url.pathname}${url.search}`;
    }
  }
  return null;
}

async function readJson<T>(response: Response, what: string): Promise<T> {
  try {
    const json = (await response.json()) as unknown;
    if (Array.isArray(json)) return json as T;
  } catch {
    // falls through to the error below
  }
  throw new DirectoryError('bad_response', `Okta answered ${what} with something other than a JSON list.`);
}

function encodeResume(resume: OktaResume): string {
  return JSON.stringify(resume);
}

function parseResume(text: string): OktaResume {
  try {
    const resume = JSON.parse(text) as OktaResume;
    if (
      resume.v === 1 &&
      (resume.phase === 'users' || resume.phase === 'groups') &&
      typeof resume.next === 'string' &&
      resume.next.startsWith('/api/v1/') &&
      !Number.isNaN(Date.parse(resume.startedAt))
    ) {
      return resume;
    }
  } catch {
    // falls through
  }
  throw new DirectoryError('bad_response', `This is not where an Okta read stopped: ${text.slice(0, 80)}`);
}

/** The cursor is the ISO time from which changes are read (see CURSOR_OVERLAP_MS). */
function parseCursor(cursor: string): string {
  const time = Date.parse(cursor);
  if (Number.isNaN(time))
    throw new DirectoryError('bad_response', `This is not an Okta read cursor: ${cursor}`);
  return new Date(time).toISOString();
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
