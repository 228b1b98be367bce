// Figure 3: forcing reauthentication in a workspace with BENCH_SMALL_SESSIONS (10) open sessions and in one with
// BENCH_SESSIONS (1,000,000), in the same SQLite file (synchronous full): the time of
// `storage.sessions.forceReauthentication(...)`, median of BENCH_REPEATS runs alternating between the two, and the
// same through the admin API over loopback HTTP (POST /api/identity/workspaces/{id}/reauthentication). The
// design (migration 2) makes it constant time: the workspace's session epoch moves on, counters kept by triggers
// give the numbers, no session row is read or written.
//
// Seeding: BENCH_SESSION_MEMBERS members through `storage.members.create` (one transaction), then the sessions
// with one INSERT … SELECT over a recursive counter into the real `sessions` table, so its triggers keep the
// counters exactly as sign-ins would (sequential ids and secret hashes keep the index inserts in order).
// Between runs the bench rewinds the workspace row (epoch and counters, the only state forcing changes), so each
// run faces every session again; each run must report all of them revoked.
import { pathToFileURL } from 'node:url';
import { check, count, envInt, loadServer, median, ms, printTable, ratio, tempDir } from './lib.mjs';

const ACTOR = { type: /** @type {const} */ ('system'), id: 'bench', displayName: 'Benchmark', email: null };

/** @returns {Promise<import('./lib.mjs').Row[]>} */
export async function benchForceReauthentication() {
  const large = envInt('BENCH_SESSIONS', 1_000_000);
  const small = envInt('BENCH_SMALL_SESSIONS', 10);
  const memberCount = envInt('BENCH_SESSION_MEMBERS', 10_000);
  const repeats = envInt('BENCH_REPEATS', 7);
  console.log(
    `\n3. Force reauthentication: ${count(small)} vs ${count(large)} sessions, median of ${repeats} runs`,
  );

  const { createIdentityServer, openSqliteStorage, serve } = await loadServer();
  const temp = tempDir('sessions');
  const storage = openSqliteStorage({ filename: temp.file, synchronous: 'full' });
  const { db } = storage.database;
  try {
    /** Members, then `sessions` sessions spread evenly over them (in member order). */
    const seed = async (/** @type {string} */ name, /** @type {number} */ sessions) => {
      const workspace = await storage.workspaces.create({ name });
      const members = Math.min(memberCount, sessions);
      /** @type {Promise<{ id: string }>[]} */
      const creating = [];
      db.transaction(() => {
        for (let i = 0; i < members; i++)
          creating.push(
            storage.members.create({
              workspaceId: workspace.id,
              email: `member.${i}@${name}.test`,
              displayName: `Member ${i}`,
              role: 'member',
            }),
          );
      }).immediate();
      const ids = (await Promise.all(creating)).map((m) => m.id);
      const now = Date.now();
      db.transaction(() => {
        db.exec('CREATE TEMP TABLE bench_members (n INTEGER PRIMARY KEY, id TEXT NOT NULL)');
        const add = db.prepare('INSERT INTO bench_members (n, id) VALUES (?, ?)');
        for (const [n, id] of ids.entries()) add.run(n, id);
        db.prepare(
          `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < @sessions)
           INSERT INTO sessions (id, workspace_id, user_id, secret_hash, epoch, created_at, last_seen_at)
           SELECT printf('ses_bench_%s_%010d', @tag, i), @workspaceId,
             (SELECT id FROM bench_members WHERE n = CAST(i * @members / @sessions AS INTEGER)),
             unhex(printf('%s%032x', @tag, i)), w.session_epoch, @now, @now
           FROM seq, workspaces w WHERE w.id = @workspaceId`,
        ).run({
          sessions,
          members,
          workspaceId: workspace.id,
          // A hex prefix per workspace keeps secret hashes unique across the two.
          tag: Buffer.from(name.padEnd(16, '.').slice(0, 16)).toString('hex'),
          now,
        });
        db.exec('DROP TABLE temp.bench_members');
      }).immediate();
      const status = await storage.sessions.status(workspace.id);
      check(
        status.activeSessions === sessions && status.activeUsers === members,
        `seeding ${name} left ${status.activeSessions} sessions of ${status.activeUsers} members.`,
      );
      return { workspace, sessions, members, owner: ids[0] ?? '' };
    };

    let started = performance.now();
    const few = await seed('few', small);
    const many = await seed('many', large);
    const seeded = (performance.now() - started) / 1000;
    console.log(
      `   seeded ${count(large)} sessions of ${count(many.members)} members (+ ${small}) in ${seeded.toFixed(1)} s`,
    );

    /** Undoes a forced reauthentication: the epoch and counters as before, the sessions untouched all along. */
    const rewind = (/** @type {typeof few} */ target) =>
      db
        .prepare(
          'UPDATE workspaces SET session_epoch = session_epoch - 1, session_count = ?, session_user_count = ? WHERE id = ?',
        )
        .run(target.sessions, target.members, target.workspace.id);

    const direct = async (/** @type {typeof few} */ target) => {
      const at = new Date().toISOString();
      started = performance.now();
      const record = await storage.sessions.forceReauthentication(
        target.workspace.id,
        { keepSessionId: null, reason: 'benchmark' },
        { actor: ACTOR, requestId: `req_bench_${at}`, at },
      );
      const elapsed = performance.now() - started;
      check(
        record.revokedSessions === target.sessions && record.affectedUsers === target.members,
        `forcing revoked ${record.revokedSessions} sessions of ${record.affectedUsers} members, not ${target.sessions} of ${target.members}.`,
      );
      rewind(target);
      return elapsed;
    };

    // The admin API, with a host `authenticate` that says the caller is an owner calling with a bearer token.
    const server = createIdentityServer({
      storage,
      sweepEveryMs: 0,
      authenticate: async () => ({
        user: { id: 'usr_bench', displayName: 'Benchmark', email: 'bench@acme.test' },
        role: 'owner',
        sessionId: null,
        via: 'bearer',
      }),
    });
    const http = await serve(server, { host: '127.0.0.1', port: 0 });
    const overHttp = async (/** @type {typeof few} */ target) => {
      started = performance.now();
      const response = await fetch(
        `${http.url}/api/identity/workspaces/${target.workspace.id}/reauthentication`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
          body: JSON.stringify({ keepCurrentSession: false, reason: 'benchmark' }),
        },
      );
      const text = await response.text();
      const elapsed = performance.now() - started;
      check(
        response.status === 201,
        `POST /reauthentication answered ${response.status}: ${text.slice(0, 300)}`,
      );
      const record = /** @type {{ revokedSessions: number }} */ (JSON.parse(text));
      check(
        record.revokedSessions === target.sessions,
        `the API revoked ${record.revokedSessions} sessions.`,
      );
      rewind(target);
      return elapsed;
    };

    try {
      // Warm-up (JIT, the statement cache, the socket), then alternate so noise falls on both alike.
      for (let i = 0; i < 3; i++) {
        for (const target of [few, many]) {
          await direct(target);
          await overHttp(target);
        }
      }
      /** @type {Record<'few' | 'many', { direct: number[], http: number[] }>} */
      const times = { few: { direct: [], http: [] }, many: { direct: [], http: [] } };
      for (let run = 0; run < repeats; run++) {
        for (const [key, target] of /** @type {const} */ ([
          ['few', few],
          ['many', many],
        ])) {
          times[key].direct.push(await direct(target));
          times[key].http.push(await overHttp(target));
        }
      }
      const figures = {
        few: median(times.few.direct),
        many: median(times.many.direct),
        fewHttp: median(times.few.http),
        manyHttp: median(times.many.http),
      };
      console.log(
        `   storage: ${ms(figures.many)} at ${count(large)}, ${ms(figures.few)} at ${count(small)} ` +
          `(${ratio(figures.many / figures.few)}); admin API over HTTP: ${ms(figures.manyHttp)} vs ${ms(figures.fewHttp)} ` +
          `(${ratio(figures.manyHttp / figures.fewHttp)})`,
      );
      return [
        {
          figure: `Force reauth, storage (${count(large)} vs ${count(small)})`,
          value: ms(figures.many),
          baseline: ms(figures.few),
          ratio: ratio(figures.many / figures.few),
          target: '~1×',
          // "As fast at 1M as at 10", within the noise of a commit on a shared disk.
          met: figures.many / figures.few < 2,
        },
        {
          figure: `Force reauth, HTTP (${count(large)} vs ${count(small)})`,
          value: ms(figures.manyHttp),
          baseline: ms(figures.fewHttp),
          ratio: ratio(figures.manyHttp / figures.fewHttp),
          target: '~1×',
          met: figures.manyHttp / figures.fewHttp < 2,
        },
        {
          figure: `Seeding ${count(large)} sessions`,
          value: `${seeded.toFixed(1)} s`,
          baseline: '',
          ratio: '',
          target: '',
        },
      ];
    } finally {
      await http.close();
      server.close();
    }
  } finally {
    await storage.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchForceReauthentication());
}
