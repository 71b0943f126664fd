import { parseOrgConfig } from './config.js';
import type { OrgConfig } from './domain/org-config.js';

declare const __ORG_CONFIG_JSON__: string | undefined;

/**
 * The organization's config as built into a Lambda bundle. The CDK stack checks the file
 * at synthesis and esbuild inlines it here (`define`), so a function never starts with a
 * config that did not pass the schema, and no config lives in environment variables
 * (which are limited to 4 KB).
 */
export function bundledOrgConfig(): OrgConfig {
  const text = typeof __ORG_CONFIG_JSON__ === 'string' ? __ORG_CONFIG_JSON__ : process.env.ORG_CONFIG_JSON;
  if (text === undefined) throw new Error('No organization config was built into this bundle (ORG_CONFIG_JSON).');
  return parseOrgConfig(text, 'bundled org config');
}
