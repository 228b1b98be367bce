// Runs Microsoft's SCIM reference test collection (../shared/conformance/azure-scim-reference.postman_collection.json)
// with newman against a running server. Every request must run; every assertion must pass except those listed in
// microsoft-exceptions.json, which hold only for Microsoft's own reference server (each with the reason). A listed
// assertion that starts passing fails the run too, so the list never goes stale. Prints "N passed, N failed".
//   node scripts/conformance/microsoft.mjs                   a fresh server on a temporary SQLite file
//   SCIM_BASE_URL=… node scripts/conformance/microsoft.mjs   an already running server in test mode
import { readFileSync } from 'node:fs';
import newman from 'newman';
import { conformanceFile, startServer } from './server.mjs';

/** @typedef {{ request: string, occurrence: number, assertion: string, reason: string }} Exception */

const exceptions = /** @type {Exception[]} */ (
  JSON.parse(readFileSync(new URL('./microsoft-exceptions.json', import.meta.url), 'utf8')).exceptions
);

/** @param {string} baseUrl */
export async function runMicrosoft(baseUrl) {
  const file = conformanceFile('azure-scim-reference.postman_collection.json');
  if (!file) return { passed: 0, failed: 0, skipped: true, ok: true };
  const collection = JSON.parse(readFileSync(file, 'utf8'));
  const url = new URL(baseUrl);
  /** @type {any} */
  const summary = await new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        envVar: [
          { key: 'Protocol', value: url.protocol.replace(':', '') },
          { key: 'Server', value: url.hostname },
          { key: 'Port', value: url.port ? `:${url.port}` : '' },
          { key: 'Api', value: url.pathname.replace(/^\/|\/$/g, '') },
        ],
        reporters: [],
        timeoutRequest: 10_000,
      },
      (/** @type {Error | null} */ error, /** @type {unknown} */ result) =>
        error ? reject(error) : resolve(result),
    );
  });

  /** @type {string[]} */
  const problems = [];
  let passed = 0;
  let failed = 0;
  // Request names repeat in the collection ("Get group by id" twice): an exception names the n-th run of it.
  const expectedFailures = new Set(exceptions.map((e) => `${e.request} #${e.occurrence} :: ${e.assertion}`));
  /** @type {Map<string, number>} */
  const occurrences = new Map();
  const seen = new Set();
  for (const execution of summary.run.executions) {
    const name = execution.item.name;
    occurrences.set(name, (occurrences.get(name) ?? 0) + 1);
    const request = `${name} #${occurrences.get(name)}`;
    if (execution.requestError)
      problems.push(`request "${request}" did not run: ${execution.requestError.message}`);
    for (const result of execution.assertions ?? []) {
      const key = `${request} :: ${result.assertion}`;
      if (result.error) {
        failed++;
        if (expectedFailures.has(key)) seen.add(key);
        else problems.push(`unexpected failure: ${key}: ${result.error.message}`);
      } else {
        passed++;
        if (expectedFailures.has(key))
          problems.push(`listed as an exception but passed: ${key} (update microsoft-exceptions.json)`);
      }
    }
  }
  const requests = summary.run.stats.requests;
  if (requests.failed) problems.push(`${requests.failed} of ${requests.total} requests failed to run`);
  for (const key of expectedFailures)
    if (!seen.has(key)) problems.push(`listed exception never ran or passed: ${key}`);
  for (const problem of problems) console.log(`  ${problem}`);
  return {
    passed,
    failed,
    skipped: false,
    ok: problems.length === 0,
    requests: requests.total,
    exceptions: exceptions.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.env.SCIM_BASE_URL ? undefined : await startServer({ microsoft: 'entra_id' });
  const baseUrl = server?.connections.microsoft?.baseUrl ?? /** @type {string} */ (process.env.SCIM_BASE_URL);
  try {
    const result = await runMicrosoft(baseUrl);
    if (!result.skipped) {
      console.log(
        `Microsoft SCIM reference collection (${result.requests} requests): ${result.passed} passed, ${result.failed} failed` +
          ` (${result.exceptions} listed in scripts/conformance/microsoft-exceptions.json)`,
      );
    }
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await server?.close();
  }
}
