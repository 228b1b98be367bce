// Starts the reference server for a conformance run: a fresh SQLite file in a temporary folder, SCIM at
// /scim/v2, the test-only token endpoint on, no rate limit (the suites fire requests back to back), and one
// connection per suite so each starts from an empty store. Used by okta.mjs and microsoft.mjs when no server
// is given, and runnable alone: prints `{"url", "connections": {...}}` as one JSON line and keeps serving.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CONFORMANCE_DIR = new URL('../../../shared/conformance/', import.meta.url);

/** The conformance data lives beside the checkout (never in the repo); without it the suites are skipped. */
export function conformanceFile(/** @type {string} */ name) {
  const url = new URL(name, CONFORMANCE_DIR);
  if (!existsSync(url)) {
    console.log(`conformance: ${url.pathname} is absent (the ../shared/conformance folder); skipped.`);
    return undefined;
  }
  return url;
}

async function load() {
  if (!existsSync(new URL('../../packages/server/dist/index.js', import.meta.url))) {
    throw new Error('conformance: packages/server/dist is missing; run `npm run build` first.');
  }
  const [{ createIdentityServer, createTestConnection }, { openSqliteStorage }, { serve }] =
    await Promise.all([
      import('@identity-kit/server'),
      import('@identity-kit/server/sqlite'),
      import('@identity-kit/server/node'),
    ]);
  return { createIdentityServer, createTestConnection, openSqliteStorage, serve };
}

/**
 * @param {Record<string, 'okta' | 'entra_id' | 'generic_scim'>} suites connection name → provider
 */
export async function startServer(suites) {
  const { createIdentityServer, createTestConnection, openSqliteStorage, serve } = await load();
  const dir = mkdtempSync(join(tmpdir(), 'identity-kit-conformance-'));
  const storage = openSqliteStorage({ filename: join(dir, 'identity.db') });
  const server = createIdentityServer({ storage, scim: { rateLimit: false, testTokenEndpoint: true } });
  const http = await serve(server);
  /** @type {Record<string, { baseUrl: string, path: string, token: string }>} */
  const connections = {};
  for (const [name, provider] of Object.entries(suites)) {
    const created = await createTestConnection(storage, { workspaceName: `Conformance ${name}`, provider });
    const baseUrl = created.baseUrl(http.url);
    connections[name] = { baseUrl, path: new URL(baseUrl).pathname.slice(1), token: created.token };
  }
  return {
    url: http.url,
    connections,
    async close() {
      await http.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer({ okta: 'okta', microsoft: 'entra_id' });
  console.log(JSON.stringify({ url: server.url, connections: server.connections }));
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
  process.on('SIGINT', () => server.close().then(() => process.exit(0)));
}
