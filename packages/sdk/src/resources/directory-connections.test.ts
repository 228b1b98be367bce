import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { manualClock, useMockApi } from '../testing/mock-api';

const start = useMockApi([
  'listDirectoryConnections',
  'createDirectoryConnection',
  'getDirectoryConnection',
  'updateDirectoryConnection',
  'deleteDirectoryConnection',
  'startSyncRun',
  'listSyncRuns',
  'getSyncRun',
]);

const apiToken = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123';
const okta = { authMethod: 'api_token', orgUrl: 'https://acme.okta.com', apiToken };

describe('directoryConnections', () => {
  it('connects Okta: validating, then the first sync pulls users, and the secret is never read back', async () => {
    const clock = manualClock();
    const { identity, workspace } = start({ now: clock.now });
    const created = await identity.directoryConnections.create({ provider: 'okta', credentials: okta });
    expect(created.state).toBe('validating');
    expect(created.credentials.apiToken).toEqual({ secret: true, hint: `••••${apiToken.slice(-4)}` });
    expect(created.credentials.orgUrl).toEqual({ secret: false, value: 'https://acme.okta.com' });
    expect(JSON.stringify(created)).not.toContain(apiToken);

    clock.advance(workspace.scenario.validationMs);
    expect((await identity.directoryConnections.get(created.id)).state).toBe('syncing');
    clock.advance(workspace.scenario.syncMs);
    const active = await identity.directoryConnections.get(created.id);
    expect(active).toMatchObject({ state: 'active', stateReason: null });
    expect(active.counts.users).toBeGreaterThan(0);
    expect(active.nextSyncAt).not.toBeNull();

    const runs = await identity.directoryConnections.syncs.list(created.id);
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({ trigger: 'initial', status: 'succeeded' });
    expect(runs.data[0]?.counts.created).toBe(active.counts.users);
    const users = await identity.users.list({ connectionId: created.id });
    expect(users.totalCount).toBe(active.counts.users);
    expect(await identity.directoryConnections.list()).toEqual([active]);
  });

  it('syncs on demand, one run at a time', async () => {
    const clock = manualClock();
    const { identity, workspace } = start({ now: clock.now });
    const { id } = await identity.directoryConnections.create({ provider: 'okta', credentials: okta });
    clock.advance(workspace.scenario.validationMs + workspace.scenario.syncMs);

    const run = await identity.directoryConnections.syncs.start(id);
    expect(run).toMatchObject({ status: 'running', trigger: 'manual', finishedAt: null });
    const again = await identity.directoryConnections.syncs.start(id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ code: 'sync_in_progress' });

    clock.advance(workspace.scenario.syncMs);
    const finished = await identity.directoryConnections.syncs.get(id, run.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.finishedAt).not.toBeNull();
  });

  it('says why credentials were rejected, and recovers when they are fixed', async () => {
    const clock = manualClock();
    const { identity, workspace } = start({ now: clock.now });
    const { id } = await identity.directoryConnections.create({
      provider: 'okta',
      credentials: { ...okta, apiToken: 'invalid-token-0123456789' },
    });
    clock.advance(workspace.scenario.validationMs);
    const rejected = await identity.directoryConnections.get(id);
    expect(rejected.state).toBe('invalid_credentials');
    expect(rejected.stateReason).toMatchObject({ code: 'invalid_credentials', field: 'apiToken' });
    expect(rejected.stateReason?.message).toMatch(/Okta/);
    await expect(identity.directoryConnections.syncs.start(id)).rejects.toMatchObject({
      code: 'connection_not_ready',
    });

    // Only the fixed secret is sent; the org URL is kept.
    const fixed = await identity.directoryConnections.update(id, { credentials: { apiToken } });
    expect(fixed.state).toBe('validating');
    expect(fixed.credentials.orgUrl).toEqual({ secret: false, value: 'https://acme.okta.com' });
    clock.advance(workspace.scenario.validationMs + workspace.scenario.syncMs);
    expect((await identity.directoryConnections.get(id)).state).toBe('active');
  });

  it('points at each wrong credential field before saving anything', async () => {
    const { identity } = start();
    const error = (await identity.directoryConnections
      .create({ provider: 'entra_id', credentials: { tenantId: 'acme', clientId: 'nope', cloud: 'global' } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldError('credentials.clientId')?.code).toBe('invalid_format');
    expect(error.fieldError('credentials.clientSecret')?.code).toBe('required');
    expect(await identity.directoryConnections.list()).toEqual([]);
  });

  it('waits until the connection settles', async () => {
    const { identity } = start({ scenario: { validationMs: 30, syncMs: 30 } });
    const { id } = await identity.directoryConnections.create({ provider: 'okta', credentials: okta });
    const settled = await identity.directoryConnections.waitUntilSettled(id, { intervalMs: 10 });
    expect(settled.state).toBe('active');
  });

  it('renames, reschedules and disconnects', async () => {
    const { identity } = start();
    const { id } = await identity.directoryConnections.create({ provider: 'okta', credentials: okta });
    const updated = await identity.directoryConnections.update(id, {
      name: 'Okta HR',
      syncIntervalMinutes: 30,
    });
    expect(updated).toMatchObject({ name: 'Okta HR', syncIntervalMinutes: 30, state: 'validating' });
    await identity.directoryConnections.delete(id);
    await expect(identity.directoryConnections.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
