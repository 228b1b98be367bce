import {
  BodyCheck,
  duration,
  SESSION_BOUNDS,
  SESSION_PRESETS,
  validationFailed,
} from '@identity-kit/sdk/contract';
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
      const check = BodyCheck.of(body).allowOnly(['sessionDurationSeconds', 'idleTimeoutSeconds']);
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
      const current = await storage.sessionPolicies.get(workspaceId);
      const next = {
        sessionDurationSeconds: session ?? current.sessionDurationSeconds,
        idleTimeoutSeconds: idle === undefined ? current.idleTimeoutSeconds : idle,
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
      return ok(toPolicy(await storage.sessionPolicies.update(workspaceId, next, { actor, requestId, at })));
    },
  },
];
