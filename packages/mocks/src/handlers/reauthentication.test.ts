import { describe, expect, it } from 'vitest';
import { apiFor } from '../testing/api';
import { useIdentityServer } from '../testing/server';

const { start } = useIdentityServer();
const api = apiFor();

describe('forcing everyone to sign in again', () => {
  it('counts the sessions it would end', async () => {
    start({ seed: 'default' });
    // The admin has 2 sessions; the six members 1, 2, 3, 1, 2, 3.
    expect((await api('GET', '/reauthentication')).body).toEqual({
      activeSessions: 14,
      activeUsers: 7,
      last: null,
    });
  });

  it('keeps only the current session when asked to', async () => {
    start({ seed: 'default' });
    const res = await api('POST', '/reauthentication', { keepCurrentSession: true, reason: 'Policy change' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      revokedSessions: 13,
      affectedUsers: 7,
      keptCurrentSession: true,
      reason: 'Policy change',
      performedBy: { type: 'user', id: 'usr_admin', email: 'ada@acme.test' },
    });
    const status = await api('GET', '/reauthentication');
    expect(status.body).toMatchObject({ activeSessions: 1, activeUsers: 1, last: { id: res.body.id } });
  });

  it('signs the admin out too, so later requests answer 401 until they sign in', async () => {
    const [ws] = start({ seed: 'empty' });
    const res = await api('POST', '/reauthentication', { keepCurrentSession: false });
    expect(res.body).toMatchObject({ revokedSessions: 2, affectedUsers: 1, keptCurrentSession: false });
    const after = await api('GET', '/reauthentication');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('session ended'),
    });
    ws?.signIn();
    expect((await api('GET', '/reauthentication')).body).toMatchObject({ activeSessions: 1, activeUsers: 1 });
  });

  it('needs a deliberate choice about the current session', async () => {
    start({});
    for (const body of [{}, { keepCurrentSession: 'yes' }]) {
      const res = await api('POST', '/reauthentication', body);
      expect(res.status).toBe(422);
      expect(res.body.error.fieldErrors[0].path).toBe('keepCurrentSession');
    }
  });
});
