import { BodyCheck } from '@identity-kit/sdk/contract';
import type { Route } from './context';
import { created, ok } from './respond';

export const reauthenticationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/reauthentication',
    run: async ({ sessions, workspaceId }) =>
      ok({ ...(await sessions.status(workspaceId)), last: await sessions.lastReauthentication(workspaceId) }),
  },
  {
    method: 'POST',
    path: '/reauthentication',
    body: 'required',
    run: async ({ sessions, workspaceId, body, principal, actor, requestId, at }) => {
      const check = BodyCheck.of(body).allowOnly(['keepCurrentSession', 'reason']);
      const keep = check.boolean('keepCurrentSession', 'whether to keep your current session signed in', {
        required: true,
      });
      const reason = check.string('reason', 'Reason', { max: 500 });
      check.done();
      // Keeping means keeping exactly the session this request came with; a bearer caller has none to keep.
      const keepSessionId = keep ? principal.sessionId : null;
      const result = await sessions.forceReauthentication(
        workspaceId,
        { keepSessionId, reason: reason ?? null },
        { actor, requestId, at },
      );
      return created(result);
    },
  },
];
