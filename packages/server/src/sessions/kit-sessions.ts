// Sessions the kit owns for a host that has none of its own (the playground, small products): an opaque cookie
// whose SHA-256 is the only thing stored, validated on every request against the workspace's policy and its
// forced reauthentications. A host with its own sessions implements `SessionStore` over them instead.
import { createHash, randomBytes } from 'node:crypto';
import type { Authenticate, Principal } from '../api/principal';
import type { MemberRecord, SessionRecord, Storage } from '../storage/storage';

export interface KitSessionsOptions {
  storage: Storage;
  /** Default `ik_session`. */
  cookieName?: string;
  /** Mark the cookie `Secure`. Default: when the request came over https. */
  secure?: boolean;
}

export interface SignedIn {
  session: SessionRecord;
  member: MemberRecord;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest();

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim(); // base64url: never encoded
  }
  return undefined;
}

export function createKitSessions(options: KitSessionsOptions) {
  const { storage } = options;
  const name = options.cookieName ?? 'ik_session';
  const secure = (request: Request) => options.secure ?? new URL(request.url).protocol === 'https:';
  const cookie = (request: Request, value: string, maxAge: number) =>
    `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure(request) ? '; Secure' : ''}`;

  const sessions = {
    cookieName: name,

    /** Opens a session for a member (after the host's own sign-in); returns the `Set-Cookie` value to send. */
    async signIn(
      request: Request,
      workspaceId: string,
      userId: string,
    ): Promise<SignedIn & { setCookie: string }> {
      const secret = randomBytes(32).toString('base64url');
      const at = new Date().toISOString();
      await storage.sessions.create({ workspaceId, userId, secretHash: hash(secret), at });
      const signedIn = await storage.sessions.validate(hash(secret), at);
      if (!signedIn) throw new Error(`Member ${userId} cannot sign in to ${workspaceId} (suspended?).`);
      const policy = await storage.sessionPolicies.get(workspaceId);
      return { ...signedIn, setCookie: cookie(request, secret, policy.sessionDurationSeconds) };
    },

    /** The session a request carries, if it is still valid now; this is the check to run on every request. */
    async validate(request: Request): Promise<SignedIn | null> {
      const secret = readCookie(request, name);
      if (!secret) return null;
      return (await storage.sessions.validate(hash(secret), new Date().toISOString())) ?? null;
    },

    /** Ends the request's session; returns the `Set-Cookie` value that clears the cookie. */
    async signOut(request: Request): Promise<string> {
      const signedIn = await sessions.validate(request);
      if (signedIn) await storage.sessions.revoke(signedIn.session.workspaceId, signedIn.session.id);
      return cookie(request, '', 0);
    },

    /** For the admin API: the cookie's member, with their role in the workspace the request names. */
    authenticate: (async (request, workspaceId) => {
      const signedIn = await sessions.validate(request);
      if (!signedIn) return null;
      const { member, session } = signedIn;
      const principal: Principal = {
        user: { id: member.id, displayName: member.displayName, email: member.email },
        // A session is for one workspace: in any other, its member has no role.
        role: session.workspaceId === workspaceId ? member.role : null,
        sessionId: session.id,
        via: 'cookie',
      };
      return principal;
    }) satisfies Authenticate,
  };
  return sessions;
}

export type KitSessions = ReturnType<typeof createKitSessions>;
