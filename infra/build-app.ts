import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { OrgConfig } from '../shared/domain/org-config.js';
import { DataStack } from './stacks/data-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** Stack names derive from the org id, so two organizations never collide in one account. */
export function stackNames(org: OrgConfig) {
  const base = `CarePulse-${org.id}`;
  return { data: `${base}-data`, service: base };
}

/**
 * Builds one organization's stacks on an App, with both cdk-nag packs. Used by
 * infra/app.ts (cdk synth/deploy) and by the infrastructure tests.
 */
export function buildApp(app: App, org: OrgConfig) {
  const names = stackNames(org);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, names.data, { org, env, description: `Care Pulse data for ${org.name}: table and key` });
  const service = new ServiceStack(app, names.service, { org, env, table: data.table, tableKey: data.key, description: `Care Pulse service for ${org.name}: functions, API, alarms` });
  for (const stack of [data, service]) {
    Tags.of(stack).add('care-pulse:org', org.id);
  }
  // Findings we accept are acknowledged where the resource is made, each with its reason
  // (Validations.of(construct).acknowledge in stacks/ and constructs/); any other finding
  // fails synthesis.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new HIPAASecurityChecks(app, { verbose: true }));
  return { data, service };
}
