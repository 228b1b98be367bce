// `npm run conformance`: a fresh server on a temporary SQLite file, then Okta's spec test and Microsoft's
// reference collection against it over HTTP, each on its own new connection. Exits 1 if either fails.
import { runMicrosoft } from './microsoft.mjs';
import { runOkta } from './okta.mjs';
import { conformanceFile, startServer } from './server.mjs';

if (!conformanceFile('')) process.exit(0);
const server = await startServer({ okta: 'okta', microsoft: 'entra_id' });
let ok = true;
try {
  const { okta, microsoft } = server.connections;
  if (!okta || !microsoft) throw new Error('conformance: the server did not create both connections.');
  console.log(`conformance: server at ${server.url} on a fresh SQLite file`);

  const o = await runOkta(okta);
  if (!o.skipped) {
    console.log(`Okta SCIM 2.0 spec test: ${o.passed} passed, ${o.failed} failed`);
    ok &&= o.failed === 0;
  }

  const m = await runMicrosoft(microsoft.baseUrl);
  if (!m.skipped) {
    console.log(
      `Microsoft SCIM reference collection (${m.requests} requests): ${m.passed} passed, ${m.failed} failed` +
        ` (the ${m.exceptions} listed in scripts/conformance/microsoft-exceptions.json, with reasons)`,
    );
    ok &&= m.ok;
  }
} finally {
  await server.close();
}
process.exit(ok ? 0 : 1);
