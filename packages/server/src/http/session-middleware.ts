// The check to run on every request of a host that lets the kit own its sessions, as Express/Connect middleware:
// a valid session goes on `req.identity`; anything else is answered 401 before the route runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KitSessions, SignedIn } from '../sessions/kit-sessions';

export interface SessionRequest extends IncomingMessage {
  identity?: SignedIn;
}

export function sessionMiddleware(sessions: KitSessions, options: { optional?: boolean } = {}) {
  return async (req: SessionRequest, res: ServerResponse, next: (error?: unknown) => void): Promise<void> => {
    try {
      const cookie = req.headers.cookie;
      // Only the cookie matters here; a fixed base keeps a malformed Host header from failing the request.
      const request = new Request('http://localhost/', { headers: cookie ? { cookie } : {} });
      const signedIn = await sessions.validate(request);
      if (signedIn) req.identity = signedIn;
      else if (!options.optional) {
        res.writeHead(401, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(
          JSON.stringify({
            error: { status: 401, code: 'unauthenticated', message: 'Sign in again to continue.' },
          }),
        );
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
