// Lints every built publishable package (scripts/workspace.mjs) the way consumers will see it:
//   - publint --strict: package.json / exports / files problems, warnings count as failures;
//   - attw --pack: packs the package like `npm pack` and checks that the types resolve for each entry.
// Run after `npm run build`. Exits 1 if any package has a problem.
//
// attw profile "node16": checks Node's ESM and CJS resolution (node16/nodenext) and bundlers, and skips
// the legacy `moduleResolution: node10`, which ignores `exports` and so can never see subpath entries
// (`/providers`, `/node`, `/browser`) without a typesVersions hack. Our consumers are Node >= 20 (ESM or
// CJS) and bundlers, which all read `exports`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { packages } from './workspace.mjs';

const bin = (/** @type {string} */ name) => `node_modules/.bin/${name}`;

/**
 * @param {string} cmd
 * @param {string[]} args
 */
function run(cmd, args) {
  console.log(`$ ${cmd.replace('node_modules/.bin/', '')} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  return result.status === 0;
}

/** @type {string[]} */
const failed = [];
for (const pkg of packages) {
  if (!existsSync(`${pkg.dir}/dist`)) {
    console.error(`${pkg.name}: ${pkg.dir}/dist is missing; run \`npm run build\` first`);
    failed.push(pkg.name);
    continue;
  }
  const publintOk = run(bin('publint'), ['run', pkg.dir, '--strict']);
  // attw checks every subpath in `exports`; skip the non-code ones (e.g. "./openapi.yaml", "./package.json").
  const { exports = {} } = JSON.parse(readFileSync(`${pkg.dir}/package.json`, 'utf8'));
  const nonCode = Object.entries(exports)
    .filter(([, target]) => typeof target === 'string' && !/\.[cm]?js$/.test(target))
    .map(([subpath]) => subpath);
  const exclude = nonCode.length ? ['--exclude-entrypoints', ...nonCode] : [];
  const attwOk = run(bin('attw'), ['--pack', pkg.dir, '--profile', 'node16', ...exclude]);
  // Client packages: every built module must keep "use client", or React Server Components would run hooks on
  // the server.
  const serverSide = pkg.client
    ? readdirSync(`${pkg.dir}/dist`, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.c?js$/.test(file))
        .filter((file) => !readFileSync(`${pkg.dir}/dist/${file}`, 'utf8').startsWith('"use client";'))
    : [];
  for (const file of serverSide) console.error(`${pkg.name}: dist/${file} does not start with "use client"`);
  if (!publintOk || !attwOk || serverSide.length) failed.push(pkg.name);
}

if (failed.length) {
  console.error(`\ncheck:packages failed for: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\ncheck:packages: ${packages.length} packages OK`);
