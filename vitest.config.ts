import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { sourceAliases } from './scripts/workspace.mjs';

// Tests run on sources, no build needed.
const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const alias = sourceAliases(root);

const react18 = process.env.REACT18_DIR && `${process.env.REACT18_DIR}/node_modules`;

// Keyboard-only flows in jsdom take seconds on a busy two-core machine: the timeout guards against a hang, it does
// not measure speed (that is the benchmarks' job).
const jsdomTestTimeout = 20_000;

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
          testTimeout: jsdomTestTimeout,
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
                testTimeout: jsdomTestTimeout,
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
      // Every story as a test in Debian's Chromium: it renders, its play function passes, axe finds nothing.
      {
        extends: true,
        plugins: [storybookTest({ configDir: `${root}/.storybook` })],
        // Known up front, so Vite does not discover them mid-run and reload a test.
        optimizeDeps: {
          include: [
            'msw',
            'msw/browser',
            'msw-storybook-addon/csf3',
            'react-dom/client',
            '@radix-ui/react-dialog',
            '@tanstack/react-query',
          ],
        },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
