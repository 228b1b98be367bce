import type { SessionPolicy } from '@identity-kit/sdk';
import { diff, recordAudit } from '../domain/audit';
import { BodyCheck } from '../http/checks';
import { validationFailed } from '../http/errors';
import { defineOperation, ok } from '../http/operation';
import type { WorkspaceState } from '../state';
import { iso } from '../time';

export const SESSION_BOUNDS = {
  sessionDurationSeconds: { min: 900, max: 7_776_000 },
  idleTimeoutSeconds: { min: 300, max: 2_592_000 },
};

export const SESSION_PRESETS = {
  sessionDurationSeconds: [3600, 28_800, 43_200, 86_400, 604_800, 2_592_000],
  idleTimeoutSeconds: [900, 1800, 3600, 7200, 28_800],
};

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
        message: 'Send sessionDurationSeconds, idleTimeoutSeconds or both.',
      });
    }
    const session = check.integer('sessionDurationSeconds', SESSION_BOUNDS.sessionDurationSeconds);
    const idle = check.integer('idleTimeoutSeconds', {
      ...SESSION_BOUNDS.idleTimeoutSeconds,
      nullable: true,
    });
    check.done();
    const next = {
      sessionDurationSeconds: session ?? policy.sessionDurationSeconds,
      idleTimeoutSeconds: idle === undefined ? policy.idleTimeoutSeconds : idle,
    };
    if (next.idleTimeoutSeconds !== null && next.idleTimeoutSeconds > next.sessionDurationSeconds) {
      throw validationFailed([
        {
          path: 'idleTimeoutSeconds',
          code: 'out_of_range',
          message: 'The idle timeout cannot be longer than the session duration.',
          params: { min: SESSION_BOUNDS.idleTimeoutSeconds.min, max: next.sessionDurationSeconds },
        },
      ]);
    }
    const changes = diff(
      {
        sessionDurationSeconds: policy.sessionDurationSeconds,
        idleTimeoutSeconds: policy.idleTimeoutSeconds,
      },
      next,
    );
    Object.assign(policy, next, { updatedAt: iso(ctx.now), updatedBy: ctx.workspace.viewerActor });
    recordAudit(ctx.workspace, {
      action: 'session_policy.updated',
      target: { type: 'session_policy', id: ctx.workspace.id, name: null },
      changes,
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return ok(toSessionPolicy(policy));
  },
});

export const sessionPolicyOperations = [get, update];
