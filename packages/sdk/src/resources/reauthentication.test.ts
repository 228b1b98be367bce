import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../core/errors';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi(['getReauthenticationStatus', 'forceReauthentication']);

describe('reauthentication', () => {
  it('signs everyone else out, keeping the admin signed in, and records it', async () => {
    const { identity, workspace } = start();
    const before = await identity.reauthentication.status();
    expect(before.last).toBeNull();
    expect(before.activeSessions).toBeGreaterThan(1);

    const done = await identity.reauthentication.force({ keepCurrentSession: true, reason: 'Policy change' });
    expect(done).toMatchObject({ revokedSessions: before.activeSessions - 1, keptCurrentSession: true });
    expect(done.performedBy.id).toBe(workspace.viewer.id);

    const after = await identity.reauthentication.status();
    expect(after).toMatchObject({ activeSessions: 1, last: { id: done.id, reason: 'Policy change' } });
  });

  it('signs the admin out too when asked: their next request is refused', async () => {
    const { identity } = start();
    const done = await identity.reauthentication.force({ keepCurrentSession: false });
    expect(done.keptCurrentSession).toBe(false);
    await expect(identity.reauthentication.status()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('retries safely: the idempotency key makes a repeated request sign out only once', async () => {
    const { identity } = start();
    const first = await identity.reauthentication.force(
      { keepCurrentSession: true },
      { idempotencyKey: 'k-1' },
    );
    const again = await identity.reauthentication.force(
      { keepCurrentSession: true },
      { idempotencyKey: 'k-1' },
    );
    expect(again).toEqual(first);
  });
});
