import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { sourceAliases } from '../scripts/workspace.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  // mockServiceWorker.js, from `npx msw init .storybook/public` (run it again after upgrading msw).
  staticDirs: ['./public'],
  // Nothing leaves the machine: no telemetry, no update check.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The stories run on the packages' sources, as the tests do: no build needed, edits show at once.
  viteFinal: (vite) => mergeConfig(vite, { resolve: { alias: sourceAliases(root) } }),
};

export default config;
