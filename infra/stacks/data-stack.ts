import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { TABLE } from '../../shared/table.js';
import { grantsOnlyForAwsServices } from '../constructs/key-policy.js';

export interface DataStackProps extends StackProps {
  org: OrgConfig;
}

/**
 * What holds data: the table (roster, token hashes, aggregates, waves) and the key that
 * encrypts it. Kept apart from the functions so code can be redeployed without touching it.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const keep = props.org.deploy.stage === 'prod';
    this.key = new Key(this, 'TableKey', {
      description: `Care Pulse ${props.org.id}: encrypts the table (roster contacts, token hashes, aggregates)`,
      enableKeyRotation: true,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    grantsOnlyForAwsServices(this.key);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: keep,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.table).acknowledge({
      id: 'HIPAA.Security-DynamoDBInBackupPlan',
      reason:
        'Point-in-time recovery keeps 35 days of continuous backups. A longer AWS Backup plan would keep old token states beside aggregates for longer than the privacy threat model allows (docs/privacy.md).',
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }
}
