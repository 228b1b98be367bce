import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { packages } from './scripts/workspace.mjs';

// Tests run on sources, no build needed: each public subpath of each package is aliased to its source
// file (same mapping as tsconfig.json "paths"). Exact-match regexes, more specific subpaths first.
const alias = packages
  .flatMap((pkg) =>
    Object.entries(pkg.entries).map(([subpath, src]) => ({
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      file: fileURLToPath(new URL(`./${pkg.dir}/${src}`, import.meta.url)),
    })),
  )
  .sort((a, b) => b.specifier.length - a.specifier.length)
  .map(({ specifier, file }) => ({
    find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement: file,
  }));

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      // A Storybook browser project joins here with the browser-test issue.
    ],
  },
});
