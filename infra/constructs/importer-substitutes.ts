import type { Plugin } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Modules replaced for one importer only, where an esbuild `alias` would replace them for
 * every importer: middy's imports of Node's web streams, say, which the SDK must keep.
 * Plain data, so a bundle request can carry it to another process.
 */
export interface ImporterSubstitute {
  /** A regular expression (its source) matched against the importing file's path. */
  importer: string;
  /** The module specifiers replaced, exactly as imported. */
  modules: string[];
  /** The stand-in, from the project root. */
  path: string;
}

export function importerSubstitutes(projectRoot: string, substitutes: readonly ImporterSubstitute[]): Plugin {
  return {
    name: 'importer-substitutes',
    setup(build) {
      for (const substitute of substitutes) {
        const importer = new RegExp(substitute.importer);
        const path = resolve(projectRoot, substitute.path);
        // esbuild calls a plugin only for paths its filter matches: just these modules.
        const filter = new RegExp(`^(?:${substitute.modules.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
        build.onResolve({ filter }, (args) => (importer.test(args.importer) ? { path } : undefined));
      }
    },
  };
}
