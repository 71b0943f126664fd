import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importerSubstitutes, type ImporterSubstitute } from './importer-substitutes.js';
import { sdkPackageVersionOnly } from './sdk-package-version.js';
import { literalSdkSchemaKeys } from './sdk-schema-keys.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';

/** The repository root: aliases and the tsconfig resolve from here wherever bundling runs. */
export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * The esbuild settings every function is bundled with. The benchmark builds its baseline
 * bundles with exactly these, through the same `bundleLambda`, so a ratio compares code, not
 * build flags.
 *
 * Source maps are written beside each bundle but not loaded when it starts: Node's
 * `--enable-source-maps` parses the whole map on import, which cost about a fifth of the
 * import time. An error's log line maps its own frames through the map when it happens
 * (functions/shared/source-frames.ts), so traces stay readable at no cost to a cold start.
 */
export const LAMBDA_ESBUILD = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // The AWS SDK's ES modules tree-shake; its CommonJS builds do not.
  mainFields: ['module', 'main'],
  // Some dependencies still call require(); give the ESM bundle one.
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/**
 * Modules our functions replace at bundling (esbuild `alias`): a choice of our code, not a
 * build flag, so the benchmark's naive baseline does not get it (its lean variant does).
 * Paths are from the project root, where bundling resolves them.
 */
export const LAMBDA_MODULE_SUBSTITUTES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './functions/shared/lambda-credentials.ts',
  '@smithy/core/event-streams': './functions/shared/no-event-streams.ts',
  'mnemonist/lru-cache': './functions/shared/map-lru-cache.ts',
};

/** Substitutes of the same kind, for one importer only (infra/constructs/importer-substitutes.ts). */
export const LAMBDA_IMPORTER_SUBSTITUTES: ImporterSubstitute[] = [
  // middy imports Node's web streams for streamed responses, which none of our handlers sends.
  { importer: '[\\\\/]@middy[\\\\/]core[\\\\/]', modules: ['node:stream/web', 'node:stream/promises'], path: './functions/shared/middy-lazy-streams.ts' },
];

/**
 * What a function's bundle is built with from its organization's config (esbuild `define`):
 * the config itself (shared/bundled-config.ts).
 */
export function orgDefines(org: OrgConfig): Record<string, string> {
  return { __ORG_CONFIG_JSON__: JSON.stringify(JSON.stringify(org)) };
}

/** How one of our functions is bundled for an organization (PulseFunction; the benchmark builds the same). */
export function functionBundleRequest(entry: string, org: OrgConfig): Omit<LambdaBundleRequest, 'outfile'> {
  return { entry, define: orgDefines(org), alias: LAMBDA_MODULE_SUBSTITUTES, importerSubstitutes: LAMBDA_IMPORTER_SUBSTITUTES };
}

/** What one bundle is built from; plain data, so it can be handed to another process. */
export interface LambdaBundleRequest {
  /** The handler module, absolute or from the project root. */
  entry: string;
  /** The bundle to write (`index.mjs`); its source map is written beside it. */
  outfile: string;
  /** Identifiers replaced by literal source text, e.g. the org config built in. */
  define?: Record<string, string>;
  /** Module substitutes (`LAMBDA_MODULE_SUBSTITUTES` for our functions). */
  alias?: Record<string, string>;
  /** Substitutes for one importer (`LAMBDA_IMPORTER_SUBSTITUTES` for our functions). */
  importerSubstitutes?: ImporterSubstitute[];
  /** Where to find packages for an entry outside the project (the benchmark's baselines). */
  nodePaths?: string[];
}

/**
 * Builds one Lambda bundle with the platform's settings and the SDK schema plugin
 * (infra/constructs/sdk-schema-keys.ts). esbuild's plugins need its asynchronous API, which
 * is why CDK's synchronous bundling hands this to a process of its own (infra/bundle-lambda.ts).
 */
export async function bundleLambda(request: LambdaBundleRequest) {
  return build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    banner: { js: LAMBDA_ESBUILD.banner },
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [request.entry],
    outfile: request.outfile,
    bundle: true,
    define: request.define ?? {},
    alias: request.alias ?? {},
    nodePaths: request.nodePaths ?? [],
    tsconfig: resolve(PROJECT_ROOT, 'tsconfig.json'),
    plugins: [literalSdkSchemaKeys, sdkPackageVersionOnly, importerSubstitutes(PROJECT_ROOT, request.importerSubstitutes ?? [])],
    // Sizes belong in `npm run bench`; a synth or a test run prints only what went wrong.
    logLevel: 'error',
  });
}
