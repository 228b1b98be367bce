import type { SessionPolicy } from '@identity-kit/sdk';
import { checkSessionPolicyUpdate, SESSION_BOUNDS, SESSION_PRESETS } from '@identity-kit/sdk/contract';
import { recordChanges } from '../domain/audit';
import { defineOperation, ok } from '../http/operation';
import type { WorkspaceState } from '../state';

function toSessionPolicy(stored: WorkspaceState['sessionPolicy']): SessionPolicy {
  return {
    ...stored,
    bounds: structuredClone(SESSION_BOUNDS),
    presets: structuredClone(SESSION_PRESETS),
    appliesTo: 'all_sessions',
  };
}

const get = defineOperation<SessionPolicy>({
  id: 'getSessionPolicy',
  method: 'get',
  path: '/workspaces/:workspaceId/session-policy',
  run: ({ workspace }) => ok(toSessionPolicy(workspace.state.sessionPolicy)),
});

const update = defineOperation<SessionPolicy>({
  id: 'updateSessionPolicy',
  method: 'patch',
  path: '/workspaces/:workspaceId/session-policy',
  jsonBody: true,
  run: (ctx) => {
    const policy = ctx.workspace.state.sessionPolicy;
    const before = {
      sessionDurationSeconds: policy.sessionDurationSeconds,
      idleTimeoutSeconds: policy.idleTimeoutSeconds,
    };
    const next = checkSessionPolicyUpdate(ctx.body, before);
    Object.assign(policy, next);
    recordChanges(ctx.workspace, {
      action: 'session_policy.updated',
      target: { type: 'session_policy', id: ctx.workspace.id, name: null },
      before,
      after: next,
      touch: (at) => {
        policy.updatedAt = at;
        policy.updatedBy = ctx.workspace.viewerActor;
      },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return ok(toSessionPolicy(policy));
  },
});

export const sessionPolicyOperations = [get, update];
