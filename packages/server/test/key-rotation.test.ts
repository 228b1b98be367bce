// Rotating the directory-credential key with the CLI, on a real database file: put a new key first, `reseal`,
// drop the old key, and every directory's credentials still open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCredentialVault, generateCredentialKey } from '../src/directory/credential-vault';
import { openSqliteStorage } from '../src/storage/sqlite/sqlite-storage';

const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

describe('key rotation', () => {
  it('re-seals every directory under the new key, so the old one can go', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ik-keys-')), 'identity.db');
    const oldKey = generateCredentialKey('k1');
    const storage = openSqliteStorage({ filename: db });
    await storage.workspaces.create({ id: 'ws_acme', name: 'Acme' });
    const sealed = createCredentialVault(oldKey).seal('dir_1', {
      apiToken: 'Okta-token-0000000000000000abcd',
    });
    await storage.directories.create(
      {
        id: 'dir_1',
        workspaceId: 'ws_acme',
        provider: 'okta',
        name: 'Okta',
        sealedCredentials: sealed,
        credentials: {},
        syncIntervalMinutes: 60,
      },
      {
        actor: { type: 'system', id: 'test', displayName: null, email: null },
        requestId: 'req_1',
        changes: {},
      },
    );
    await storage.close();

    const newKey = generateCredentialKey('k2');
    const out = execFileSync(process.execPath, [cli, 'reseal', '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, IDENTITY_KIT_CREDENTIAL_KEYS: `${newKey},${oldKey}` },
    });
    expect(out).toMatch(/Re-sealed 1 directory connection/);

    const after = openSqliteStorage({ filename: db });
    const resealed = (await after.directories.sealedCredentials('ws_acme', 'dir_1')) as string;
    await after.close();
    expect(createCredentialVault(newKey).open('dir_1', resealed)).toEqual({
      apiToken: 'Okta-token-0000000000000000abcd',
    });
    expect(() => createCredentialVault(oldKey).open('dir_1', resealed)).toThrow();
  });
});
