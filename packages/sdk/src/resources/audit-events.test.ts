import { describe, expect, it } from 'vitest';
import { useMockApi } from '../testing/mock-api';

const start = useMockApi(['listAuditEvents']);

describe('auditEvents', () => {
  it('records who changed what, newest first, without secrets', async () => {
    const { identity, workspace } = start();
    const { connection, token } = await identity.scimConnections.create({ provider: 'okta' });
    await identity.sessionPolicy.update({ sessionDurationSeconds: 28800 });

    const page = await identity.auditEvents.list();
    expect(page.data.map((e) => e.action)).toEqual(['session_policy.updated', 'scim_connection.created']);
    expect(page.data[1]).toMatchObject({
      actor: { type: 'user', id: workspace.viewer.id },
      target: { type: 'scim_connection', id: connection.id },
    });
    expect(page.data[0]?.changes.sessionDurationSeconds).toEqual({ from: 86400, to: 28800 });
    expect(JSON.stringify(page.data)).not.toContain(token);
  });

  it('filters by action', async () => {
    const { identity } = start({ seed: 'busy' });
    const forced = [];
    for await (const e of identity.auditEvents.list({ action: 'reauthentication.forced' })) forced.push(e);
    expect(forced.length).toBeGreaterThan(0);
    expect(forced.every((e) => e.action === 'reauthentication.forced')).toBe(true);
  });
});
