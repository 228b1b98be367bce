import { describe, expect, it } from 'vitest';
import { scenarios } from '../scenario';
import { apiFor } from '../testing/api';
import { manualClock, useIdentityServer } from '../testing/server';

const { start } = useIdentityServer();
const api = apiFor();

const SECRET = 'Qx8Q~super.secret.value.0123456789ab12';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const oktaOauth = { authMethod: 'oauth', clientId: '0oa1b2c3d4e5f6g7h8i9', privateKey: PEM };

const entra = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '4a1aa1d5-c567-49d0-ad0b-cd957a47f842',
  clientSecret: SECRET,
  cloud: 'global',
};

describe('connecting a directory', () => {
  it('validates, runs the initial sync, then lists the synced users', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const created = await api('POST', '/directory-connections', { provider: 'entra_id', credentials: entra });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      name: 'Microsoft Entra ID',
      state: 'validating',
      syncIntervalMinutes: 60,
    });
    expect(created.body.credentials.clientSecret).toEqual({ secret: true, hint: '••••ab12' });
    expect(created.body.credentials.tenantId).toEqual({ secret: false, value: entra.tenantId });

    clock.advance(800);
    const syncing = await api('GET', `/directory-connections/${id}`);
    expect(syncing.body).toMatchObject({
      state: 'syncing',
      lastSyncRun: { status: 'running', trigger: 'initial' },
    });
    expect((await api('POST', `/directory-connections/${id}/syncs`)).body.error.code).toBe(
      'sync_in_progress',
    );

    clock.advance(1500);
    const active = await api('GET', `/directory-connections/${id}`);
    expect(active.body).toMatchObject({
      state: 'active',
      counts: { users: 24, groups: 4 },
      lastSyncRun: { status: 'succeeded', counts: { created: 24, groups: 4 } },
      nextSyncAt: new Date(clock.now() + 60 * 60_000).toISOString(),
    });
    const users = await api('GET', `/users?connectionId=${id}&sourceType=directory`);
    expect(users.body.totalCount).toBe(24);

    const manual = await api('POST', `/directory-connections/${id}/syncs`, undefined, {
      'Idempotency-Key': 'sync-1',
    });
    expect(manual.status).toBe(202);
    clock.advance(1500);
    const run = await api('GET', `/directory-connections/${id}/syncs/${manual.body.id}`);
    expect(run.body).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      counts: { created: 0, deactivated: 1 },
    });
    expect(run.body.counts.updated).toBeGreaterThan(0);
    expect((await api('GET', `/users?connectionId=${id}&status=suspended`)).body.totalCount).toBe(1);
    const runs = await api('GET', `/directory-connections/${id}/syncs?limit=1`);
    expect(runs.body).toMatchObject({ totalCount: 2, data: [{ id: manual.body.id }] });
    expect(runs.body.nextCursor).not.toBeNull();

    clock.advance(60 * 60_000);
    const scheduled = await api('GET', `/directory-connections/${id}`);
    expect(scheduled.body.lastSyncRun).toMatchObject({ trigger: 'schedule' });
  });

  it('reports rejected credentials in the provider’s words, then recovers after a fix', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const okta = {
      authMethod: 'api_token',
      orgUrl: 'https://acme.okta.com',
      apiToken: 'invalid-token-0123456789',
    };
    const { body } = await api('POST', '/directory-connections', { provider: 'okta', credentials: okta });
    expect((await api('POST', `/directory-connections/${body.id}/syncs`)).body.error.code).toBe(
      'connection_not_ready',
    );
    clock.advance(800);
    const rejected = await api('GET', `/directory-connections/${body.id}`);
    expect(rejected.body).toMatchObject({
      state: 'invalid_credentials',
      stateReason: {
        message: 'Okta rejected the API token (E0000011: Invalid token provided).',
        field: 'apiToken',
      },
    });

    const renamed = await api('PATCH', `/directory-connections/${body.id}`, { name: 'Okta (prod)' });
    expect(renamed.body.state).toBe('invalid_credentials');
    const fixed = await api('PATCH', `/directory-connections/${body.id}`, {
      credentials: { apiToken: '00aGoodTokenGoodTokenGood' },
    });
    expect(fixed.body).toMatchObject({
      state: 'validating',
      stateReason: null,
      credentials: { orgUrl: { value: okta.orgUrl } },
    });
    clock.advance(800 + 1500);
    expect((await api('GET', `/directory-connections/${body.id}`)).body).toMatchObject({
      state: 'active',
      counts: { users: 24 },
    });
  });

  it('fails every validation with the invalidCredentials scenario', async () => {
    const clock = manualClock();
    start({ now: clock.now, scenario: scenarios.invalidCredentials });
    const { body } = await api('POST', '/directory-connections', {
      provider: 'entra_id',
      credentials: entra,
    });
    clock.advance(800);
    const { body: read } = await api('GET', `/directory-connections/${body.id}`);
    expect(read.stateReason).toMatchObject({ field: 'clientSecret' });
    expect(read.stateReason.message).toContain('AADSTS7000215');
  });

  it('checks credentials against the provider’s fields', async () => {
    start({});
    const res = await api('POST', '/directory-connections', {
      provider: 'okta',
      credentials: { authMethod: 'oauth', orgUrl: 'http://acme', apiToken: 'x', color: 'blue' },
    });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(
      res.body.error.fieldErrors.map((e: { path: string; code: string }) => [e.path, e.code]),
    );
    expect(byPath).toEqual({
      'credentials.color': 'unknown',
      'credentials.orgUrl': 'invalid_format',
      'credentials.clientId': 'required',
      'credentials.privateKey': 'required',
    });
    const onelogin = await api('POST', '/directory-connections', { provider: 'onelogin', credentials: {} });
    expect(onelogin.body.error.fieldErrors).toEqual([
      expect.objectContaining({ path: 'provider', code: 'not_allowed' }),
    ]);
    const types = await api('POST', '/directory-connections', {
      provider: 'jumpcloud',
      credentials: [],
      syncIntervalMinutes: 5,
    });
    expect(types.body.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual([
      'credentials',
      'syncIntervalMinutes',
    ]);
  });

  it('never sends a secret back, in any response or audit event', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const created = await api('POST', '/directory-connections', { provider: 'entra_id', credentials: entra });
    await api('PATCH', `/directory-connections/${created.body.id}`, {
      credentials: { clientSecret: `${SECRET}-v2` },
    });
    clock.advance(5000);
    const texts = await Promise.all(
      ['/directory-connections', `/directory-connections/${created.body.id}`, '/audit-events'].map(
        async (path) => (await api('GET', path)).text,
      ),
    );
    for (const text of [created.text, ...texts]) expect(text).not.toContain('super.secret');
    expect(texts[2]).toContain('[redacted]');
  });

  it('forgets the API token when Okta switches to OAuth, so the old token is neither shown nor checked', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const token = {
      authMethod: 'api_token',
      orgUrl: 'https://acme.okta.com',
      apiToken: 'invalid-token-0123456789',
    };
    const { body } = await api('POST', '/directory-connections', { provider: 'okta', credentials: token });
    clock.advance(800);
    expect((await api('GET', `/directory-connections/${body.id}`)).body.state).toBe('invalid_credentials');

    const switched = await api('PATCH', `/directory-connections/${body.id}`, { credentials: oktaOauth });
    expect(switched.status).toBe(200);
    expect(Object.keys(switched.body.credentials).sort()).toEqual([
      'authMethod',
      'clientId',
      'orgUrl',
      'privateKey',
    ]);
    clock.advance(800 + 1500);
    expect((await api('GET', `/directory-connections/${body.id}`)).body).toMatchObject({
      state: 'active',
      stateReason: null,
    });
    const events = await api('GET', `/audit-events?action=directory_connection.updated&targetId=${body.id}`);
    expect(events.body.data[0].changes.apiToken).toEqual({ from: '[redacted]', to: null });
  });

  it('hints only at the end of long single-line secrets', async () => {
    start({});
    const { body } = await api('POST', '/directory-connections', {
      provider: 'okta',
      credentials: { ...oktaOauth, orgUrl: 'https://acme.okta.com' },
    });
    expect(body.credentials.privateKey).toEqual({ secret: true, hint: '••••' });
    expect(body.credentials.clientId).toEqual({ secret: false, value: oktaOauth.clientId });
  });

  it('words credential mistakes with the labels of the form', async () => {
    start({});
    const okta = await api('POST', '/directory-connections', {
      provider: 'okta',
      credentials: { authMethod: 'api_token', orgUrl: 'https://acme.okta.com' },
    });
    expect(okta.body.error.message).toBe('Enter the API token.');
    const interval = await api('POST', '/directory-connections', {
      provider: 'entra_id',
      credentials: entra,
      syncIntervalMinutes: 5,
    });
    expect(interval.body.error.message).toBe('Sync interval must be between 15 minutes and 1 day.');
    const fields = await api('POST', '/directory-connections', {
      provider: 'entra_id',
      credentials: { ...entra, clientId: 'contoso.com', cloud: 'mars', clientSecret: 'Qx8Q~short' },
    });
    expect(fields.body.error.fieldErrors.map((e: { message: string }) => e.message)).toEqual([
      "Application (client) ID does not look right. Shown on the app registration's Overview page.",
      'Client secret must be at least 32 characters.',
      'Choose the Cloud: Azure public cloud, Azure US Government or Azure China (21Vianet).',
    ]);
    expect(fields.body.error.message).toMatch(/^3 fields need attention: Application \(client\) ID/);
  });

  it('fails syncs with the syncError scenario, and lets the admin retry', async () => {
    const clock = manualClock();
    const [ws] = start({ now: clock.now, scenario: scenarios.syncError });
    const { body } = await api('POST', '/directory-connections', {
      provider: 'entra_id',
      credentials: entra,
    });
    clock.advance(800 + 1500);
    const failed = await api('GET', `/directory-connections/${body.id}`);
    expect(failed.body).toMatchObject({
      state: 'error',
      stateReason: scenarios.syncError.syncFailure,
      lastSyncRun: { status: 'failed', trigger: 'initial', errors: [scenarios.syncError.syncFailure] },
      nextSyncAt: null,
      counts: { users: 0 },
    });

    ws?.resetScenario();
    const retry = await api('POST', `/directory-connections/${body.id}/syncs`);
    expect(retry.status).toBe(202);
    clock.advance(1500);
    expect((await api('GET', `/directory-connections/${body.id}`)).body).toMatchObject({
      state: 'active',
      stateReason: null,
      counts: { users: 24 },
    });
  });

  it('says why a directory cannot sync, in the terms of its state', async () => {
    const clock = manualClock();
    start({ now: clock.now });
    const okta = {
      authMethod: 'api_token',
      orgUrl: 'https://acme.okta.com',
      apiToken: 'invalid-0123456789abcdef',
    };
    const { body } = await api('POST', '/directory-connections', { provider: 'okta', credentials: okta });
    const validating = await api('POST', `/directory-connections/${body.id}/syncs`);
    expect(validating.body.error.message).toMatch(/still being checked/);
    clock.advance(800);
    const rejected = await api('POST', `/directory-connections/${body.id}/syncs`);
    expect(rejected.body.error).toMatchObject({
      code: 'connection_not_ready',
      message: 'This directory cannot sync: Okta rejected its credentials. Update them, then sync.',
    });
  });

  it('refuses a body over 64 KB', async () => {
    start({});
    const res = await api('POST', '/directory-connections', {
      provider: 'okta',
      credentials: {
        ...oktaOauth,
        orgUrl: 'https://acme.okta.com',
        privateKey: `${PEM}${'x'.repeat(70_000)}`,
      },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('at most 64 KB'),
    });
    expect((await api('GET', '/directory-connections')).body.data).toEqual([]);
  });
});
