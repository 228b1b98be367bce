// Figure 2: the latency of Okta's lookup `GET /Users?filter=userName eq "…"` with BENCH_USERS users in the
// workspace, over loopback HTTP, one request at a time (BENCH_LOOKUPS of them, for random existing users),
// beside the same GET against the bare node:http handler (which answers a fixed one-user list). Requests to the
// two alternate in blocks, so noise on the shared cores falls on both alike.
//
// Seeding: the users go in through the storage's own `scimUsers.create` (the real schema, migrations, indexes,
// counters and connection bookkeeping), BENCH_SEED_BATCH creates inside one outer transaction: each create's own
// transaction nests as a savepoint, so a batch is one commit instead of one fsync per user. Then the file is
// closed and the server process opens it, as a restarted server would.
import { pathToFileURL } from 'node:url';
import {
  check,
  count,
  envInt,
  httpClient,
  loadServer,
  ms,
  oktaFindUser,
  person,
  printTable,
  quantile,
  ratio,
  startServerProcess,
  tempDir,
} from './lib.mjs';

/** The member columns and canonical resource the SCIM layer derives from Okta's POST /Users body. */
function draftOf(/** @type {ReturnType<typeof person>} */ p) {
  const displayName = `${p.givenName} ${p.familyName}`;
  return {
    userName: p.email,
    externalId: p.externalId,
    active: true,
    displayName,
    givenName: p.givenName,
    familyName: p.familyName,
    email: p.email,
    resource: {
      userName: p.email,
      name: { givenName: p.givenName, familyName: p.familyName },
      emails: [{ primary: true, value: p.email, type: 'work' }],
      displayName,
      locale: 'en-US',
      externalId: p.externalId,
      active: true,
    },
  };
}

/** @returns {Promise<import('./lib.mjs').Row[]>} */
export async function benchScimLookups() {
  const users = envInt('BENCH_USERS', 100_000);
  const lookups = envInt('BENCH_LOOKUPS', 2_000);
  const batch = envInt('BENCH_SEED_BATCH', 5_000);
  console.log(`\n2. SCIM userName lookups over HTTP: ${count(users)} users, ${count(lookups)} lookups`);

  const { createTestConnection, openSqliteStorage } = await loadServer();
  const temp = tempDir('lookups');
  try {
    const storage = openSqliteStorage({ filename: temp.file });
    const test = await createTestConnection(storage, { provider: 'okta', workspaceName: 'Bench lookups' });
    const ctx = {
      workspaceId: test.workspace.id,
      connectionId: test.connection.id,
      tokenId: test.connection.token.id,
      at: new Date().toISOString(),
    };
    const seeding = performance.now();
    const { db } = storage.database;
    for (let from = 0; from < users; from += batch) {
      /** @type {Promise<unknown>[]} */
      const creates = [];
      db.transaction(() => {
        // create() does all its work synchronously (better-sqlite3); its promise only carries the outcome.
        for (let i = from; i < Math.min(users, from + batch); i++)
          creates.push(storage.scimUsers.create(ctx, draftOf(person(i))));
      }).immediate();
      await Promise.all(creates);
    }
    const seeded = (performance.now() - seeding) / 1000;
    const connection = await storage.scimConnections.get(ctx.workspaceId, ctx.connectionId);
    check(
      connection?.counts.users === users,
      `seeding left ${connection?.counts.users} users, not ${users}.`,
    );
    await storage.close();
    console.log(
      `   seeded ${count(users)} users through storage.scimUsers.create in ${seeded.toFixed(1)} s ` +
        `(${count(Math.round(users / seeded))}/s, ${batch} per transaction)`,
    );

    const identity = await startServerProcess('identity', temp.file);
    const baseline = await startServerProcess('baseline');
    const client = httpClient(1);
    try {
      const scimBase = test.baseUrl(identity.url);
      const headers = { authorization: `Bearer ${test.token}`, accept: 'application/scim+json' };
      let seed = 12345;
      const random = () => {
        // A fixed sequence (xorshift), so every run looks up the same users.
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) % users;
      };
      const lookUp = async (/** @type {string} */ origin, /** @type {boolean} */ real) => {
        const userName = person(random()).email;
        const started = performance.now();
        const response = await client.send('GET', `${origin}${oktaFindUser(userName)}`, undefined, headers);
        const elapsed = performance.now() - started;
        check(response.status === 200, `GET /Users?filter answered ${response.status}`);
        if (real) {
          const list = /** @type {{ totalResults: number, Resources: Array<{ userName: string }> }} */ (
            JSON.parse(response.text)
          );
          check(
            list.totalResults === 1 && list.Resources[0]?.userName === userName,
            `the lookup of ${userName} found ${list.totalResults} users.`,
          );
        }
        return elapsed;
      };

      for (let i = 0; i < 200; i++) {
        await lookUp(baseline.url, false);
        await lookUp(scimBase, true);
      }
      /** @type {number[]} */
      const server = [];
      /** @type {number[]} */
      const base = [];
      const block = 100;
      for (let done = 0; done < lookups; done += block) {
        const n = Math.min(block, lookups - done);
        for (let i = 0; i < n; i++) base.push(await lookUp(baseline.url, false));
        for (let i = 0; i < n; i++) server.push(await lookUp(scimBase, true));
      }
      server.sort((a, b) => a - b);
      base.sort((a, b) => a - b);
      const figures = {
        p50: quantile(server, 0.5),
        p99: quantile(server, 0.99),
        baseP50: quantile(base, 0.5),
        baseP99: quantile(base, 0.99),
      };
      console.log(
        `   server p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}, max ${ms(server.at(-1) ?? 0)}; ` +
          `baseline p50 ${ms(figures.baseP50)}, p99 ${ms(figures.baseP99)}`,
      );
      return [
        {
          figure: `Lookup p50 (${count(users)} users)`,
          value: ms(figures.p50),
          baseline: ms(figures.baseP50),
          ratio: ratio(figures.p50 / figures.baseP50),
          target: '',
        },
        {
          figure: `Lookup p99 (${count(users)} users)`,
          value: ms(figures.p99),
          baseline: ms(figures.baseP99),
          ratio: ratio(figures.p99 / figures.baseP99),
          target: '< 5 ms',
          met: figures.p99 < 5,
        },
      ];
    } finally {
      client.close();
      await Promise.all([identity.stop(), baseline.stop()]);
    }
  } finally {
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchScimLookups());
}
