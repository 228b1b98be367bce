// Who is calling the admin API. The host decides (its own sessions, its own tokens); the kit's sessions are one
// way to decide, used when the host plugs nothing in.

export interface Principal {
  user: { id: string; displayName: string; email: string };
  /**
   * Their role in the workspace the request names, or null when they are not in it. Only `owner` and `admin`
   * manage identity settings.
   */
  role: 'owner' | 'admin' | 'member' | null;
  /** The session the request came with, if any: "keep my session" keeps exactly this one. */
  sessionId: string | null;
  /**
   * `cookie`: a browser sends it by itself, so writes are checked against cross-site requests (CSRF).
   * `bearer`: sent deliberately by code; no CSRF check needed.
   */
  via: 'cookie' | 'bearer';
}

/** Returns who is calling, for the workspace the request names, or null when nobody is signed in. */
export type Authenticate = (request: Request, workspaceId: string) => Promise<Principal | null>;
