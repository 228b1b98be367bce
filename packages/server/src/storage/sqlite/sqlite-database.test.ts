import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_COMMITS, Checkpointer } from './checkpointer';
import { SqliteDatabase } from './sqlite-database';

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
    // No success is answered before the commit (the event loop’s next turn); the failure is, at once.
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
