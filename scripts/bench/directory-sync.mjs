// Figures 4 and 5: directory sync from a fake Okta org of BENCH_DIRECTORY_USERS (50,000) people and
// BENCH_DIRECTORY_GROUPS (50) groups (`startOktaFake` from @identity-kit/server/fakes: Okta's Management API on
// 127.0.0.1 in this process, Link paging with 200 people a page and 1,000 group members a page).
//
// 4. The initial full sync: a workspace, then a directory connection created through the admin API
//    (`POST /api/identity/workspaces/{id}/directory-connections`, handled by `server.fetch`), which checks the API
//    token with the fake and starts the first run; timed until `server.directories.idle()`. The engine applies
//    each page of the read in one transaction on a SQLite file with synchronous full. Beside it, the baseline:
//    the same Okta connector reading the same fake org to the end (users, groups and their members) and
//    applying nothing, timed before and after the sync (the faster counts), so the ratio is what storing costs.
// 5. An incremental sync after 1% of the people changed in the fake (half renamed, half suspended), started with
//    `POST …/directory-connections/{id}/syncs`, beside the full sync's time. The connector reads with
//    `filter=lastUpdated gt "<cursor>"`, where the cursor is the full read's start minus Okta's 5-minute
//    overlap. The fake stamps seeded people in 2024 and changes with its own clock (`Date.now()` plus what
//    `advance` added), so moving its clock on before the changes puts them, and only them, after the cursor;
//    the bench checks that exactly the changed people are newer than the cursor, then what landed.
//
// Both runs are verified (the run succeeded, the workspace holds the expected active and suspended members, the
// new names), or the benchmark fails.
import { pathToFileURL } from 'node:url';
import {
  check,
  count,
  envInt,
  loadServer,
  median,
  ms,
  perSecond,
  printTable,
  ratio,
  tempDir,
} from './lib.mjs';

/** Okta statuses the connector counts as active (connectors/okta.ts); the rest become suspended members. */
const ACTIVE = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);
const OWNER = {
  user: { id: 'usr_bench', displayName: 'Benchmark', email: 'bench@acme.test' },
  role: /** @type {const} */ ('owner'),
  sessionId: null,
  via: /** @type {const} */ ('bearer'),
};

/** @returns {Promise<import('./lib.mjs').Row[]>} */
export async function benchDirectorySync() {
  const users = envInt('BENCH_DIRECTORY_USERS', 50_000);
  const groups = envInt('BENCH_DIRECTORY_GROUPS', 50);
  const changed = Math.max(2, Math.round(users / 100));
  console.log(
    `\n4-5. Directory sync from a fake Okta org: ${count(users)} people, ${count(groups)} groups; then ${count(changed)} changed`,
  );

  const { createCredentialVault, createIdentityServer, generateCredentialKey, openSqliteStorage } =
    await loadServer();
  const { OKTA_FAKE_API_TOKEN, startOktaFake } = await import('@identity-kit/server/fakes');
  const { builtInConnectors } = await import('@identity-kit/server');
  const oktaConnector = /** @type {import('@identity-kit/server').ConnectorFactory} */ (
    builtInConnectors.okta
  );

  let started = performance.now();
  // No throttling: the read is what is measured, not Okta's rate limits.
  const fake = await startOktaFake({ users, groups, rateLimit: { limit: 1e9, windowSeconds: 60 } });
  const seeded = (performance.now() - started) / 1000;
  const credentials = {
    authMethod: 'api_token',
    orgUrl: 'https://acme.okta.com',
    apiToken: OKTA_FAKE_API_TOKEN,
  };
  const connectorOptions = { baseUrls: { okta: fake.url } };

  // What a full read must bring: everyone Okta lists (all but DEPROVISIONED), and group members likewise.
  const people = [...fake.directory.users.values()];
  const listed = people.filter((u) => u.status !== 'DEPROVISIONED');
  const activeCount = listed.filter((u) => ACTIVE.has(u.status)).length;
  let memberships = 0;
  for (const group of fake.directory.groups.values()) {
    if (group.type === 'BUILT_IN') continue;
    for (const id of group.members)
      if (fake.directory.users.get(id)?.status !== 'DEPROVISIONED') memberships++;
  }
  console.log(
    `   fake org seeded in ${seeded.toFixed(1)} s: ${count(listed.length)} people listed (${count(activeCount)} active), ${count(memberships)} memberships`,
  );

  /** The baseline: the connector's whole full read, every page consumed, nothing applied. */
  const readOnly = async () => {
    const t0 = performance.now();
    const read = oktaConnector(credentials, connectorOptions).read({ cursor: null, resumeFrom: null });
    let readUsers = 0;
    let readMemberships = 0;
    for await (const page of read.pages) {
      readUsers += page.users?.length ?? 0;
      for (const group of page.groups ?? []) readMemberships += group.memberExternalIds.length;
    }
    const elapsed = (performance.now() - t0) / 1000;
    check(
      readUsers === listed.length && readMemberships === memberships,
      `the read-only pass saw ${readUsers} people and ${readMemberships} memberships, not ${listed.length} and ${memberships}.`,
    );
    return elapsed;
  };

  const temp = tempDir('directory');
  const storage = openSqliteStorage({ filename: temp.file, synchronous: 'full' });
  const { db } = storage.database;
  const server = createIdentityServer({
    storage,
    sweepEveryMs: 0,
    authenticate: async () => OWNER,
    directory: {
      vault: createCredentialVault(generateCredentialKey()),
      connectorOptions: (provider) => (provider === 'okta' ? connectorOptions : {}),
      scheduleEveryMs: 0,
    },
  });
  try {
    const workspace = await storage.workspaces.create({ name: 'Bench directory' });
    /**
     * The admin API, as the workspace's owner: the parsed answer, or the benchmark fails.
     * @param {string} method
     * @param {string} path
     * @param {unknown} [body]
     */
    const api = async (method, path, body) => {
      const response = await server.fetch(
        new Request(`http://127.0.0.1/api/identity/workspaces/${workspace.id}${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      check(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return /** @type {any} */ (JSON.parse(text));
    };
    /** Members of the connection by status, straight from the database. */
    const members = (/** @type {string} */ connectionId) =>
      Object.fromEntries(
        /** @type {{ status: string, n: number }[]} */ (
          db
            .prepare(
              'SELECT status, count(*) AS n FROM users WHERE directory_connection_id = ? GROUP BY status',
            )
            .all(connectionId)
        ).map((row) => [row.status, row.n]),
      );

    // ---------- 4. The initial full sync ----------
    const baselines = [await readOnly()];
    started = performance.now();
    const connection = await api('POST', '/directory-connections', { provider: 'okta', credentials });
    await server.directories.idle();
    const fullSeconds = (performance.now() - started) / 1000;
    baselines.push(await readOnly());
    const baselineSeconds = median(baselines);

    const synced = await api('GET', `/directory-connections/${connection.id}`);
    check(
      synced.state === 'active' && synced.lastSyncRun?.status === 'succeeded',
      `the full sync ended ${synced.state} / ${synced.lastSyncRun?.status}: ${JSON.stringify(synced.stateReason ?? synced.lastSyncRun?.errors)}`,
    );
    const fullCounts = synced.lastSyncRun.counts;
    check(
      fullCounts.created === listed.length && fullCounts.memberships === memberships,
      `the full sync counted ${JSON.stringify(fullCounts)}, not ${listed.length} created and ${memberships} memberships.`,
    );
    const afterFull = members(connection.id);
    check(
      synced.counts.users === activeCount &&
        afterFull.active === activeCount &&
        (afterFull.suspended ?? 0) === listed.length - activeCount &&
        synced.counts.groups === groups,
      `after the full sync the workspace has ${JSON.stringify(afterFull)} members and ${synced.counts.groups} groups, not ${activeCount} active of ${listed.length} and ${groups} groups.`,
    );
    const fullRate = listed.length / fullSeconds;
    const baselineRate = listed.length / baselineSeconds;
    console.log(
      `   full sync: ${count(listed.length)} people and ${count(memberships)} memberships in ${fullSeconds.toFixed(1)} s ` +
        `(${perSecond(fullRate)}); read only: ${baselines.map((s) => `${s.toFixed(1)} s`).join(', ')} (${perSecond(baselineRate)})`,
    );

    // ---------- 5. An incremental sync after 1% changed ----------
    const { cursor } = /** @type {{ cursor: string }} */ (
      await storage.directories.get(workspace.id, connection.id)
    );
    check(typeof cursor === 'string', 'the full sync left no cursor for the next read.');
    // Past the cursor's 5-minute overlap on the fake's clock: every change below is newer than the cursor.
    fake.advance(10 * 60_000);
    const targets = listed.filter((u) => u.status === 'ACTIVE');
    const step = Math.floor(targets.length / changed);
    /** @type {Map<string, string>} */
    const renamed = new Map();
    /** @type {string[]} */
    const suspended = [];
    for (let i = 0; i < changed; i++) {
      const user = /** @type {(typeof targets)[number]} */ (targets[i * step]);
      if (i % 2 === 0) {
        const displayName = `Renamed Person ${i}`;
        fake.directory.updateUser(user.id, { firstName: 'Renamed', lastName: `Person ${i}`, displayName });
        renamed.set(user.id, displayName);
      } else {
        fake.directory.suspendUser(user.id);
        suspended.push(user.id);
      }
    }
    const since = Date.parse(cursor);
    const newer = people.filter((u) => Date.parse(u.lastUpdated) > since).length;
    const newerGroups = [...fake.directory.groups.values()].filter(
      (g) => Date.parse(g.lastUpdated) > since || Date.parse(g.lastMembershipUpdated) > since,
    ).length;
    check(
      newer === changed && newerGroups === 0,
      `${newer} people and ${newerGroups} groups are newer than the cursor ${cursor}, not exactly the ${changed} changed.`,
    );

    started = performance.now();
    await api('POST', `/directory-connections/${connection.id}/syncs`);
    await server.directories.idle();
    const incrementalSeconds = (performance.now() - started) / 1000;

    const after = await api('GET', `/directory-connections/${connection.id}`);
    check(
      after.lastSyncRun?.status === 'succeeded' && after.lastSyncRun.trigger === 'manual',
      `the incremental sync ended ${after.lastSyncRun?.status}: ${JSON.stringify(after.lastSyncRun?.errors)}`,
    );
    const incCounts = after.lastSyncRun.counts;
    check(
      incCounts.created === 0 &&
        incCounts.updated === renamed.size &&
        incCounts.deactivated === suspended.length,
      `the incremental sync counted ${JSON.stringify(incCounts)}, not ${renamed.size} updated and ${suspended.length} deactivated.`,
    );
    const afterIncremental = members(connection.id);
    check(
      afterIncremental.active === activeCount - suspended.length &&
        afterIncremental.suspended === (afterFull.suspended ?? 0) + suspended.length &&
        after.counts.users === activeCount - suspended.length,
      `after the incremental sync the workspace has ${JSON.stringify(afterIncremental)} members, not ${activeCount - suspended.length} active.`,
    );
    const byExternal = db.prepare(
      'SELECT display_name AS displayName, status FROM users WHERE directory_connection_id = ? AND external_id = ?',
    );
    for (const [externalId, displayName] of renamed) {
      const row = /** @type {{ displayName: string, status: string }} */ (
        byExternal.get(connection.id, externalId)
      );
      check(
        row?.displayName === displayName && row.status === 'active',
        `${externalId} is ${JSON.stringify(row)}, not ${displayName}.`,
      );
    }
    for (const externalId of suspended) {
      const row = /** @type {{ status: string }} */ (byExternal.get(connection.id, externalId));
      check(row?.status === 'suspended', `${externalId} is ${row?.status}, not suspended.`);
    }
    console.log(
      `   incremental sync: ${count(renamed.size)} renamed and ${count(suspended.length)} suspended in ${ms(incrementalSeconds * 1000)} ` +
        `(${ratio(incrementalSeconds / fullSeconds)} of the full sync)`,
    );

    return [
      {
        figure: `Directory full sync (${count(listed.length)} people)`,
        value: perSecond(fullRate),
        baseline: perSecond(baselineRate),
        ratio: ratio(fullRate / baselineRate),
        target: '',
      },
      {
        figure: 'Directory full sync, total',
        value: `${fullSeconds.toFixed(1)} s`,
        baseline: `${baselineSeconds.toFixed(1)} s`,
        ratio: ratio(fullSeconds / baselineSeconds),
        target: '',
      },
      {
        figure: `Directory incremental sync (${count(changed)} changed)`,
        value: ms(incrementalSeconds * 1000),
        baseline: `${fullSeconds.toFixed(1)} s`,
        ratio: ratio(incrementalSeconds / fullSeconds),
        target: '',
      },
      {
        figure: `Seeding the fake org (${count(users)})`,
        value: `${seeded.toFixed(1)} s`,
        baseline: '',
        ratio: '',
        target: '',
      },
    ];
  } finally {
    server.close();
    server.directories.close();
    await storage.close();
    await fake.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchDirectorySync());
}
