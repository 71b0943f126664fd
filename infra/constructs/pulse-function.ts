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

/** DynamoDB actions a function may be granted, by name. */
export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
const WRITE_ACTIONS = new Set<DynamoAction>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

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
      execFileSync(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'infra/bundle-lambda.ts')], { cwd: PROJECT_ROOT, input: JSON.stringify(request), stdio: ['pipe', 'inherit', 'inherit'] });
    } catch (error) {
      throw new Error(`Could not bundle ${this.request.entry}: esbuild's message is above. If esbuild or tsx is missing, run npm ci in ${PROJECT_ROOT}.`, { cause: error });
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
  /** At most this many concurrent executions, so a burst cannot starve the account. */
  reservedConcurrency: number;
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
      retention: RetentionDays.SIX_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: props.org.deploy.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // A role of our own, so the function gets no AWS managed policy and only what it binds.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${props.description} (${props.org.id})` });
    this.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`] }));

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
      reservedConcurrentExecutions: props.reservedConcurrency,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
    });
    // X-Ray needs these and they have no resource scope.
    this.role.addToPolicy(new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.' },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>:*]`,
        reason: 'Lambda writes to log streams it names at run time inside this one log group; the grant is limited to that group.',
      },
      { id: 'AwsSolutions-L1', reason: 'Node.js 22 is the runtime the platform is built and tested for (LTS until April 2027); moving to 24 is a tested change, not a default.' },
      {
        id: 'HIPAA.Security-LambdaInsideVPC',
        reason: 'The functions reach only AWS service endpoints (DynamoDB, SQS, SES, SNS) over TLS with IAM auth, and no private resource; a VPC would add NAT cost per organization without isolating anything.',
      },
      {
        id: 'HIPAA.Security-IAMNoInlinePolicy',
        reason: 'Each function has its own role whose policy lists exactly the actions and resources it uses; a shared managed policy would be broader.',
      },
    );
  }

  /**
   * Sets TABLE_NAME and grants exactly the DynamoDB actions the function uses, on the table
   * (and the named indexes only when asked), with the matching use of the table's key.
   * No wildcards: least privilege a reviewer can read.
   */
  bindTable(table: ITable, key: IKey, access: { actions: DynamoAction[]; indexes?: string[] }) {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    const resources = [table.tableArn, ...(access.indexes ?? []).map((index) => `${table.tableArn}/index/${index}`)];
    this.role.addToPolicy(new PolicyStatement({ actions: access.actions.map((a) => `dynamodb:${a}`), resources }));
    const writes = access.actions.some((a) => WRITE_ACTIONS.has(a));
    const keyActions = ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] : [])];
    this.role.addToPolicy(new PolicyStatement({ actions: keyActions, resources: [key.keyArn] }));
  }
}
