import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { grantsOnlyForAwsServices } from '../constructs/key-policy.js';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { alarmAtLeast, functionErrorAlarm } from '../constructs/alarms.js';
import { Distribution } from '../constructs/distribution.js';
import { keyStatement, OPT_OUT_ATTRIBUTES, PulseFunction, tableStatements, type TableAccess } from '../constructs/pulse-function.js';

export interface ServiceStackProps extends StackProps {
  org: OrgConfig;
  table: ITable;
  tableKey: IKey;
}

/** The routes the API serves. Explicit, so access logs name a route and never a token. */
export const API_ROUTES: { path: string; methods: HttpMethod[] }[] = [
  { path: '/healthz', methods: [HttpMethod.GET] },
  { path: '/p/{token}', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/u/{staffId}/{token}', methods: [HttpMethod.GET, HttpMethod.POST] },
  { path: '/d/{link}', methods: [HttpMethod.GET] },
  { path: '/d/{link}/all', methods: [HttpMethod.GET] },
  { path: '/d/{link}/g/{department}', methods: [HttpMethod.GET] },
  { path: '/d/{link}/csv', methods: [HttpMethod.GET] },
  { path: '/d/{link}/comments', methods: [HttpMethod.GET] },
  { path: '/d/{link}/comments/csv', methods: [HttpMethod.GET] },
  { path: '/d/{link}/actions', methods: [HttpMethod.POST] },
  { path: '/d/{link}/actions/{actionId}', methods: [HttpMethod.POST] },
];

/**
 * What the internet-facing API may do in the table. It reads links, waves, published figures,
 * comments, actions, the dashboard key and (to unsubscribe) a roster entry. It writes only: a
 * token, an aggregate shard and a comment bucket inside a transaction, each only the attributes the submit names (those
 * it sets and those its condition reads, as IAM may count either); a roster entry's opt-out
 * flags; and leaders' actions. It cannot put, delete or batch-write anything else. IAM cannot
 * tell the submit's consume from an upsert in a transaction: the submit's condition does.
 */
export const API_TABLE_ACCESS: TableAccess = {
  items: [
    { actions: ['GetItem'], kinds: ['token', 'waves', 'published', 'dashboardKey', 'staff'] },
    { actions: ['Query'], kinds: ['waves', 'published', 'actions', 'comments'] },
    { actions: ['BatchGetItem'], kinds: ['published'] },
    { actions: ['UpdateItem'], kinds: ['token'], inTransaction: true, attributes: ['pk', 'sk', 'state', 'expiresAt', 'waveId', 'department', 'roleGroup'] },
    { actions: ['UpdateItem'], kinds: ['aggregate'], inTransaction: true, attributes: ['pk', 'sk', 'n', 'c_*', 'a_*', 'closed', 'reached'] },
    { actions: ['UpdateItem'], kinds: ['comments'], inTransaction: true, attributes: ['pk', 'sk', 'comments', 'expiresAt'] },
    { actions: ['UpdateItem'], kinds: ['staff'], attributes: OPT_OUT_ATTRIBUTES },
    { actions: ['PutItem'], kinds: ['actions'] },
  ],
};

/**
 * What an admin's shell needs for the CLI's commands on a deployed stack (`PULSE_TARGET=aws`):
 * the roster (import, delete on request, status), waves and their counts (status), the
 * dashboard key (a leader's link) and actions. It cannot read or write tokens, aggregates or
 * frozen counts (no figure for a unit under k), deliveries or the alert log.
 */
export const ADMIN_TABLE_ACCESS: TableAccess = {
  items: [
    { actions: ['UpdateItem', 'DeleteItem', 'BatchWriteItem'], kinds: ['staff'] },
    { actions: ['Query'], kinds: ['waves', 'actions'] },
    { actions: ['GetItem', 'PutItem'], kinds: ['dashboardKey'] },
    { actions: ['PutItem'], kinds: ['actions'] },
  ],
  indexes: [{ name: 'gsi1', actions: ['Scan'] }],
  table: ['DescribeTable'],
};

/**
 * Everything stateless: functions, the HTTP API, alarms. Redeploy it freely; the data
 * stack is untouched.
 */
export class ServiceStack extends Stack {
  readonly api: HttpApi;
  readonly apiFunction: PulseFunction;
  readonly alarmTopic: Topic;
  readonly opsKey: Key;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { org } = props;
    // The config refuses this already; a stack built in code must not slip past it.
    if (org.deploy.stage === 'prod' && !org.deploy.alarmEmail)
      throw new Error(`${org.id}: deploy.alarmEmail is required for a prod stack: alarms about failed sends, errors and throttles are emailed there.`);

    // One key for operational data (logs, alarm topic); the services that write there may use it.
    // Kept with a prod stack's logs, which it encrypts; a dev stack goes whole.
    const removalPolicy = org.deploy.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.opsKey = new Key(this, 'OpsKey', { description: `Care Pulse ${org.id}: encrypts logs and the alarm topic`, enableKeyRotation: true, removalPolicy });
    grantsOnlyForAwsServices(this.opsKey);
    this.opsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );
    this.opsKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `Care Pulse ${org.name} alarms`, masterKey: this.opsKey, enforceSSL: true });
    if (org.deploy.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(org.deploy.alarmEmail));

    this.apiFunction = new PulseFunction(this, 'ApiFunction', {
      entry: 'functions/api/handler.ts',
      description: 'Care Pulse API: pulse page, submit, health',
      org,
      logKey: this.opsKey,
      reservedConcurrency: org.deploy.reservedConcurrency?.api,
      memorySize: 1024,
      timeout: Duration.seconds(10),
    });
    this.apiFunction.bindTable(props.table, props.tableKey, API_TABLE_ACCESS);
    Validations.of(this.apiFunction).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'API Gateway invokes this function synchronously; a failure is answered to the person at once and alarmed, and a dead-letter queue only applies to asynchronous invocations.',
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: this.opsKey, removalPolicy });
    const domainName = org.deploy.domain
      ? new DomainName(this, 'Domain', {
          domainName: org.deploy.domain.name,
          certificate: Certificate.fromCertificateArn(this, 'Certificate', org.deploy.domain.certificateArn),
        })
      : undefined;
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `care-pulse-${org.id}`,
      description: `Care Pulse for ${org.name}`,
      createDefaultStage: false,
      // No CORS: every page and form is served from this origin, and nothing is fetched from another.
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: org.deploy.apiRateLimit, burstLimit: org.deploy.apiBurstLimit },
      ...(domainName ? { domainMapping: { domainName } } : {}),
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Route keys, not paths: a path carries the token. No source IP or user agent either.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.fn);
    for (const route of API_ROUTES) this.api.addRoutes({ path: route.path, methods: route.methods, integration });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Staff answer without logging in, by design: the 128-bit single-use token in the link is the credential, checked by the function. The health check is public.',
    });

    const alarmAction = new SnsAction(this.alarmTopic);
    alarmAtLeast(
      this,
      'Api5xxAlarm',
      {
        description: 'The pulse API answered 5xx: people may be unable to submit.',
        metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 5,
      },
      alarmAction,
    );
    functionErrorAlarm(this, 'ApiErrorsAlarm', this.apiFunction, alarmAction);
    const tableOperations = [
      Operation.GET_ITEM,
      Operation.BATCH_GET_ITEM,
      Operation.QUERY,
      Operation.SCAN,
      Operation.PUT_ITEM,
      Operation.UPDATE_ITEM,
      Operation.DELETE_ITEM,
      Operation.BATCH_WRITE_ITEM,
      Operation.TRANSACT_WRITE_ITEMS,
    ];
    // The SDK retries throttled requests; this many in five minutes means some gave up (a 503 to staff, a failed job).
    alarmAtLeast(
      this,
      'TableThrottlesAlarm',
      {
        description: 'DynamoDB throttled requests to the table: answers may have been refused with "try again" or jobs slowed.',
        metric: props.table.metricThrottledRequestsForOperations({ operations: tableOperations, period: Duration.minutes(5) }),
        threshold: 10,
      },
      alarmAction,
    );
    alarmAtLeast(
      this,
      'TableSystemErrorsAlarm',
      {
        description: 'DynamoDB answered requests to the table with internal errors.',
        metric: props.table.metricSystemErrorsForOperations({ operations: tableOperations, period: Duration.minutes(5) }),
        threshold: 1,
      },
      alarmAction,
    );

    const publicBaseUrl = domainName ? `https://${org.deploy.domain!.name}` : this.api.apiEndpoint;
    this.distribution = new Distribution(this, 'Distribution', {
      org,
      table: props.table,
      tableKey: props.tableKey,
      opsKey: this.opsKey,
      publicBaseUrl,
      alarmAction,
    });

    // The admins' policy, to attach to the role or group an admin's shell uses (docs/deploy.md).
    const adminPolicy = new ManagedPolicy(this, 'AdminPolicy', {
      description: `Care Pulse admin CLI for ${org.id}: roster, status, dashboard links and actions on this organization's table`,
      statements: [...tableStatements(props.table, ADMIN_TABLE_ACCESS), keyStatement(props.tableKey, ADMIN_TABLE_ACCESS)],
    });
    new CfnOutput(this, 'AdminPolicyArn', {
      value: adminPolicy.managedPolicyArn,
      description: 'Attach to the role an admin runs the CLI with (PULSE_TARGET=aws)',
    });

    new CfnOutput(this, 'PulseUrl', { value: publicBaseUrl, description: 'Base URL of pulse links (PULSE_BASE_URL for the admin CLI)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    // What an admin needs to run the CLI against this stack, and to run a job by hand.
    new CfnOutput(this, 'TableName', { value: props.table.tableName, description: 'TABLE_NAME for the admin CLI (PULSE_TARGET=aws)' });
    new CfnOutput(this, 'DispatchFunctionName', {
      value: this.distribution.dispatch.fn.functionName,
      description: 'Runs a wave action: aws lambda invoke --payload {"action":"open"|"remind"|"close"|"tick"}',
    });
    new CfnOutput(this, 'AlertsFunctionName', {
      value: this.distribution.alerts.fn.functionName,
      description: 'Sends the digests of the newest closed wave (once per leader)',
    });
  }
}
