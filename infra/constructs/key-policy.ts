import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';

/**
 * Lets grants on the key be made only for AWS resources or by AWS services (DynamoDB makes
 * the table's own; CloudWatch Logs and SNS use the key directly): nobody can hand its use to
 * another principal with a grant, which IAM policies would not show.
 */
export function grantsOnlyForAwsServices(key: Key) {
  key.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
}
