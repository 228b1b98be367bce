// The one list of publishable workspace packages. tsup.config.ts, vitest.config.ts and
// scripts/check-packages.mjs all read it: to add a package (react, server, ...), add an entry here,
// then mirror its subpaths in tsconfig.json "paths" (JSON cannot import this file).
//
// `entries` maps each public subpath (as in the package's `exports`) to its source file, relative to
// the package folder. The built file is the source path without `src/` and the extension, so
// `src/providers/index.ts` builds to `dist/providers/index.{js,cjs,d.ts,d.cts}`.

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name npm package name
 * @property {string} dir folder, relative to the repo root
 * @property {Record<string, string>} entries public subpath -> source file (relative to dir)
 * @property {Record<string, string>} [bin] command name -> source file of an executable (package.json "bin"),
 *   built next to the entries but not exported
 * @property {boolean} [client] React client components: every built file starts with "use client"
 * @property {string} [stylesheet] a CSS entry (relative to dir), bundled and minified to dist/styles.css
 */

/** @type {WorkspacePackage[]} */
export const packages = [
  {
    name: '@identity-kit/sdk',
    dir: 'packages/sdk',
    entries: {
      '.': 'src/index.ts',
      './providers': 'src/providers/index.ts',
      './contract': 'src/contract/index.ts',
    },
  },
  {
    name: '@identity-kit/mocks',
    dir: 'packages/mocks',
    entries: { '.': 'src/index.ts', './node': 'src/node.ts', './browser': 'src/browser.ts' },
  },
  {
    name: '@identity-kit/react',
    dir: 'packages/react',
    entries: {
      '.': 'src/index.ts',
      './provider': 'src/entries/provider.ts',
      './connect-scim-provider': 'src/entries/connect-scim-provider.ts',
      './directory-sync-picker': 'src/entries/directory-sync-picker.ts',
      './session-duration-form': 'src/entries/session-duration-form.ts',
      './force-reauth-button': 'src/entries/force-reauth-button.ts',
      './identity-settings': 'src/entries/identity-settings.ts',
      './locales/de': 'src/locales/de.ts',
    },
    client: true,
    stylesheet: 'src/styles.css',
  },
  {
    name: '@identity-kit/server',
    dir: 'packages/server',
    entries: {
      '.': 'src/index.ts',
      './sqlite': 'src/storage/sqlite/index.ts',
      './node': 'src/http/node.ts',
      './fakes': 'src/directory/fakes/index.ts',
    },
    bin: { 'identity-kit-server': 'src/cli/main.ts' },
  },
];

/**
 * Name of the built file (no extension) for a source entry: `src/providers/index.ts` -> `providers/index`.
 * @param {string} src
 */
export function outName(src) {
  return src.replace(/^src\//, '').replace(/\.[cm]?tsx?$/, '');
}

/**
 * Vite/Vitest aliases from each public subpath to its source file (the mapping tsconfig.json "paths" mirrors),
 * so tests and Storybook run without a build. Exact-match regexes, more specific subpaths first.
 * @param {string} root absolute path of the repository
 */
export function sourceAliases(root) {
  return packages
    .flatMap((pkg) =>
      Object.entries(pkg.entries).map(([subpath, src]) => ({
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        file: `${root}/${pkg.dir}/${src}`,
      })),
    )
    .sort((a, b) => b.specifier.length - a.specifier.length)
    .map(({ specifier, file }) => ({
      find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      replacement: file,
    }));
}
