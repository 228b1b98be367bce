import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

// The SDK's types are generated from the contract; if someone edits openapi.yaml and forgets
// `npm run generate`, the SDK would silently disagree with the server. This catches it.
it('the generated types match openapi.yaml (run `npm run generate` after editing the contract)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ik-gen-')), 'openapi.ts');
  const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
  // Same flags as `npm run generate`: a field with a default is optional in requests.
  const args = [cli, join(root, 'packages/sdk/openapi.yaml'), '--default-non-nullable', 'false', '-o', out];
  execFileSync(process.execPath, args, { stdio: 'pipe' });
  expect(readFileSync(join(root, 'packages/sdk/src/generated/openapi.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
}, 30_000);
