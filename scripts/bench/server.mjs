// The server side of the HTTP benchmarks, in its own process (forked by lib.mjs), so that on two cores the
// server and the client each have one. Tells the parent its URL over IPC, answers `cpu` with the CPU time it has
// used, and stops on the message `stop`.
//
//   node scripts/bench/server.mjs identity <file>   the reference server (node:http through `serve`) on that
//                                                  SQLite file, synchronous full, SCIM rate limit off
//   node scripts/bench/server.mjs baseline          a bare node:http handler: parses a JSON body and answers
//                                                  201 with it, or 200 with a one-user list for a GET
import { createServer } from 'node:http';

const [mode, file] = process.argv.slice(2);

/** @type {{ url: string, close(): Promise<void> }} */
let running;
if (mode === 'identity') {
  if (!file) throw new Error('bench server: identity mode needs a SQLite file.');
  const [{ createIdentityServer }, { openSqliteStorage }, { serve }] = await Promise.all([
    import('@identity-kit/server'),
    import('@identity-kit/server/sqlite'),
    import('@identity-kit/server/node'),
  ]);
  const storage = openSqliteStorage({
    filename: file,
    synchronous: process.env.BENCH_SYNC === 'normal' ? 'normal' : 'full',
  });
  const server = createIdentityServer({ storage, scim: { rateLimit: false }, sweepEveryMs: 0 });
  const http = await serve(server, { host: '127.0.0.1', port: 0 });
  running = {
    url: http.url,
    async close() {
      await http.close();
      server.close();
      await storage.close();
    },
  };
} else if (mode === 'baseline') {
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName: 'grace.hopper.0@acme.test',
    name: { givenName: 'Grace', familyName: 'Hopper' },
    emails: [{ primary: true, value: 'grace.hopper.0@acme.test', type: 'work' }],
    displayName: 'Grace Hopper',
    active: true,
  };
  const list = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 1,
    startIndex: 1,
    itemsPerPage: 1,
    Resources: [user],
  });
  let next = 0;
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const id = `user-${next++}`;
        res.writeHead(201, { 'content-type': 'application/scim+json', location: `/Users/${id}` });
        res.end(JSON.stringify({ ...body, id, meta: { resourceType: 'User' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.end(list);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  running = {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
} else {
  throw new Error(`bench server: unknown mode ${mode} (identity or baseline).`);
}

process.on('message', async (message) => {
  // The CPU used so far, so that the parent can measure a window without start-up and warm-up.
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message !== 'stop') return;
  await running.close();
  process.exit(0);
});
process.send?.({ url: running.url });
