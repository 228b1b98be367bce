import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi(['getSessionPolicy', 'updateSessionPolicy']);

describe('sessionPolicy', () => {
  it('reads the duration with its bounds and presets', async () => {
    const { identity } = start();
    const policy = await identity.sessionPolicy.get();
    expect(policy.sessionDurationSeconds).toBe(86400);
    expect(policy.idleTimeoutSeconds).toBeNull();
    expect(policy.presets.sessionDurationSeconds).toContain(8 * 3600);
    expect(policy.bounds.sessionDurationSeconds.min).toBeLessThan(policy.bounds.sessionDurationSeconds.max);
  });

  it('sets 8 hours and an idle timeout, recording who did it', async () => {
    const { identity, workspace } = start();
    const policy = await identity.sessionPolicy.update({
      sessionDurationSeconds: 28800,
      idleTimeoutSeconds: 1800,
    });
    expect(policy).toMatchObject({ sessionDurationSeconds: 28800, idleTimeoutSeconds: 1800 });
    expect(policy.updatedBy?.id).toBe(workspace.viewer.id);
    expect(await identity.sessionPolicy.get()).toEqual(policy);
  });

  it('refuses a duration out of bounds with the bounds, and keeps the old value', async () => {
    const { identity } = start();
    const error = (await identity.sessionPolicy
      .update({ sessionDurationSeconds: 60 })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldError('sessionDurationSeconds')).toMatchObject({
      code: 'out_of_range',
      params: { min: 900, max: 7776000 },
    });
    expect((await identity.sessionPolicy.get()).sessionDurationSeconds).toBe(86400);
  });
});
