// Prints the one plain line CI counts: `N passed, N failed`, from Vitest's JSON report
// (written by `npm run test:unit`). Exits 1 if the report is missing, any test failed, or none ran.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
/** @type {{ numPassedTests?: number, numFailedTests?: number, numTotalTests?: number }} */
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`ci-summary: cannot read ${file}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exit(1);
