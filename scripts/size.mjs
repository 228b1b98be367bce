// Size budgets: bundles each entry the way a browser app would (esbuild: bundle, minify, ESM,
// platform browser, the given packages external), gzips it (level 9) and compares with its budget.
// Run after `npm run build`. Exits 1 if any entry is over budget (or missing).
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** @type {{ name: string, file: string, budgetKb: number, external?: string[] }[]} */
const budgets = [
  // The SDK's own code: under 5 KB gzipped, minified.
  { name: '@identity-kit/sdk', file: 'packages/sdk/dist/index.js', budgetKb: 5, external: [] },
];

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const rows = [['name', 'min', 'gzip', 'budget', 'ok']];
let over = false;
for (const entry of budgets) {
  if (!existsSync(entry.file)) {
    rows.push([entry.name, '-', '-', `${entry.budgetKb} KB`, `MISSING ${entry.file}`]);
    over = true;
    continue;
  }
  const result = await build({
    entryPoints: [entry.file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: entry.external ?? [],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(code, { level: 9 }).length;
  const ok = gzip <= entry.budgetKb * 1024;
  if (!ok) over = true;
  rows.push([entry.name, kb(code.length), kb(gzip), `${entry.budgetKb} KB`, ok ? 'yes' : 'NO']);
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
if (over) {
  console.error('\nsize: over budget');
  process.exit(1);
}
