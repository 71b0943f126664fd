import { parseOrgConfig } from './config.js';
import type { OrgConfig } from './domain/org-config.js';

/**
 * The organization's config as built into a Lambda bundle by esbuild (`define`). The CDK
 * app parses the org file with `orgConfigSchema` at synthesis and inlines that parse's
 * output, so the config in a bundle has already passed the schema; parsing it again on
 * every cold start cost about a quarter of the import time (measured with a CPU profile in
 * `npm run bench`'s bundles section) and could not find anything new.
 */
declare const __ORG_CONFIG_JSON__: string | undefined;

export function bundledOrgConfig(): OrgConfig {
  if (typeof __ORG_CONFIG_JSON__ === 'string') return JSON.parse(__ORG_CONFIG_JSON__) as OrgConfig;
  // Outside a bundle (a hand-run handler, a test), the config comes unchecked: check it.
  const text = process.env.ORG_CONFIG_JSON;
  if (text === undefined) throw new Error('No organization config was built into this bundle, and ORG_CONFIG_JSON is not set.');
  return parseOrgConfig(text, 'ORG_CONFIG_JSON');
}
