import { AssetHashType, Duration, RemovalPolicy, Stack, Validations, type ILocalBundling } from 'aws-cdk-lib';
import { functionBundleRequest, PROJECT_ROOT, type LambdaBundleRequest } from './lambda-esbuild.js';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays, type CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { PARTITION_PATTERNS, type ItemKind } from '../../shared/table.js';

/** DynamoDB item actions a function may be granted, by name. */
export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
const WRITE_ACTIONS = new Set<string>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** Some of a function's item access: these actions on items of these kinds. */
export interface ItemGrant {
  actions: DynamoAction[];
  kinds: ItemKind[];
  /** Only as part of a TransactWriteItems (`dynamodb:EnclosingOperation`). */
  inTransaction?: boolean;
  /**
   * Only these attributes may be named (`dynamodb:Attributes`, StringLike patterns): those
   * the update sets and those its condition reads, and the key.
   */
  attributes?: string[];
}

/** What an opt-out writes of a roster entry (and its condition reads): nothing else of it. */
export const OPT_OUT_ATTRIBUTES = ['pk', 'sk', 'emailOptOut', 'smsOptOut'];

/** What a function may do in the table. */
export interface TableAccess {
  items: ItemGrant[];
  /** Reads of a secondary index, by index name. */
  indexes?: { name: string; actions: ('Query' | 'Scan')[] }[];
  /** Table-level actions, e.g. DescribeTable for the admin CLI's first check. */
  table?: 'DescribeTable'[];
}

/** The statements that grant `access` on `table`. */
export function tableStatements(table: ITable, access: TableAccess): PolicyStatement[] {
  const statements = access.items.map(
    (grant) =>
      new PolicyStatement({
        actions: grant.actions.map((a) => `dynamodb:${a}`),
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': grant.kinds.map((kind) => PARTITION_PATTERNS[kind]),
            ...(grant.attributes ? { 'dynamodb:Attributes': grant.attributes } : {}),
          },
          // ForAllValues holds vacuously for a request that names no partition: require one.
          Null: { 'dynamodb:LeadingKeys': 'false' },
          ...(grant.inTransaction ? { StringEquals: { 'dynamodb:EnclosingOperation': 'TransactWriteItems' } } : {}),
        },
      }),
  );
  for (const index of access.indexes ?? [])
    statements.push(new PolicyStatement({ actions: index.actions.map((a) => `dynamodb:${a}`), resources: [`${table.tableArn}/index/${index.name}`] }));
  if (access.table?.length) statements.push(new PolicyStatement({ actions: access.table.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }));
  return statements;
}

/**
 * The use of the table's key that goes with `access`, through DynamoDB only: DynamoDB
 * decrypts (and for writes encrypts) with the caller's permission.
 */
export function keyStatement(key: IKey, access: TableAccess): PolicyStatement {
  return new PolicyStatement({
    actions: keyActionsFor(access),
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(key).region}.amazonaws.com` } },
  });
}

function keyActionsFor(access: TableAccess): string[] {
  const writes = access.items.some((grant) => grant.actions.some((a) => WRITE_ACTIONS.has(a)));
  return [
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] : []),
  ];
}

const RUNTIME = Runtime.NODEJS_22_X;

/**
 * Bundles a function on this machine with the project's own esbuild (infra/bundle-lambda.ts,
 * in a process of its own: CDK asks synchronously, esbuild's plugins answer asynchronously).
 * It bundles or fails with esbuild's message; it never hands over to Docker.
 */
class LocalLambdaBundling implements ILocalBundling {
  constructor(private readonly request: Omit<LambdaBundleRequest, 'outfile'>) {}

  tryBundle(outputDir: string): boolean {
    const request: LambdaBundleRequest = { ...this.request, outfile: join(outputDir, 'index.mjs') };
    try {
      execFileSync(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'infra/bundle-lambda.ts')], {
        cwd: PROJECT_ROOT,
        input: JSON.stringify(request),
        stdio: ['pipe', 'inherit', 'inherit'],
      });
    } catch (error) {
      throw new Error(`Could not bundle ${this.request.entry}: esbuild's message is above. If esbuild or tsx is missing, run npm ci in ${PROJECT_ROOT}.`, {
        cause: error,
      });
    }
    return true;
  }
}

export interface PulseFunctionProps {
  /** Path from the repository root to the handler file, e.g. `functions/api/handler.ts`. */
  entry: string;
  description: string;
  org: OrgConfig;
  /** Key that encrypts the function's log group. */
  logKey: IKey;
  /**
   * Concurrency reserved for the function (org config `deploy.reservedConcurrency`); unset,
   * it shares the account's pool, which is all a new account's quota allows.
   */
  reservedConcurrency?: number | undefined;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** For asynchronously invoked functions: where failed events go after retries. */
  deadLetterQueue?: IQueue;
}

/**
 * A Lambda function with the platform's defaults in one place: Node.js 22 on arm64, an
 * ESM bundle minified by esbuild with a source map beside it, the org config built in, JSON logs to
 * an encrypted log group with a retention period, X-Ray tracing, and a role that starts
 * with nothing but the right to write its own logs.
 */
export class PulseFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: PulseFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.logKey,
      removalPolicy: props.org.deploy.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // A role of our own, so the function gets no AWS managed policy and only what it binds.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${props.description} (${props.org.id})` });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`],
      }),
    );

    const bundling = new LocalLambdaBundling(functionBundleRequest(props.entry, props.org));
    this.fn = new LambdaFunction(this, 'Function', {
      // The asset is the bundle, so its hash is the bundle's: a change that leaves the bundle
      // the same deploys nothing. The project root is only where bundling starts from.
      code: Code.fromAsset(PROJECT_ROOT, { assetHashType: AssetHashType.OUTPUT, bundling: { image: RUNTIME.bundlingImage, local: bundling } }),
      handler: 'index.handler',
      description: props.description,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: props.environment,
    });
    // X-Ray needs these and they have no resource scope.
    this.role.addToPolicy(new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.' },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>:*]`,
        reason: 'Lambda writes to log streams it names at run time inside this one log group; the grant is limited to that group.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'Node.js 22 is the runtime the platform is built and tested for (LTS until April 2027); moving to 24 is a tested change, not a default.',
      },
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason:
          'The functions reach only AWS service endpoints (DynamoDB, SQS, SES, SNS) over TLS with IAM auth, and no private resource; a VPC would add NAT cost per organization without isolating anything.',
      },
      {
        id: 'HIPAA.Security-IAMNoInlinePolicy',
        reason: 'Each function has its own role whose policy lists exactly the actions and resources it uses; a shared managed policy would be broader.',
      },
    );
    if (props.reservedConcurrency === undefined) {
      Validations.of(this).acknowledge({
        id: 'HIPAA.Security-LambdaConcurrency',
        reason:
          'Concurrency is reserved only where the org config asks (deploy.reservedConcurrency): a new account cannot reserve any, and reserving per organization caps how many fit in one account. The API is bounded by its stage throttle, the senders by their queue mapping’s maximum concurrency.',
      });
    }
  }

  /**
   * Sets TABLE_NAME and grants the DynamoDB access the function's code uses, item kind by item
   * kind: each statement is held to those kinds' partition keys (`dynamodb:LeadingKeys`), so a
   * function that may put an action can put nothing else. Index reads, which IAM cannot hold
   * to a partition, are granted on the index alone. No wildcard actions: least privilege a
   * reviewer can read, and the deployed-paths test checks the code's every call against it.
   */
  bindTable(table: ITable, key: IKey, access: TableAccess) {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    for (const statement of tableStatements(table, access)) this.role.addToPolicy(statement);
    this.role.addToPolicy(keyStatement(key, access));
  }
}
