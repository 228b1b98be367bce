// Several processes opening one new database file at the same moment (a server and its CLI, a cluster's workers):
// each must start, whoever switches the file to WAL or applies the migrations first.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'fixtures', 'open-at.mjs');

function openTogether(file: string, processes: number): Promise<string[]> {
  const at = Date.now() + 500; // after every process has loaded
  return Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<string>((resolve) => {
          const child = fork(fixture, [file, String(at)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
          let error = '';
          child.stderr?.on('data', (chunk: Buffer) => {
            error += chunk.toString();
          });
          child.on('exit', (code) => resolve(code === 0 ? '' : error.trim() || `exit ${code}`));
        }),
    ),
  );
}

describe('processes starting together on a new database', () => {
  it('all open it', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    for (let round = 0; round < 12; round++) {
      const file = join(mkdtempSync(join(tmpdir(), 'ik-start-')), 'identity.db');
      failures.push(...(await openTogether(file, 4)).filter(Boolean));
    }
    expect(failures).toEqual([]);
  });
});
