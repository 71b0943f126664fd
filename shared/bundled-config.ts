import type { OrgConfig } from './domain/org-config.js';

/**
 * The organization's config as built into a Lambda bundle by esbuild (`define`). The CDK
 * app parses the org file with `orgConfigSchema` at synthesis and inlines that parse's
 * output, so the config in a bundle has already passed the schema. Checking it again on
 * every cold start cost about a quarter of the import time (a CPU profile of the bundle),
 * and even carrying the schema to do so cost a tenth: handlers run only from bundles
 * (the bundle tests load each one in plain Node), so there is no unchecked path to guard.
 */
declare const __ORG_CONFIG_JSON__: string | undefined;

export function bundledOrgConfig(): OrgConfig {
  if (typeof __ORG_CONFIG_JSON__ !== 'string')
    throw new Error('No organization config was built into this code: Lambda handlers run from the bundles the CDK app builds (`npm run synth`).');
  return JSON.parse(__ORG_CONFIG_JSON__) as OrgConfig;
}
