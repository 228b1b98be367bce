import { describe, expect, it } from 'vitest';
import { apiFor } from '../testing/api';
import { manualClock, useIdentityServer } from '../testing/server';

const { start } = useIdentityServer();
const api = apiFor();

describe('session policy', () => {
  it('starts at 24 hours without an idle timeout, with bounds and presets', async () => {
    start({});
    const { body } = await api('GET', '/session-policy');
    expect(body).toMatchObject({
      sessionDurationSeconds: 86_400,
      idleTimeoutSeconds: null,
      appliesTo: 'all_sessions',
      bounds: {
        sessionDurationSeconds: { min: 900, max: 7_776_000 },
        idleTimeoutSeconds: { min: 300, max: 2_592_000 },
      },
      updatedBy: null,
    });
    expect(body.presets.sessionDurationSeconds).toContain(28_800);
  });

  it('saves a change and says who made it', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const { body } = await api('PATCH', '/session-policy', {
      sessionDurationSeconds: 28_800,
      idleTimeoutSeconds: 3600,
    });
    expect(body).toMatchObject({
      sessionDurationSeconds: 28_800,
      idleTimeoutSeconds: 3600,
      updatedAt: new Date(clock.now()).toISOString(),
      updatedBy: { type: 'user', id: 'usr_admin' },
    });
    const cleared = await api('PATCH', '/session-policy', { idleTimeoutSeconds: null });
    expect(cleared.body.idleTimeoutSeconds).toBeNull();
    const events = await api('GET', '/audit-events?action=session_policy.updated');
    expect(events.body.data[1].changes).toEqual({
      sessionDurationSeconds: { from: 86_400, to: 28_800 },
      idleTimeoutSeconds: { from: null, to: 3600 },
    });
  });

  it.each([
    [{ sessionDurationSeconds: 899 }, 'sessionDurationSeconds', 'out_of_range', { min: 900, max: 7_776_000 }],
    [
      { sessionDurationSeconds: 7_776_001 },
      'sessionDurationSeconds',
      'out_of_range',
      { min: 900, max: 7_776_000 },
    ],
    [{ idleTimeoutSeconds: 60 }, 'idleTimeoutSeconds', 'out_of_range', { min: 300, max: 2_592_000 }],
    [
      { sessionDurationSeconds: 3600, idleTimeoutSeconds: 7200 },
      'idleTimeoutSeconds',
      'out_of_range',
      { min: 300, max: 3600 },
    ],
    [{ sessionDurationSeconds: 3600.5 }, 'sessionDurationSeconds', 'invalid_format', undefined],
    [{ sessionDurationSeconds: '8h' }, 'sessionDurationSeconds', 'invalid_format', undefined],
    [{ lifetime: 3600 }, 'lifetime', 'unknown', undefined],
    [{}, 'sessionDurationSeconds', 'required', undefined],
  ])('refuses %j', async (patch, path, code, params) => {
    start({});
    const res = await api('PATCH', '/session-policy', patch);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fieldErrors[0]).toMatchObject({ path, code, ...(params ? { params } : {}) });
    expect((await api('GET', '/session-policy')).body.sessionDurationSeconds).toBe(86_400);
  });

  it('records nothing when a save changes nothing', async () => {
    start({});
    const same = await api('PATCH', '/session-policy', {
      sessionDurationSeconds: 86_400,
      idleTimeoutSeconds: null,
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ updatedAt: null, updatedBy: null });
    expect((await api('GET', '/audit-events')).body.totalCount).toBe(0);
  });

  it.each([
    [{ sessionDurationSeconds: 60 }, 'Session duration must be between 15 minutes and 90 days.'],
    [{ idleTimeoutSeconds: 60 }, 'Idle timeout must be between 5 minutes and 30 days.'],
    [
      { sessionDurationSeconds: 5400, idleTimeoutSeconds: 7200 },
      'The idle timeout cannot be longer than the session duration (1 hour 30 minutes).',
    ],
    [{ sessionDurationSeconds: '8h' }, 'Session duration must be a whole number, not a string.'],
    [{}, 'Choose a session duration, an idle timeout or both.'],
  ])('explains %j in words an admin reads', async (patch, message) => {
    start({});
    const res = await api('PATCH', '/session-policy', patch);
    expect(res.body.error.message).toBe(message);
    expect(res.body.error.fieldErrors[0].message).toBe(message);
  });
});
