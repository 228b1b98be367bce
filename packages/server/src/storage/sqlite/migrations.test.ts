import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrations } from './migrations';
import { SqliteDatabase } from './sqlite-database';

const USER_COLUMNS = `(id, workspace_id, source, user_name, user_name_key, status, resource, created_at, updated_at)`;

it('migration 8 rebuilds users without IN lists, keeping rows, rowids, children, cascades and the trigger', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'ik-migrate-')), 'identity.db');
  // A database as version 7 left it, with a member in a group and signed in.
  const old = new Database(path);
  old.pragma('journal_mode = WAL');
  old.pragma('foreign_keys = ON');
  old.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  for (const migration of migrations.filter((m) => m.version < 8)) {
    old.exec(migration.sql);
    old
      .prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)')
      .run(migration.version, migration.name, 'then');
  }
  old.exec(`
    INSERT INTO workspaces (id, name, created_at) VALUES ('ws', 'Acme', 'then');
    INSERT INTO users ${USER_COLUMNS} VALUES ('u1', 'ws', 'manual', 'ada', 'ada', 'active', '{}', 'then', 'then');
    INSERT INTO users ${USER_COLUMNS} VALUES ('u2', 'ws', 'scim', 'bob', 'bob', 'suspended', '{}', 'then', 'then');
    DELETE FROM users WHERE id = 'u1';
    INSERT INTO users ${USER_COLUMNS} VALUES ('u3', 'ws', 'directory', 'cy', 'cy', 'active', '{}', 'then', 'then');
    INSERT INTO groups (id, workspace_id, display_name, display_name_key, resource, created_at, updated_at)
      VALUES ('g', 'ws', 'Eng', 'eng', '{}', 'then', 'then');
    INSERT INTO group_members (group_id, user_id) VALUES ('g', 'u3');
    INSERT INTO sessions (id, workspace_id, user_id, secret_hash, epoch, created_at, last_seen_at)
      VALUES ('s', 'ws', 'u3', x'00', 0, 0, 0);
  `);
  const rowids = old.prepare('SELECT rowid, id FROM users ORDER BY rowid').all();
  old.close();

  const sql = new SqliteDatabase({ filename: path });
  const db = sql.db;
  expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(8);
  expect(db.prepare('SELECT rowid, id FROM users ORDER BY rowid').all()).toEqual(rowids);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  // The checks still hold, and an insert builds no ephemeral table for them.
  expect(() =>
    db.exec(
      `INSERT INTO users ${USER_COLUMNS} VALUES ('u4', 'ws', 'csv', 'di', 'di', 'active', '{}', 'now', 'now')`,
    ),
  ).toThrow(/CHECK constraint failed/);
  const insert = `INSERT INTO users ${USER_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const opcodes = db
    .prepare(`EXPLAIN ${insert}`)
    .all(...Array(9).fill(null))
    .map((row) => (row as { opcode: string }).opcode);
  expect(opcodes).not.toContain('OpenEphemeral');
  // The children still point at their member, and deleting it still cascades and fires the trigger.
  expect(db.prepare("SELECT count(*) FROM user_session_counts WHERE user_id = 'u3'").pluck().get()).toBe(1);
  db.exec("DELETE FROM users WHERE id = 'u3'");
  expect(db.prepare('SELECT count(*) FROM group_members').pluck().get()).toBe(0);
  expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  expect(db.prepare('SELECT count(*) FROM user_session_counts').pluck().get()).toBe(0);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  await sql.close();
});
