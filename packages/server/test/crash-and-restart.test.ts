// Durability, against the real CLI process on a SQLite file: kill -9 in the middle of a provisioning batch, start
// again, and everything that was acknowledged is there: users, the connection and its token, sessions.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdpSimulator, person } from '../src/simulator/idp-simulator';
import { CORE_USER } from '../src/simulator/shapes';

const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const run = (...args: string[]) =>
  execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' }).trim();

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
});

async function start(db: string, port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [cli, 'start', '--db', db, '--port', String(port)], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on(
      'data',
      (chunk: Buffer) => chunk.toString().includes('Identity Kit server on') && resolve(),
    );
    proc.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return proc;
}

describe('a crash', () => {
  it('loses nothing that was acknowledged, and a restart keeps connections, tokens and sessions', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ik-crash-')), 'identity.db');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    run('create-workspace', '--db', db, '--name', 'Acme', '--id', 'ws_acme');
    const owner = run(
      'add-member',
      '--db',
      db,
      '--workspace',
      'ws_acme',
      '--email',
      'ada@acme.test',
      '--name',
      'Ada',
      '--role',
      'owner',
    );
    const cookie = run('create-session', '--db', db, '--workspace', 'ws_acme', '--user', owner);
    const created = run(
      'create-scim-connection',
      '--db',
      db,
      '--workspace',
      'ws_acme',
      '--port',
      String(port),
    );
    const baseUrl = /SCIM base URL: (\S+)/.exec(created)?.[1] as string;
    const token = /Bearer token: +(\S+)/.exec(created)?.[1] as string;

    child = await start(db, port);
    // Eight clients create users as fast as they can; the process is killed while they do.
    const acknowledged: string[] = [];
    let next = 0;
    const client = async () => {
      while (next < 5000) {
        const p = person(next++);
        try {
          const response = await fetch(`${baseUrl}/Users`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
            body: JSON.stringify({
              schemas: [CORE_USER],
              userName: p.email,
              externalId: p.externalId,
              active: true,
            }),
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    child = await start(db, port);
    const okta = createIdpSimulator({ baseUrl, token, provider: 'okta' });
    await okta.testConnection(); // the token still works
    const list = (await (
      await fetch(`${baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { totalResults: number };
    expect(list.totalResults).toBeGreaterThanOrEqual(acknowledged.length);
    for (const id of acknowledged) {
      const response = await fetch(`${baseUrl}/Users/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, `user ${id} was acknowledged before the crash`).toBe(200);
    }
    // The admin's session survived too.
    const policy = await fetch(`http://127.0.0.1:${port}/api/identity/workspaces/ws_acme/session-policy`, {
      headers: { cookie },
    });
    expect(policy.status).toBe(200);
  }, 60_000);
});
