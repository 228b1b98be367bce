import type { SessionPolicy } from '@identity-kit/sdk';
import {
  BodyCheck,
  duration,
  SESSION_BOUNDS,
  SESSION_PRESETS,
  validationFailed,
} from '@identity-kit/sdk/contract';
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
    const check = BodyCheck.of(ctx.body).allowOnly(['sessionDurationSeconds', 'idleTimeoutSeconds']);
    if (!check.has('sessionDurationSeconds') && !check.has('idleTimeoutSeconds')) {
      check.add({
        path: 'sessionDurationSeconds',
        code: 'required',
        message: 'Choose a session duration, an idle timeout or both.',
      });
    }
    const session = check.integer('sessionDurationSeconds', 'Session duration', {
      ...SESSION_BOUNDS.sessionDurationSeconds,
      format: duration,
    });
    const idle = check.integer('idleTimeoutSeconds', 'Idle timeout', {
      ...SESSION_BOUNDS.idleTimeoutSeconds,
      nullable: true,
      format: duration,
    });
    check.done();
    const before = {
      sessionDurationSeconds: policy.sessionDurationSeconds,
      idleTimeoutSeconds: policy.idleTimeoutSeconds,
    };
    const next = {
      sessionDurationSeconds: session ?? policy.sessionDurationSeconds,
      idleTimeoutSeconds: idle === undefined ? policy.idleTimeoutSeconds : idle,
    };
    if (next.idleTimeoutSeconds !== null && next.idleTimeoutSeconds > next.sessionDurationSeconds) {
      throw validationFailed([
        {
          path: 'idleTimeoutSeconds',
          code: 'out_of_range',
          message: `The idle timeout cannot be longer than the session duration (${duration(next.sessionDurationSeconds)}).`,
          params: { min: SESSION_BOUNDS.idleTimeoutSeconds.min, max: next.sessionDurationSeconds },
        },
      ]);
    }
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
