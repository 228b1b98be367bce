import { createHash } from 'node:crypto';
import { existsSync, fdatasync, fdatasyncSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_EVERY_COMMITS, Checkpointer } from './checkpointer';
import { MAX_GROUP_MS, SqliteDatabase } from './sqlite-database';
import { openSqliteStorage } from './sqlite-storage';

// fdatasync as it is, until a test holds it back (a slow disk); the blocking one counted.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, fdatasync: vi.fn(fs.fdatasync), fdatasyncSync: vi.fn(fs.fdatasyncSync) };
});

const file = () => join(mkdtempSync(join(tmpdir(), 'ik-group-')), 'identity.db');
/** A database with SCIM connection `c`, and its user count. */
function withScimConnection() {
  const sql = new SqliteDatabase({ filename: file() });
  const at = new Date().toISOString();
  sql.db.exec(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws', 'W', '${at}')`);
  sql.db.exec(`INSERT INTO scim_connections (id, workspace_id, provider, name, created_at, updated_at)
    VALUES ('c', 'ws', 'okta', 'Okta', '${at}', '${at}')`);
  const count = () => sql.db.prepare("SELECT user_count AS n FROM scim_connections WHERE id = 'c'").get();
  return { sql, count };
}

/**
 * Holds back every fdatasync until released (by its order of arrival): run as it is, failing with an error, or
 * done at once (`'done'`: a disk that answers in no time, for tests of what happens next).
 */
async function slowDisk() {
  const fs = await vi.importActual<typeof import('node:fs')>('node:fs');
  const syncs: Array<(outcome?: NodeJS.ErrnoException | 'done') => void> = [];
  const release = (i: number, outcome?: NodeJS.ErrnoException | 'done') => {
    const sync = syncs[i];
    syncs[i] = () => {};
    sync?.(outcome);
  };
  const hold = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
    syncs.push((outcome) =>
      outcome === 'done' ? callback(null) : outcome ? callback(outcome) : fs.fdatasync(fd, callback),
    );
  };
  vi.mocked(fdatasync).mockImplementation(hold as typeof fdatasync);
  return {
    held: () => syncs.length,
    release,
    restore() {
      vi.mocked(fdatasync).mockImplementation(fs.fdatasync);
      for (let i = 0; i < syncs.length; i++) release(i);
    },
  };
}

/** The threads this process runs (Linux), to see a worker end. */
const threads = () => readdirSync('/proc/self/task').length;

describe('group commit', () => {
  it('commits concurrent writes together, answers each only once committed, and undoes only the one that failed', async () => {
    const path = file();
    const sql = new SqliteDatabase({ filename: path });
    sql.db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const commits: number[] = [];
    const insert = (x: number) =>
      sql.write(() => {
        sql.prepare('INSERT INTO t VALUES (?)').run(x);
        return x;
      });
    // A write that fails after writing: its savepoint undoes what it wrote, and nothing else.
    const halfDone = () =>
      sql.write(() => {
        sql.prepare('INSERT INTO t VALUES (?)').run(50);
        throw new Error('the rest of this change is invalid');
      });
    const writes = [insert(1), insert(2), insert(2), halfDone(), insert(3)];
    // No success is answered before the commit (a later turn of the event loop); the failure is, at once.
    for (const w of writes)
      w.then(
        (x) => commits.push(x),
        () => commits.push(-1),
      );
    await Promise.resolve();
    expect(commits).toEqual([-1, -1]);
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    await sql.close();
    // On disk, from another connection: every write that was answered, none that failed.
    const again = new SqliteDatabase({ filename: path });
    expect(again.db.prepare('SELECT x FROM t ORDER BY x').all()).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    await again.close();
  });

  it('rolls back whole a failed write that opened its group, with no savepoint, and commits the writes after it', async () => {
    const path = file();
    const sql = new SqliteDatabase({ filename: path });
    sql.db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const statements = vi.spyOn(sql, 'prepare');
    const insert = (...xs: number[]) =>
      sql.write(() => {
        for (const x of xs) sql.prepare('INSERT INTO t VALUES (?)').run(x);
      });
    // The first write opens the group; its second insert fails, after its first one wrote.
    const writes = [insert(7, 8, 8), insert(1, 2), insert(3)];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    // A savepoint for each write that joined an open group, none for the ones that opened a group.
    const savepoints = statements.mock.calls.filter(([text]) => text === 'SAVEPOINT write').length;
    expect(savepoints).toBe(1);
    await sql.close();
    const again = new SqliteDatabase({ filename: path });
    expect(again.db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2, 3]);
    await again.close();
  });

  it('undoes a failed one-statement write, which needs no savepoint, and nothing else of its group', async () => {
    const { sql, count } = withScimConnection();
    sql.db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    // One statement that writes rows before failing: SQLite takes all of them back itself.
    const insert = (...xs: number[]) =>
      sql.write(
        () => {
          sql.prepare(`INSERT INTO t SELECT value FROM json_each(?)`).run(JSON.stringify(xs));
          sql.countScimUsers('c', xs.length);
        },
        { oneStatement: true },
      );
    const results = await Promise.allSettled([insert(1), insert(2, 3, 1), insert(4)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sql.db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 4]);
    expect(count()).toEqual({ n: 2 });
    await sql.close();
  });

  it('refuses an async write, undoing what it wrote before its first await', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const write = sql.write(async () => {
      sql.prepare('INSERT INTO t VALUES (1)').run();
      await new Promise(() => {}); // (what it would write after this is beyond any savepoint's reach)
    });
    await expect(write).rejects.toThrow(TypeError);
    await sql.write(() => sql.prepare('INSERT INTO t VALUES (3)').run());
    expect(sql.db.prepare('SELECT x FROM t ORDER BY x').all()).toEqual([{ x: 3 }]);
    await sql.close();
  });

  it("writes a group's SCIM user counts once, at its commit, without the changes of writes that failed", async () => {
    const { sql, count } = withScimConnection();
    const writes = [
      sql.write(() => sql.countScimUsers('c', 1)),
      sql.write(() => {
        sql.countScimUsers('c', 1);
        throw new Error('this create failed after counting');
      }),
      sql.write(() => sql.countScimUsers('c', 1)),
    ];
    expect(count()).toEqual({ n: 0 });
    await Promise.allSettled(writes);
    expect(count()).toEqual({ n: 2 });
    await sql.close();
  });

  it('writes nothing of a group whose transaction SQLite rolled back itself, and every writer hears', async () => {
    const { sql, count } = withScimConnection();
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const writes = [
      sql.write(() => {
        sql.prepare('INSERT INTO t VALUES (1)').run();
        sql.countScimUsers('c', 1);
      }),
      // As SQLite does on a full disk or an I/O error: the whole transaction is gone, the first write's row too.
      sql.write(() => sql.db.exec('ROLLBACK')),
    ];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(sql.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(count()).toEqual({ n: 0 });
    // And the next write starts a group of its own.
    await sql.write(() => sql.countScimUsers('c', 1));
    expect(count()).toEqual({ n: 1 });
    await sql.close();
  });

  it('keeps a group open while writes keep arriving, turn after turn, and commits them with one fsync', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    await sql.write(() => sql.prepare('INSERT INTO t VALUES (-1)').run()); // (code warmed up: turns take µs)
    const syncs = vi.mocked(fdatasync).mock.calls.length;
    const writes: Promise<unknown>[] = [];
    // One write per turn of the event loop, as requests from several connections arrive.
    await new Promise<void>((done) => {
      const next = () => {
        writes.push(sql.write(() => sql.prepare('INSERT INTO t VALUES (?)').run(writes.length)));
        if (writes.length < 5) setImmediate(next);
        else done();
      };
      next();
    });
    await Promise.all(writes);
    expect(vi.mocked(fdatasync).mock.calls.length - syncs).toBe(1);
    expect(sql.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 6 });
    await sql.close();
  });

  it('commits a group that writes never stop joining once it is MAX_GROUP_MS old', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    let firstAnsweredAt = Number.POSITIVE_INFINITY;
    const first = sql.write(() => sql.prepare('INSERT INTO t VALUES (0)').run());
    void first.then(() => {
      firstAnsweredAt = performance.now();
    });
    // A write every turn for far longer than a group may stay open (and than an fsync takes).
    const streamEnd = performance.now() + 20 * MAX_GROUP_MS;
    const writes: Promise<unknown>[] = [first];
    await new Promise<void>((done) => {
      const next = () => {
        writes.push(sql.write(() => sql.prepare('INSERT INTO t VALUES (1)').run()));
        if (performance.now() < streamEnd) setImmediate(next);
        else done();
      };
      setImmediate(next);
    });
    expect(firstAnsweredAt).toBeLessThan(streamEnd);
    await Promise.all(writes);
    await sql.close();
  });

  it('commits a group while a slow fsync runs, and answers it only after an fsync that started after its commit', async () => {
    const path = file();
    const sql = new SqliteDatabase({ filename: path });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const disk = await slowDisk();
    try {
      const answered: number[] = [];
      const insert = (x: number) =>
        sql.write(() => sql.prepare('INSERT INTO t VALUES (?)').run(x)).then(() => answered.push(x));
      const first = insert(1);
      await expect.poll(disk.held).toBe(1);
      // Nothing else arrives: the second write's group commits without waiting for the held fsync…
      const second = insert(2);
      await expect
        .poll(() => {
          const reader = new Database(path, { readonly: true });
          const rows = reader.prepare('SELECT x FROM t ORDER BY x').pluck().all();
          reader.close();
          return rows;
        })
        .toEqual([1, 2]);
      // …but its fsync waits for the one in flight (which may have started before its frames were written).
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(disk.held()).toBe(1);
      expect(answered).toEqual([]);
      disk.release(0);
      await first;
      await expect.poll(disk.held).toBe(2);
      expect(answered).toEqual([1]);
      disk.release(1);
      await second;
      expect(answered).toEqual([1, 2]);
    } finally {
      disk.restore();
    }
    await sql.close();
  });

  it('commits a group that writes keep joining once the fsync in flight as it opened is done', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const disk = await slowDisk();
    try {
      const first = sql.write(() => sql.prepare('INSERT INTO t VALUES (0)').run());
      await expect.poll(disk.held).toBe(1);
      // A write every turn, for less than MAX_GROUP_MS: this group never sees a quiet turn.
      const writes: Promise<unknown>[] = [];
      const streamed = new Promise<void>((done) => {
        const started = performance.now();
        const next = () => {
          writes.push(sql.write(() => sql.prepare('INSERT INTO t VALUES (1)').run()));
          if (writes.length === 3) disk.release(0, 'done');
          if (disk.held() < 2 && performance.now() - started < MAX_GROUP_MS / 2) setImmediate(next);
          else done();
        };
        next();
      });
      await streamed;
      // It committed (its fsync started) while writes were still arriving, when the first fsync ended.
      expect(disk.held()).toBe(2);
      await first;
      disk.restore(); // (the last writes of the stream may have opened one more group)
      await Promise.all(writes);
    } finally {
      disk.restore();
    }
    await sql.close();
  });

  it('fails every write from the first fsync that fails (the disk may have dropped what it was writing)', async () => {
    const { sql, count } = withScimConnection();
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const disk = await slowDisk();
    try {
      const first = sql.write(() => sql.prepare('INSERT INTO t VALUES (1)').run());
      await expect.poll(disk.held).toBe(1);
      const queued = sql.write(() => sql.prepare('INSERT INTO t VALUES (2)').run());
      // (committed, its fsync queued behind the first)
      await new Promise((resolve) => setTimeout(resolve, 20));
      // And one still open, its group waiting for the held fsync to end, when that fsync fails.
      const open = sql.write(() => sql.prepare('INSERT INTO t VALUES (3)').run());
      disk.release(0, Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      await expect(first).rejects.toThrow(/could not be synced to disk \(EIO\)/);
      await expect(queued).rejects.toThrow(/could not be synced/);
      await expect(open).rejects.toThrow(/could not be synced/);
      expect(sql.db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
      await expect(sql.write(() => sql.countScimUsers('c', 1))).rejects.toThrow(/until the server restarts/);
      expect(() => sql.transaction(() => sql.countScimUsers('c', 1))).toThrow(/until the server restarts/);
      expect(count()).toEqual({ n: 0 });
    } finally {
      disk.restore();
    }
    await sql.close();
  });

  it('closes the write-ahead log only once every fsync in flight is done, and refuses writes from then on', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const disk = await slowDisk();
    try {
      const first = sql.write(() => sql.prepare('INSERT INTO t VALUES (1)').run());
      await expect.poll(disk.held).toBe(1);
      const second = sql.write(() => sql.prepare('INSERT INTO t VALUES (2)').run());
      await new Promise((resolve) => setTimeout(resolve, 20)); // (committed, its fsync queued)
      let closed = false;
      const closing = sql.close().then(() => {
        closed = true;
      });
      await expect(sql.write(() => sql.prepare('INSERT INTO t VALUES (3)').run())).rejects.toThrow(/closed/);
      disk.release(0);
      await first;
      await expect.poll(disk.held).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(closed).toBe(false);
      disk.release(1);
      await closing;
      // Its file descriptor was still open for it: the second write is answered, not failed.
      await expect(second).resolves.toBeDefined();
    } finally {
      disk.restore();
    }
  });

  it('commits a waiting group first when a write must be durable at once', async () => {
    const sql = new SqliteDatabase({ filename: file() });
    sql.db.exec('CREATE TABLE t (x INTEGER)');
    const grouped = sql.write(() => sql.prepare('INSERT INTO t VALUES (1)').run());
    sql.transaction(() => sql.prepare('INSERT INTO t VALUES (2)').run());
    expect(sql.db.inTransaction).toBe(false);
    await grouped;
    expect(sql.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    await sql.close();
  });
});

describe('writes on the request path', () => {
  it('records failed SCIM requests, sign-ins, validations and sign-outs in group commits, never behind a blocking fsync', async () => {
    const storage = openSqliteStorage({ filename: file() });
    try {
      const ws = await storage.workspaces.create({ name: 'Acme' });
      const member = (email: string) =>
        storage.members.create({ workspaceId: ws.id, email, displayName: email, role: 'member' });
      const [grace, linus] = [await member('grace@acme.test'), await member('linus@acme.test')];
      const actor = { type: 'system' as const, id: 'test', displayName: 'Test', email: null };
      const { connection } = await storage.scimConnections.create(
        { workspaceId: ws.id, provider: 'okta' },
        actor,
      );
      const secret = (i: number) => createHash('sha256').update(`secret ${i}`).digest();
      const t0 = Date.parse('2026-11-29T09:00:00.000Z');
      const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
      const counted = () => ({
        blocking: vi.mocked(fdatasyncSync).mock.calls.length,
        syncs: vi.mocked(fdatasync).mock.calls.length,
      });
      const before = counted();

      // An identity provider's burst of bad requests (half of them authenticated) and a crowd signing in, at
      // once: one commit, one fsync. Linus signed in a day and more ago.
      const failed = Array.from({ length: 10 }, (_, i) =>
        storage.scimConnections.recordError(
          {
            workspaceId: ws.id,
            connectionId: connection.id,
            ...(i % 2 ? { tokenId: connection.token.id } : {}),
          },
          { at: at(0), method: 'POST', path: '/Users', status: 400, message: `userName is required (${i}).` },
        ),
      );
      const signIns = Array.from({ length: 10 }, (_, i) =>
        storage.sessions.create({ workspaceId: ws.id, userId: grace.id, secretHash: secret(i), at: at(0) }),
      );
      const stale = storage.sessions.create({
        workspaceId: ws.id,
        userId: linus.id,
        secretHash: secret(99),
        at: at(-25 * 60),
      });
      const [sessions] = await Promise.all([Promise.all(signIns), stale, Promise.all(failed)]);
      expect(counted()).toEqual({ blocking: before.blocking, syncs: before.syncs + 1 });
      const recorded = await storage.scimConnections.get(ws.id, connection.id);
      expect(recorded?.recentErrors).toHaveLength(10);
      expect(recorded).toMatchObject({ status: 'active', lastUsedTokenId: connection.token.id });

      // Two minutes on: each of Grace's sessions records when it was last seen, Linus's has run out and goes. Then
      // Grace signs five out, and is deprovisioned, which ends the rest.
      const seen = await Promise.all(
        [...sessions.keys(), 99].map((i) => storage.sessions.validate(secret(i), at(2))),
      );
      expect(seen.map((s) => s?.session.lastSeenAt)).toEqual([...Array(10).fill(at(2)), undefined]);
      await Promise.all(sessions.slice(0, 5).map((s) => storage.sessions.revoke(ws.id, s.id)));
      expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 5, activeUsers: 1 });
      expect(await storage.sessions.revokeMember(ws.id, grace.id)).toBe(5);
      expect(await storage.sessions.status(ws.id)).toEqual({ activeSessions: 0, activeUsers: 0 });
      expect(counted()).toEqual({ blocking: before.blocking, syncs: before.syncs + 3 });
    } finally {
      await storage.close();
    }
  });
});

describe('directory sync pages', () => {
  it('apply in the group commit of the SCIM writes around them, and a failed page writes nothing', async () => {
    const storage = openSqliteStorage({ filename: file() });
    try {
      const ws = await storage.workspaces.create({ name: 'Acme' });
      const actor = { type: 'system' as const, id: 'test', displayName: 'Test', email: null };
      const meta = { actor, requestId: 'req', changes: {} };
      const { connection } = await storage.scimConnections.create(
        { workspaceId: ws.id, provider: 'okta' },
        actor,
      );
      await storage.directories.create(
        {
          id: 'dir_1',
          workspaceId: ws.id,
          provider: 'okta',
          name: 'Okta',
          sealedCredentials: 'sealed',
          credentials: { orgUrl: { secret: false, value: 'https://acme.okta.com' } },
          syncIntervalMinutes: 60,
        },
        meta,
      );
      const at = new Date().toISOString();
      const { run, lease } = await storage.directories.startRun(ws.id, 'dir_1', 'manual', at);
      const person = (i: number) => ({
        externalId: `00u${i}`,
        email: `p${i}@acme.test`,
        userName: `p${i}@acme.test`,
        displayName: `Person ${i}`,
        givenName: null,
        familyName: null,
        active: true,
      });
      const people = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => person(from + i));
      const ctx = { workspaceId: ws.id, connectionId: connection.id, tokenId: connection.token.id, at };
      const counted = () => ({
        blocking: vi.mocked(fdatasyncSync).mock.calls.length,
        syncs: vi.mocked(fdatasync).mock.calls.length,
      });
      const before = counted();

      // A page of 300 people while an identity provider pushes a user, then a page whose last person has no
      // userName (a connector's bug): one commit and one fsync for all three; the second page leaves nothing.
      const scimUser = storage.scimUsers.create(ctx, {
        userName: 'p1000@acme.test',
        externalId: null,
        active: true,
        displayName: null,
        givenName: null,
        familyName: null,
        email: null,
        resource: { userName: 'p1000@acme.test' },
      });
      const first = storage.directories.applyPage(
        run.id,
        lease,
        { users: people(0, 300), resumeFrom: 'a' },
        at,
      );
      const second = storage.directories.applyPage(
        run.id,
        lease,
        { users: [...people(300, 310), { ...person(310), userName: null as never }], resumeFrom: 'b' },
        at,
      );
      const results = await Promise.allSettled([scimUser, first, second]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(counted()).toEqual({ blocking: before.blocking, syncs: before.syncs + 1 });
      const linked = await storage.members.list(ws.id, { limit: 1, connectionId: 'dir_1' });
      expect(linked.totalCount).toBe(300);
      const pushed = await storage.members.list(ws.id, { limit: 1, connectionId: connection.id });
      expect(pushed.totalCount).toBe(1);
    } finally {
      await storage.close();
    }
  });
});

describe('checkpoints', () => {
  it('copies the WAL back into the database file on a worker thread, and stops it on close', async () => {
    const path = file();
    const sql = new SqliteDatabase({ filename: path });
    sql.db.exec('CREATE TABLE t (x TEXT)');
    const pages = () => statSync(path).size / 4096;
    const before = pages();
    const threadsBefore = threads();
    // Far below the writer's own checkpoint threshold: only the worker can have copied these pages back.
    for (let i = 0; i < 3 * CHECKPOINT_EVERY_COMMITS; i++)
      sql.transaction(() => sql.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(2000)));
    await expect.poll(pages, { timeout: 5000 }).toBeGreaterThan(before + 50);
    await sql.close();
    await expect.poll(threads, { timeout: 5000 }).toBe(threadsBefore);
    // Closed: the last connection checkpointed what was left and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = new SqliteDatabase({ filename: path });
    expect(again.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({
      n: 3 * CHECKPOINT_EVERY_COMMITS,
    });
    await again.close();
  });

  it('starts no worker again once closing (one would outlive the connection, holding the files open)', async () => {
    const path = file();
    const sql = new SqliteDatabase({ filename: path });
    const threadsBefore = threads();
    const checkpointer = new Checkpointer(path, (error) => {
      throw error;
    });
    for (let i = 0; i < CHECKPOINT_EVERY_COMMITS; i++) checkpointer.committed();
    expect(threads()).toBeGreaterThan(threadsBefore);
    // Commits still landing while it waits for the worker to end.
    const closed = checkpointer.close();
    for (let i = 0; i < CHECKPOINT_EVERY_COMMITS; i++) checkpointer.committed();
    await closed;
    await expect.poll(threads, { timeout: 5000 }).toBe(threadsBefore);
    await sql.close();
  });
});
