// Runs every Vitest project: unit tests (node), the React components' tests on React 19 (the workspace's) and on
// React 18 (jsdom), and every Storybook story in Debian's Chromium. React 18 cannot sit
// in the same node_modules (react-dom 18 wants react 18 as a peer), so it is installed from the registry into
// .cache/react18 on first use, and the `react18` Vitest project aliases React to it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve('.cache/react18');
if (!existsSync(`${dir}/node_modules/react-dom/package.json`)) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, '{ "private": true }\n');
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      'react@18.3.1',
      'react-dom@18.3.1',
    ],
    { stdio: 'inherit' },
  );
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.vitest-report.json',
];
const run = spawnSync('npx', [...args, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, REACT18_DIR: dir },
});
process.exit(run.status ?? 1);
