// What the benchmarks share: sizes from the environment, the built packages, temporary SQLite files, a
// keep-alive HTTP client (node:http, so the client costs the same against the server and its baseline), the
// server process, Okta's request bodies and the figures' arithmetic.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A positive integer from the environment (sizes are configurable; the defaults are the issue's). */
export function envInt(/** @type {string} */ name, /** @type {number} */ fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`bench: ${name} must be a positive integer.`);
  return value;
}

/** The built packages, imported by their names, as a host would. */
export async function loadServer() {
  if (!existsSync(new URL('../../packages/server/dist/index.js', import.meta.url))) {
    throw new Error('bench: packages/server/dist is missing; run `npm run build` first.');
  }
  const [server, sqlite, node] = await Promise.all([
    import('@identity-kit/server'),
    import('@identity-kit/server/sqlite'),
    import('@identity-kit/server/node'),
  ]);
  return { ...server, ...sqlite, ...node };
}

/** A fresh folder for one benchmark's SQLite file, removed by `remove()`. */
export function tempDir(/** @type {string} */ name) {
  const dir = mkdtempSync(join(tmpdir(), `identity-kit-bench-${name}-`));
  return { dir, file: join(dir, 'identity.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------- Okta's shapes: the IdP simulator's own (src/simulator/) ----------

const simulator = await loadServer();
export const CORE_USER = simulator.CORE_USER;

/** The i-th person of the benchmark's directory (`tag` keeps runs in one database apart). */
export const person = (/** @type {number} */ i, tag = '') => simulator.person(i, tag);

/** Okta's POST /Users body for a person. */
export const oktaCreateUser = (/** @type {import('@identity-kit/server').Person} */ p) =>
  simulator.shapes.okta.createUser(p);

/** Okta's lookup before a create (`userName eq`, first page of 100). */
export const oktaFindUser = (/** @type {string} */ userName) =>
  `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`;

// ---------- HTTP ----------

/**
 * @typedef {object} HttpClient
 * @property {(method: string, url: string, body?: string, headers?: Record<string, string>) =>
 *   Promise<{ status: number, text: string }>} send
 * @property {() => void} close
 */

/** A keep-alive client over at most `connections` sockets: every request waits for a free one. */
export function httpClient(/** @type {number} */ connections) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  /** @type {HttpClient} */
  const client = {
    send: (method, url, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method,
            agent,
            headers: {
              ...headers,
              ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
            },
          },
          (res) => {
            /** @type {Buffer[]} */
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
  return client;
}

/**
 * Runs `work(i)` from `workers` loops at once (each waits for its answer before sending the next) until
 * `seconds` have passed; returns how many completed and the rate.
 */
export async function closedLoop(
  /** @type {number} */ workers,
  /** @type {number} */ seconds,
  /** @type {() => Promise<void>} */ work,
) {
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        await work();
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { done, perSecond: done / elapsed };
}

/**
 * Starts `server.mjs` in its own process (so the server and the client each get a core) and resolves with its
 * URL once it listens. `mode`: `identity` (the real server on `file`) or `baseline` (a bare node:http handler).
 * @param {'identity' | 'baseline'} mode
 * @param {string} [file]
 */
export async function startServerProcess(mode, file) {
  const child = fork(new URL('./server.mjs', import.meta.url), [mode, ...(file ? [file] : [])], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server alone.
    execArgv: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  /** @type {{ url: string, scim?: { baseUrl: string, token: string } }} */
  const ready = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(/** @type {any} */ (message)));
    child.once('exit', (code) =>
      reject(new Error(`bench: the ${mode} server exited (${code}) before listening.`)),
    );
  });
  return {
    ...ready,
    /** The CPU time the server process has used so far (every thread: the event loop, libuv's pool), in µs. */
    cpu() {
      return /** @type {Promise<{ user: number, system: number }>} */ (
        new Promise((resolve, reject) => {
          const onExit = () =>
            reject(new Error(`bench: the ${mode} server exited before reporting its CPU.`));
          const onMessage = (/** @type {any} */ message) => {
            if (!message?.cpu) return;
            child.off('message', onMessage);
            child.off('exit', onExit);
            resolve(message.cpu);
          };
          if (child.exitCode !== null) return onExit();
          child.on('message', onMessage);
          child.once('exit', onExit);
          child.send('cpu');
        })
      );
    },
    /** Stops the server and waits for its process to exit. */
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

// ---------- Figures ----------

/** The q-th quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(/** @type {number[]} */ sorted, /** @type {number} */ q) {
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return /** @type {number} */ (sorted[rank]);
}

export const median = (/** @type {number[]} */ values) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export const ms = (/** @type {number} */ value) =>
  value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
export const perSecond = (/** @type {number} */ value) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const ratio = (/** @type {number} */ value) => `${value.toFixed(2)}×`;
export const count = (/** @type {number} */ value) => value.toLocaleString('en-US');

/**
 * One line of the closing table.
 * @typedef {{ figure: string, value: string, baseline: string, ratio: string, target: string, met?: boolean }} Row
 */

/** Fails the benchmark (exit 1) when what it measured is not what it meant to measure. */
export function check(/** @type {boolean} */ condition, /** @type {string} */ message) {
  if (!condition) throw new Error(`bench: ${message}`);
}

/** The closing table: each figure beside its baseline, the ratio and the issue's target. */
export function printTable(/** @type {Row[]} */ rows) {
  const header = {
    figure: 'figure',
    value: 'identity kit',
    baseline: 'baseline',
    ratio: 'ratio',
    target: 'target',
  };
  const keys = /** @type {const} */ (['figure', 'value', 'baseline', 'ratio', 'target']);
  const all = [header, ...rows];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const line = (/** @type {typeof header} */ row, /** @type {string} */ mark) =>
    `${keys.map((key, i) => row[key].padEnd(/** @type {number} */ (widths[i]))).join('  ')}  ${mark}`;
  console.log(`\n${line(header, '')}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row, row.met === undefined ? '' : row.met ? 'met' : 'not met'));
}
