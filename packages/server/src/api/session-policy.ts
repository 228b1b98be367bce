import { checkSessionPolicyUpdate, SESSION_BOUNDS, SESSION_PRESETS } from '@identity-kit/sdk/contract';
import type { SessionPolicyRecord } from '../storage/storage';
import type { Route } from './context';
import { ok } from './respond';

/** New lengths apply at the next request of every open session: validation reads the current policy. */
const toPolicy = (stored: SessionPolicyRecord) => ({
  ...stored,
  bounds: structuredClone(SESSION_BOUNDS),
  presets: structuredClone(SESSION_PRESETS),
  appliesTo: 'all_sessions' as const,
});

export const sessionPolicyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/session-policy',
    run: async ({ storage, workspaceId }) => ok(toPolicy(await storage.sessionPolicies.get(workspaceId))),
  },
  {
    method: 'PATCH',
    path: '/session-policy',
    body: 'required',
    run: async ({ storage, workspaceId, body, actor, requestId, at }) => {
      // The change is merged with the policy as it is when written, not as it was read before.
      const change = (current: SessionPolicyRecord) => checkSessionPolicyUpdate(body, current);
      return ok(
        toPolicy(await storage.sessionPolicies.update(workspaceId, change, { actor, requestId, at })),
      );
    },
  },
];
