import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Acme's settings page, built to dist/ and served by the playground server next to the identity API. It uses the
// kit as a host app would: the built packages, through the workspace's node_modules.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
