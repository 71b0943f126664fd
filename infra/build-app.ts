import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { OrgConfig } from '../shared/domain/org-config.js';
import { DataStack } from './stacks/data-stack.js';
import { SenderStack, senderDomain } from './stacks/sender-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** Stack names derive from the org id, so two organizations never collide in one account. */
export function stackNames(org: OrgConfig) {
  const base = `CarePulse-${org.id}`;
  return { data: `${base}-data`, service: base };
}

/**
 * The AWS Control Tower guard rules our templates break on purpose, by rule file name
 * (`ct-<service>-pr-<n>`, as the report's `[CT.<SERVICE>.PR.<N>]` writes it), each with the
 * resources it concerns and why it does not apply or what stands in for it. A disabled rule
 * is off for every resource, so a reason must hold for any resource of that type we add.
 */
export const DISABLED_GUARD_RULES: Readonly<Record<string, string>> = {
  'ct-apigateway-pr-5':
    'HTTP API routes without an authorizer, by design: staff answer without logging in, and the single-use 128-bit token of a pulse or unsubscribe link, or the signed dashboard link, is the credential, checked by the API function; the health check is public (as acknowledged for AwsSolutions-APIG4).',
  'ct-lambda-pr-2':
    "The rule misreads our permissions: each AWS::Lambda::Permission lets apigateway.amazonaws.com invoke the API function from one route of this stack's HTTP API, named by a SourceArn that CDK builds with Fn::Join from the API's id, and the rule accepts only a literal string or a bare Ref or GetAtt there.",
  'ct-lambda-pr-3':
    'The functions reach only AWS service endpoints (DynamoDB, SQS, SES, SNS, Secrets Manager) over TLS with IAM auth, and no private resource; a VPC would add NAT or endpoint cost per organization without isolating anything (as acknowledged for HIPAA.Security-LambdaInsideVPC).',
};

/**
 * Builds one organization's stacks on an App, with both cdk-nag packs and the AWS Control
 * Tower guard rules (cfn-guard, less DISABLED_GUARD_RULES). Used by
 * infra/app.ts (cdk synth/deploy) and by the infrastructure tests.
 */
export function buildApp(app: App, org: OrgConfig) {
  const names = stackNames(org);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, names.data, { org, env, description: `Care Pulse data for ${org.name}: table and key` });
  const service = new ServiceStack(app, names.service, {
    org,
    env,
    table: data.table,
    tableKey: data.key,
    description: `Care Pulse service for ${org.name}: functions, API, alarms`,
  });
  // Shared by every organization sending from the domain: made once however many build it.
  const domain = senderDomain(org.channels.email.from);
  const senderName = SenderStack.nameFor(domain);
  const sender =
    org.channels.email.identity === 'create'
      ? ((app.node.tryFindChild(senderName) as SenderStack | undefined) ??
        new SenderStack(app, senderName, {
          env,
          domain,
          description: `Care Pulse sender identity for ${domain}, shared by every organization sending from it; kept when they go`,
        }))
      : undefined;
  for (const stack of [data, service]) {
    Tags.of(stack).add('care-pulse:org', org.id);
  }
  if (sender) service.addStackDependency(sender, 'the organization sends from the identity this stack verifies');
  // cdk-nag findings we accept are acknowledged where the resource is made, each with its
  // reason (Validations.of(construct).acknowledge in stacks/ and constructs/); guard rules we
  // break are disabled above; any other finding fails synthesis.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    // cfn-guard reports on every rule it runs, passed ones too: for our two stacks, near
    // what Node gives a child process's output by default.
    new CfnGuardValidator({ disabledRules: Object.keys(DISABLED_GUARD_RULES), maxBuffer: 16 * 1024 * 1024 }),
  );
  return { data, service, sender };
}
