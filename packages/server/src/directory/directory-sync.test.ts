// The sync engine and the directory API, with a connector over an in-memory directory: what the admin sees, what
// lands in the workspace, and what happens when a run stops halfway. (Each provider's real connector is tested
// against a fake of its API in connectors/.)
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../testing/test-workspace';
import type { ConnectorFactory, DirectoryPage, DirectoryUser } from './connector';
import { DirectoryError } from './connector';
import { createCredentialVault, generateCredentialKey } from './credential-vault';

const GOOD = 'Okta-token-0000000000000000000000000000abcd';

/** An Okta-like directory in memory: people, one group, and a way to stop a read after its first page. */
function memoryDirectory(size: number) {
  const people: DirectoryUser[] = Array.from({ length: size }, (_, i) => ({
    externalId: `00u${i}`,
    email: `person${i}@acme.test`,
    userName: `person${i}@acme.test`,
    displayName: `Person ${i}`,
    givenName: 'Person',
    familyName: String(i),
    active: true,
  }));
  const state = {
    people,
    failAfterFirstPage: false,
    reads: [] as Array<string | null>,
    cursors: [] as Array<string | null>,
    /** Taken out since the last read: an incremental read says so. */
    removed: [] as string[],
    /** While set, a read waits on it before its first page. */
    hold: undefined as Promise<void> | undefined,
  };
  const factory: ConnectorFactory = (credentials) => ({
    async validate() {
      if (credentials.apiToken !== GOOD) {
        throw new DirectoryError(
          'invalid_credentials',
          'Okta rejected the API token (E0000011: Invalid token provided).',
          401,
        );
      }
    },
    read({ resumeFrom, cursor }) {
      state.reads.push(resumeFrom);
      state.cursors.push(cursor);
      const start = Number(resumeFrom ?? 0);
      return {
        full: cursor === null,
        nextCursor: () => 'delta-1',
        pages: (async function* (): AsyncGenerator<DirectoryPage> {
          await state.hold;
          for (let i = start; i < state.people.length; i += 10) {
            if (i > start && state.failAfterFirstPage) throw new Error('the process died');
            const next = i + 10 < state.people.length ? String(i + 10) : null;
            yield { users: state.people.slice(i, i + 10), resumeFrom: next };
          }
          if (cursor !== null) yield { removedUserIds: state.removed.splice(0), resumeFrom: null };
          yield {
            groups: [
              {
                externalId: '00g1',
                displayName: 'Engineering',
                memberExternalIds: state.people
                  .filter((p) => p.active)
                  .slice(0, 3)
                  .map((p) => p.externalId),
              },
            ],
            resumeFrom: null,
          };
        })(),
      };
    },
  });
  return { state, factory };
}

let t: TestWorkspace;
afterEach(async () => {
  expect(t.violations.join('\n')).toBe('');
  await t.server.close();
});

async function connected(size = 25, renewLeaseEveryMs?: number) {
  const directory = memoryDirectory(size);
  t = await createTestWorkspace({
    directory: {
      connectors: { okta: directory.factory },
      vault: createCredentialVault(generateCredentialKey()),
      scheduleEveryMs: 0,
      ...(renewLeaseEveryMs ? { renewLeaseEveryMs } : {}),
    },
  });
  const admin = t.client(await t.signIn(t.owner));
  return { directory, admin };
}

const okta = (apiToken = GOOD) => ({
  provider: 'okta' as const,
  credentials: { authMethod: 'api_token', orgUrl: 'https://acme.okta.com', apiToken },
});

describe('directory sync', () => {
  it('checks the credentials, then the first sync brings the people and groups in; secrets never come back', async () => {
    const { admin } = await connected(25);
    const created = await admin.directoryConnections.create(okta());
    expect(created).toMatchObject({
      state: 'validating',
      credentials: { apiToken: { secret: true, hint: '••••abcd' } },
    });
    expect(JSON.stringify(created)).not.toContain(GOOD);
    await t.server.directories.idle();
    const active = await admin.directoryConnections.get(created.id);
    expect(active).toMatchObject({ state: 'active', counts: { users: 25, groups: 1 } });
    expect(active.lastSyncRun).toMatchObject({
      status: 'succeeded',
      trigger: 'initial',
      counts: { created: 25, updated: 0, deactivated: 0, groups: 1, memberships: 3 },
    });
    expect(active.nextSyncAt).not.toBeNull();
    const users = await admin.users.list({ connectionId: created.id });
    expect(users.totalCount).toBe(25);
    expect(users.data[0]?.source).toMatchObject({ type: 'directory', connectionId: created.id });
    expect((await admin.groups.list({ sourceType: 'directory' })).data[0]).toMatchObject({ memberCount: 3 });
    // At rest, the credentials are sealed.
    const row = (t.server.storage as import('../storage/sqlite/sqlite-storage').SqliteStorage).database.db
      .prepare('SELECT * FROM directory_connections')
      .get();
    expect(JSON.stringify(row)).not.toContain(GOOD);
  });

  it('says why the provider refused the credentials, and fixing only the secret makes it active', async () => {
    const { admin } = await connected(5);
    const created = await admin.directoryConnections.create(okta('invalid-token-000000000000abcd'));
    await t.server.directories.idle();
    const refused = await admin.directoryConnections.get(created.id);
    expect(refused).toMatchObject({
      state: 'invalid_credentials',
      stateReason: {
        code: 'invalid_credentials',
        message: 'Okta rejected the API token (E0000011: Invalid token provided).',
      },
    });
    await expect(admin.directoryConnections.syncs.start(created.id)).rejects.toMatchObject({
      code: 'connection_not_ready',
    });
    const fixed = await admin.directoryConnections.update(created.id, { credentials: { apiToken: GOOD } });
    expect(fixed.state).toBe('validating');
    await t.server.directories.idle();
    expect((await admin.directoryConnections.get(created.id)).state).toBe('active');
  });

  it('suspends people gone upstream and ends their sessions; one sync at a time', async () => {
    const { admin, directory } = await connected(12);
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    const leaver = (await admin.users.list({ connectionId: id, query: 'person3@' })).data[0];
    const cookie = await t.signIn({ ...t.member, id: leaver?.id as string });
    const [gone] = directory.state.people.splice(3, 1);
    directory.state.removed.push(gone?.externalId as string);
    let release = () => {};
    directory.state.hold = new Promise((resolve) => {
      release = resolve;
    });
    const run = await admin.directoryConnections.syncs.start(id);
    expect(run).toMatchObject({ status: 'running', trigger: 'manual' });
    await expect(admin.directoryConnections.syncs.start(id)).rejects.toMatchObject({
      code: 'sync_in_progress',
    });
    expect((await admin.directoryConnections.get(id)).state).toBe('syncing');
    release();
    await t.server.directories.idle();
    expect((await admin.users.get(leaver?.id as string)).status).toBe('suspended');
    expect(
      await t.server.sessions.validate(new Request('https://acme.test', { headers: { cookie } })),
    ).toBeNull();
    expect((await admin.directoryConnections.syncs.get(id, run.id)).counts).toMatchObject({
      deactivated: 1,
      created: 0,
    });
  });

  it('resumes a run its process left halfway, without losing or duplicating anyone', async () => {
    const { admin, directory } = await connected(40);
    directory.state.failAfterFirstPage = true;
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    // The "crash": the run failed after one page... make it look abandoned instead, as a killed process leaves it.
    const db = (t.server.storage as import('../storage/sqlite/sqlite-storage').SqliteStorage).database.db;
    const run = db.prepare('SELECT id FROM sync_runs').get() as { id: string };
    db.prepare(
      "UPDATE sync_runs SET status = 'running', finished_at = NULL, resume_from = '10', lease_until = 0 WHERE id = ?",
    ).run(run.id);
    db.prepare("UPDATE directory_connections SET state = 'syncing'").run();
    expect((await admin.users.list({ connectionId: id })).totalCount).toBe(10);

    directory.state.failAfterFirstPage = false;
    await t.server.directories.tick();
    await t.server.directories.idle();
    expect(directory.state.reads.at(-1)).toBe('10');
    const users = await admin.users.list({ connectionId: id, limit: 100 });
    expect(users.totalCount).toBe(40);
    expect(new Set(users.data.map((u) => u.email)).size).toBe(40);
    expect((await admin.directoryConnections.get(id)).lastSyncRun).toMatchObject({
      id: run.id,
      status: 'succeeded',
    });
  });

  it('keeps its run while the provider is slow; a run resumed elsewhere meanwhile stops without writing', async () => {
    const { admin, directory } = await connected(12, 20);
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    const db = (t.server.storage as import('../storage/sqlite/sqlite-storage').SqliteStorage).database.db;
    const lease = () =>
      db.prepare("SELECT id, lease_until FROM sync_runs WHERE status = 'running'").get() as
        | { id: string; lease_until: number }
        | undefined;
    const hold = () => {
      let release = () => {};
      directory.state.hold = new Promise((resolve) => {
        release = resolve;
      });
      return () => release();
    };

    // A first page that takes long: the lease, about to run out, is renewed while the run waits.
    let release = hold();
    await admin.directoryConnections.syncs.start(id);
    db.prepare("UPDATE sync_runs SET lease_until = ? WHERE status = 'running'").run(Date.now() + 30);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(lease()?.lease_until).toBeGreaterThan(Date.now() + 60_000);
    await expect(
      t.server.storage.directories.startRun('ws_acme', id, 'schedule', new Date().toISOString()),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    release();
    await t.server.directories.idle();
    expect((await admin.directoryConnections.get(id)).lastSyncRun?.status).toBe('succeeded');

    // This process stalls past the lease and another one resumes the run: this one then writes nothing more.
    const first = directory.state.people[0] as DirectoryUser;
    directory.state.people[0] = { ...first, displayName: 'Renamed Upstream' };
    release = hold();
    const run = await admin.directoryConnections.syncs.start(id);
    db.prepare("UPDATE sync_runs SET lease_until = 0 WHERE status = 'running'").run();
    const elsewhere = await t.server.storage.directories.startRun(
      'ws_acme',
      id,
      'schedule',
      new Date().toISOString(),
    );
    expect(elsewhere).toMatchObject({ resumed: true, run: { id: run.id } });
    release();
    await t.server.directories.idle();
    const member = (await admin.users.list({ connectionId: id, query: first.email })).data[0];
    expect(member?.displayName).toBe(first.displayName);
    expect((await admin.directoryConnections.syncs.get(id, run.id)).counts).toMatchObject({ updated: 0 });
    expect(lease()?.id).toBe(run.id); // still running: the new holder's to finish
    await expect(
      t.server.storage.directories.renewLease(
        run.id,
        'lease_of_the_stalled_process',
        new Date().toISOString(),
      ),
    ).resolves.toBe(false);
    await expect(
      t.server.storage.directories.renewLease(run.id, elsewhere.lease, new Date().toISOString()),
    ).resolves.toBe(true);
    await expect(
      t.server.storage.directories.beginRead(run.id, 'lease_of_the_stalled_process', null),
    ).rejects.toMatchObject({ name: 'LeaseLostError' });
  });

  it('reads incrementally after a full read, and everything again once the last full read is a day old', async () => {
    const { admin, directory } = await connected(5);
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    await admin.directoryConnections.syncs.start(id);
    await t.server.directories.idle();
    expect(directory.state.cursors).toEqual([null, 'delta-1']);
    const db = (t.server.storage as import('../storage/sqlite/sqlite-storage').SqliteStorage).database.db;
    db.prepare("UPDATE sync_runs SET finished_at = '2020-01-01T00:00:00.000Z' WHERE full_read = 1").run();
    await admin.directoryConnections.syncs.start(id);
    await t.server.directories.idle();
    expect(directory.state.cursors).toEqual([null, 'delta-1', null]);
  });

  it('leaves a person whose new name collides with another member as they were, and never suspends them for it', async () => {
    const { admin, directory } = await connected(3);
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    const person = directory.state.people[1] as DirectoryUser;
    person.userName = 'max@acme.test'; // the hand-added member's
    await admin.directoryConnections.syncs.start(id);
    await t.server.directories.idle();
    const [run] = (await admin.directoryConnections.syncs.list(id)).data;
    expect(run?.errors).toEqual([
      expect.objectContaining({ code: 'user_name_taken', subject: person.email }),
    ]);
    const kept = (await admin.users.list({ connectionId: id, query: 'person1@' })).data[0];
    expect(kept?.status).toBe('active');
  });

  it('takes back the people of a directory that was disconnected and connected again', async () => {
    const { admin } = await connected(4);
    const first = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    await admin.directoryConnections.delete(first.id);
    const again = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    const connection = await admin.directoryConnections.get(again.id);
    expect(connection.lastSyncRun?.errors).toEqual([]);
    expect(connection.counts.users).toBe(4);
    expect((await admin.users.list({ sourceType: 'directory' })).totalCount).toBe(4);
  });

  it('records changes without secrets in the audit trail, and disconnects', async () => {
    const { admin } = await connected(3);
    const { id } = await admin.directoryConnections.create(okta());
    await t.server.directories.idle();
    await admin.directoryConnections.update(id, { name: 'Okta (staff)', syncIntervalMinutes: 120 });
    await admin.directoryConnections.delete(id);
    const events = (await admin.auditEvents.list()).data;
    expect(events.map((e) => e.action)).toEqual([
      'directory_connection.deleted',
      'directory_connection.updated',
      'directory_connection.created',
    ]);
    expect(JSON.stringify(events)).not.toContain(GOOD);
    expect(events[2]?.changes.apiToken).toEqual({ from: null, to: '[redacted]' });
    expect((await admin.users.list({ sourceType: 'directory' })).totalCount).toBe(3);
  });
});
