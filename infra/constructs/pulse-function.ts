import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LAMBDA_ESBUILD, LAMBDA_MODULE_SUBSTITUTES } from './lambda-esbuild.js';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays, type CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { OrgConfig } from '../../shared/domain/org-config.js';

/** DynamoDB actions a function may be granted, by name. */
export type DynamoAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
const WRITE_ACTIONS = new Set<DynamoAction>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

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
  readonly fn: NodejsFunction;
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

    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(ROOT, props.entry),
      projectRoot: ROOT,
      depsLockFilePath: resolve(ROOT, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
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
        POWERTOOLS_SERVICE_NAME: `care-pulse-${props.org.id}`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_ESBUILD.target,
        platform: LAMBDA_ESBUILD.platform,
        minify: LAMBDA_ESBUILD.minify,
        sourceMap: LAMBDA_ESBUILD.sourcemap,
        sourcesContent: LAMBDA_ESBUILD.sourcesContent,
        mainFields: [...LAMBDA_ESBUILD.mainFields],
        banner: LAMBDA_ESBUILD.banner,
        define: { __ORG_CONFIG_JSON__: JSON.stringify(JSON.stringify(props.org)) },
        externalModules: [],
        esbuildArgs: { '--alias': Object.entries(LAMBDA_MODULE_SUBSTITUTES).map(([module, substitute]) => `${module}=${substitute}`) },
        tsconfig: resolve(ROOT, 'tsconfig.json'),
        // Sizes belong in `npm run bench`; a synth or a test run prints only what went wrong.
        logLevel: LogLevel.ERROR,
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
