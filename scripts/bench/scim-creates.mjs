// Figure 1: SCIM users created per second over loopback HTTP, against the reference server (node:http through
// `serve`, a SQLite file with synchronous full, so every 201 is on disk) and against a bare node:http handler that
// only parses the JSON body and answers 201. Same client, same concurrency (BENCH_CONNECTIONS keep-alive
// connections, each sending its next Okta-shaped POST /Users as soon as the last is answered), in alternating
// rounds so that noise on the shared cores falls on both alike; the figure is the median round of each.
import { pathToFileURL } from 'node:url';
import {
  check,
  closedLoop,
  envInt,
  httpClient,
  loadServer,
  median,
  oktaCreateUser,
  perSecond,
  person,
  printTable,
  ratio,
  startServerProcess,
  tempDir,
} from './lib.mjs';

/** @returns {Promise<import('./lib.mjs').Row[]>} */
export async function benchScimCreates() {
  const connections = envInt('BENCH_CONNECTIONS', 8);
  const rounds = envInt('BENCH_ROUNDS', 5);
  const seconds = envInt('BENCH_SECONDS', 3);
  console.log(
    `\n1. SCIM creates over HTTP: ${connections} keep-alive connections, ${rounds} rounds of ${seconds} s each`,
  );

  const { createTestConnection, openSqliteStorage } = await loadServer();
  const temp = tempDir('creates');
  const setup = openSqliteStorage({ filename: temp.file });
  const test = await createTestConnection(setup, { provider: 'okta', workspaceName: 'Bench creates' });
  await setup.close();

  const identity = await startServerProcess('identity', temp.file);
  const baseline = await startServerProcess('baseline');
  const identityClient = httpClient(connections);
  const baselineClient = httpClient(connections);
  try {
    const scimBase = test.baseUrl(identity.url);
    const headers = {
      authorization: `Bearer ${test.token}`,
      accept: 'application/scim+json',
      'content-type': 'application/scim+json',
    };
    let next = 0;
    let created = 0;
    const createOne = async () => {
      const response = await identityClient.send(
        'POST',
        `${scimBase}/Users`,
        JSON.stringify(oktaCreateUser(person(next++))),
        headers,
      );
      check(
        response.status === 201,
        `POST /Users answered ${response.status}: ${response.text.slice(0, 300)}`,
      );
      created++;
    };
    let baselineNext = 0;
    const baselineOne = async () => {
      const response = await baselineClient.send(
        'POST',
        `${baseline.url}/Users`,
        JSON.stringify(oktaCreateUser(person(baselineNext++))),
        headers,
      );
      check(response.status === 201, `the baseline answered ${response.status}`);
    };

    // Warm-up: JIT, the page cache, the sockets.
    await closedLoop(connections, 1, baselineOne);
    await closedLoop(connections, 1, createOne);

    /** @type {number[]} */
    const identityRates = [];
    /** @type {number[]} */
    const baselineRates = [];
    // CPU and answers counted over the rounds alone: start-up and warm-up left out.
    const [identityCpu0, baselineCpu0] = await Promise.all([identity.cpu(), baseline.cpu()]);
    const [identityFrom, baselineFrom] = [next, baselineNext];
    for (let round = 1; round <= rounds; round++) {
      const b = await closedLoop(connections, seconds, baselineOne);
      const s = await closedLoop(connections, seconds, createOne);
      baselineRates.push(b.perSecond);
      identityRates.push(s.perSecond);
      console.log(
        `   round ${round}: server ${perSecond(s.perSecond)} (${s.done} users), baseline ${perSecond(b.perSecond)}`,
      );
    }

    const [identityCpu1, baselineCpu1] = await Promise.all([identity.cpu(), baseline.cpu()]);
    // Every 201 is a user the connection now has.
    const list = await identityClient.send('GET', `${scimBase}/Users?count=0`, undefined, headers);
    const total = /** @type {{ totalResults: number }} */ (JSON.parse(list.text)).totalResults;
    check(total === created, `the connection has ${total} users after ${created} creates.`);

    const server = median(identityRates);
    const base = median(baselineRates);
    console.log(
      `   server ${perSecond(server)}, baseline ${perSecond(base)}: ${ratio(server / base)} of the baseline (${created} users created)`,
    );
    // What each answer cost the server process in CPU (all its threads), beside the baseline's.
    const perRequest = (
      /** @type {{ user: number, system: number }} */ from,
      /** @type {{ user: number, system: number }} */ to,
      /** @type {number} */ n,
    ) =>
      `${Math.round((to.user + to.system - from.user - from.system) / n)} µs (${Math.round((to.system - from.system) / n)} µs system)`;
    console.log(
      `   CPU per answer: server ${perRequest(identityCpu0, identityCpu1, next - identityFrom)}, baseline ${perRequest(baselineCpu0, baselineCpu1, baselineNext - baselineFrom)}`,
    );
    return [
      {
        figure: `SCIM creates/s (${connections} conns)`,
        value: perSecond(server),
        baseline: perSecond(base),
        ratio: ratio(server / base),
        target: '≥ 0.50×',
        met: server / base >= 0.5,
      },
    ];
  } finally {
    identityClient.close();
    baselineClient.close();
    await Promise.all([identity.stop(), baseline.stop()]);
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchScimCreates());
}
