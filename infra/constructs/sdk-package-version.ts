import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';

/** An AWS SDK package's own manifest, as its runtime config imports it (`../package.json`). */
export const SDK_PACKAGE_MANIFEST = /[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/;

/**
 * Every AWS SDK client imports its whole package.json to put its version in the user agent
 * (`packageInfo.version`, the only field any of them reads). Bundled, each manifest (scripts,
 * dependencies, exports map) becomes an object literal in the bundle's top-level
 * code, which the engine parses in full on every cold start, unlike function bodies it only
 * skims. The bundle keeps the version and drops the rest.
 */
export function versionOnlyManifest(manifest: string): string {
  const { version } = JSON.parse(manifest) as { version?: unknown };
  return JSON.stringify(typeof version === 'string' ? { version } : {});
}

export const sdkPackageVersionOnly: Plugin = {
  name: 'sdk-package-version-only',
  setup(build) {
    build.onLoad({ filter: SDK_PACKAGE_MANIFEST }, async ({ path }) => ({ contents: versionOnlyManifest(await readFile(path, 'utf8')), loader: 'json' }));
  },
};
