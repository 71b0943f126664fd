import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

/**
 * The SES identity of one sending domain. SES keeps one identity per domain for the whole
 * account and region, so it cannot belong to an organization's stack: two organizations on
 * one domain would both create it, and destroying either would delete it (and its DKIM
 * records' meaning) from under the other. Every organization on the domain synthesizes this
 * same stack, so deploying it again changes nothing, and the identity is kept when the stack
 * goes.
 */
export class SenderStack extends Stack {
  static nameFor(domain: string): string {
    return `CarePulse-sender-${domain.replaceAll('.', '-')}`;
  }

  constructor(scope: Construct, id: string, props: StackProps & { domain: string }) {
    // Protected: deleting it (say by `cdk destroy --all` for one organization) would keep the
    // identity but forget it, and the next deploy on the domain would fail to create it again.
    super(scope, id, { ...props, terminationProtection: true });
    const identity = new EmailIdentity(this, 'EmailIdentity', { identity: Identity.domain(props.domain) });
    identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}

/** The domain an organization's email is sent from. */
export function senderDomain(from: string): string {
  return from.split('@')[1]!.toLowerCase();
}
