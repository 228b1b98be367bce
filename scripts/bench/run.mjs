// `npm run bench` (after `npm run build`): the server's figures, each beside a baseline
// measured in the same run, then one table. Figures are information, not tests: the exit code is 0 whatever they
// are, and 1 only when the benchmark itself fails (a build missing, an unexpected answer, a count that is off).
// Sizes come from the environment; see the "Benchmarks" section of packages/server/README.md.
import { benchDirectorySync } from './directory-sync.mjs';
import { benchForceReauthentication } from './force-reauthentication.mjs';
import { printTable } from './lib.mjs';
import { benchScimCreates } from './scim-creates.mjs';
import { benchScimLookups } from './scim-lookups.mjs';

const started = performance.now();
try {
  console.log(
    `identity kit benchmarks: node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
  );
  const rows = [
    ...(await benchScimCreates()),
    ...(await benchScimLookups()),
    ...(await benchForceReauthentication()),
    ...(await benchDirectorySync()),
  ];
  printTable(rows);
  console.log(
    `\n(${((performance.now() - started) / 1000).toFixed(0)} s; ratios are against baselines measured in this run)`,
  );
} catch (error) {
  console.error('\nbench failed:', error);
  process.exit(1);
}
