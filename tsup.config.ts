import { readFileSync } from 'node:fs';
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

export default defineConfig(
  packages.map(
    (pkg): Options => ({
      name: pkg.name,
      entry: Object.fromEntries(Object.values(pkg.entries).map((src) => [outName(src), `${pkg.dir}/${src}`])),
      outDir: `${pkg.dir}/dist`,
      // Per-package tsconfig (extends the root one) so the .d.ts build sees only that package's sources.
      tsconfig: `${pkg.dir}/tsconfig.json`,
      format: ['esm', 'cjs'],
      dts: true,
      sourcemap: true,
      clean: true,
      target: 'es2022',
      treeshake: true,
      external: externalsOf(pkg.dir),
    }),
  ),
);
