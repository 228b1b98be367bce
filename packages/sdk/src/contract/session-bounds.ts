// What a workspace may set its session policy to, the choices the kit offers first, and the update's checks.
import { BodyCheck } from './body-check';
import { validationFailed } from './contract-error';
import { duration } from './words';

export const SESSION_BOUNDS = {
  sessionDurationSeconds: { min: 900, max: 7_776_000 },
  idleTimeoutSeconds: { min: 300, max: 2_592_000 },
};

export const SESSION_PRESETS = {
  sessionDurationSeconds: [3600, 28_800, 43_200, 86_400, 604_800, 2_592_000],
  idleTimeoutSeconds: [900, 1800, 3600, 7200, 28_800],
};

type Lengths = { sessionDurationSeconds: number; idleTimeoutSeconds: number | null };

/**
 * An `updateSessionPolicy` body, checked against the bounds and applied to the current policy: the next
 * policy, or the contract's 422 with every field at fault.
 */
export function checkSessionPolicyUpdate(body: unknown, current: Lengths): Lengths {
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
  return next;
}
