import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { outName, packages } from './scripts/workspace.mjs';

// One tsup config per publishable package (list in scripts/workspace.mjs). Every dependency and
// peerDependency of a package stays external (regex, so subpaths like `msw/node` too: tsup's
// .d.ts bundler only matches plain strings exactly).
function externalsOf(dir: string): RegExp[] {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  return names.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|/)`));
}

/** The package's one stylesheet: its CSS files bundled (@import) and minified into dist/styles.css. */
async function buildStylesheet(dir: string, entry: string) {
  await build({
    entryPoints: [`${dir}/${entry}`],
    bundle: true,
    minify: true,
    outfile: `${dir}/dist/styles.css`,
    logLevel: 'warning',
  });
}

export default defineConfig(
  packages.map(
    (pkg): Options => ({
      name: pkg.name,
      entry: Object.fromEntries(
        [...Object.values(pkg.entries), ...Object.values(pkg.bin ?? {})].map((src) => [
          outName(src),
          `${pkg.dir}/${src}`,
        ]),
      ),
      outDir: `${pkg.dir}/dist`,
      // Per-package tsconfig (extends the root one) so the .d.ts build sees only that package's sources.
      tsconfig: `${pkg.dir}/tsconfig.json`,
      format: ['esm', 'cjs'],
      dts: true,
      sourcemap: true,
      clean: true,
      target: 'es2022',
      // `__filename` in the ESM build, `import.meta.url` in the CommonJS one: the server resolves its SQLite driver
      // for a worker thread from `__filename`, which the shim derives correctly even from a path with `#` or `%`.
      shims: true,
      // Rollup's extra tree-shaking pass drops the "use client" banner (egoist/tsup#835); esbuild's own
      // tree-shaking still applies to client packages.
      treeshake: !pkg.client,
      external: externalsOf(pkg.dir),
      // esbuild drops module directives when bundling; put "use client" back on every file of a client package.
      banner: pkg.client ? { js: '"use client";' } : undefined,
      onSuccess: pkg.stylesheet ? () => buildStylesheet(pkg.dir, pkg.stylesheet as string) : undefined,
    }),
  ),
);
