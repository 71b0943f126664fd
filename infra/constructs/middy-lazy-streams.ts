import type { Plugin } from 'esbuild';
import { resolve } from 'node:path';

/** middy's streaming imports, resolved to functions/shared/middy-lazy-streams.ts for middy only. */
export function middyLazyStreams(projectRoot: string): Plugin {
  const substitute = resolve(projectRoot, 'functions/shared/middy-lazy-streams.ts');
  return {
    name: 'middy-lazy-streams',
    setup(build) {
      build.onResolve({ filter: /^node:stream\/(?:web|promises)$/ }, ({ importer }) => (/[\\/]@middy[\\/]core[\\/]/.test(importer) ? { path: substitute } : undefined));
    },
  };
}
