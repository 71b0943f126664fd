/**
 * The esbuild settings every function is bundled with. The benchmark builds its baseline
 * bundles with exactly these, so a ratio compares code, not build flags.
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
