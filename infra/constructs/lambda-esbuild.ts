/**
 * The esbuild settings every function is bundled with. The benchmark builds its baseline
 * bundles with exactly these, so a ratio compares code, not build flags.
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
 * esbuild resolves an alias from its working directory, the project root, whether CDK
 * bundles here or in its Docker image (where the project is mounted elsewhere).
 */
export const LAMBDA_MODULE_SUBSTITUTES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './functions/shared/lambda-credentials.ts',
  '@smithy/core/event-streams': './functions/shared/no-event-streams.ts',
};
