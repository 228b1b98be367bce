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

const react18 = process.env.REACT18_DIR && `${process.env.REACT18_DIR}/node_modules`;

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
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['packages/react/src/**/*.test.tsx'],
          setupFiles: ['packages/react/src/testing/setup.ts'],
        },
      },
      // The same component tests on React 18, when REACT18_DIR names a folder with react@18 and react-dom@18
      // installed (`.ci/run` makes one). Dependencies that import React are inlined, so they get React 18 too.
      ...(react18
        ? [
            {
              extends: true as const,
              resolve: {
                // ES module builds, so their `import 'react'` meets the aliases (a CommonJS `require` would not).
                mainFields: ['module', 'main'],
                alias: [
                  { find: /^react$/, replacement: `${react18}/react/index.js` },
                  { find: /^react\/(.*)$/, replacement: `${react18}/react/$1` },
                  { find: /^react-dom$/, replacement: `${react18}/react-dom/index.js` },
                  { find: /^react-dom\/(.*)$/, replacement: `${react18}/react-dom/$1` },
                ],
              },
              test: {
                name: 'react18',
                environment: 'jsdom',
                include: ['packages/react/src/**/*.test.tsx'],
                setupFiles: ['packages/react/src/testing/setup.ts'],
                server: {
                  deps: {
                    inline: [
                      /@tanstack/,
                      /@radix-ui/,
                      /@testing-library\/react/,
                      /react-remove-scroll/,
                      /react-style-singleton/,
                      /use-callback-ref/,
                      /use-sidecar/,
                    ],
                  },
                },
              },
            },
          ]
        : []),
      // A Storybook browser project joins here with the browser-test issue.
    ],
  },
});
