import { beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrgConfig } from '../../shared/config.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { synthesize, synthesizeTogether } from '../support/synth.js';

let demo: OrgConfig;
let synth: ReturnType<typeof synthesize>;
/**
 * The demo with every deploy setting an org file can add or change turned on at once: each is
 * checked where it matters below, and together they must still pass every rule. One synthesis
 * rather than one each, as each costs seconds of cdk-nag and cfn-guard.
 */
let optional: ReturnType<typeof synthesize>;

beforeAll(async () => {
  demo = await loadOrgConfig('orgs/demo.json');
  synth = synthesize(demo);
  optional = synthesize({
    ...demo,
    channels: { ...demo.channels, email: { ...demo.channels.email, identity: 'existing' } },
    deploy: {
      ...demo.deploy,
      stage: 'dev',
      alarmEmail: 'on-call@riverside.example',
      reservedConcurrency: { api: 40, dispatch: 1, alerts: 1, send: 2 },
      domain: { name: 'pulse.riverside.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    },
  });
}, 180_000);

/** The IAM actions granted to the role of a function whose logical id starts with `prefix`. */
function actionsOf(template: Template, prefix: string): string[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const actions = Object.entries(policies)
    .filter(([id]) => id.startsWith(prefix))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
  return [...new Set(actions)].sort();
}

describe('the demo organization stacks', () => {
  it('synthesize with the AwsSolutions and HIPAA.Security packs and nothing unacknowledged', () => {
    const report = JSON.parse(readFileSync(join(synth.outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
    expect(synth.assembly.stacks.map((s) => s.stackName).sort()).toEqual(['CarePulse-demo', 'CarePulse-demo-data', 'CarePulse-sender-riverside-example']);
  });

  it('fail synthesis when a resource breaks a rule nobody acknowledged', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    expect(() => synthesize(demo, { tweak: ({ service }) => new Topic(service, 'UnencryptedTopic'), outdir })).toThrow();
    const report = readFileSync(join(outdir, 'validation-report.json'), 'utf8');
    expect(report).toContain('AwsSolutions-SNS3');
    expect(report).toContain('HIPAA.Security-SNSEncryptedKMS');
    expect(report).toContain('UnencryptedTopic');
  });

  it('keep the table apart from the functions, named after the organization', () => {
    synth.data.resourceCountIs('AWS::DynamoDB::Table', 1);
    synth.service.resourceCountIs('AWS::DynamoDB::Table', 0);
    synth.data.resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('the table', () => {
  it('is on demand, with point-in-time recovery, a TTL, the roster index and deletion protection', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
    });
  });

  it('has no stream, so no change log could pair a used token with a counter update', () => {
    const table = Object.values(synth.data.findResources('AWS::DynamoDB::Table'))[0]!;
    expect(table.Properties.StreamSpecification).toBeUndefined();
  });

  it('is encrypted with a customer-managed key that rotates, and both are retained outside dev', () => {
    synth.data.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('TableKey'), 'Arn'] }) },
    });
    synth.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth.data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    synth.data.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  it('can be deleted with its stack in a dev deployment, keys and log groups too', () => {
    const dev = optional;
    dev.data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    dev.data.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    for (const template of [dev.data, dev.service]) {
      for (const type of ['AWS::KMS::Key', 'AWS::Logs::LogGroup'])
        for (const [id, resource] of Object.entries(template.findResources(type))) expect(resource.DeletionPolicy, id).toBe('Delete');
    }
  });
});

describe('the API function', () => {
  it('runs Node.js 22 on arm64 with tracing and JSON logs, reserving no concurrency unless the org file asks', () => {
    synth.service.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: Match.absent(),
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), NODE_OPTIONS: Match.absent() }) },
    });
  });

  it('has roles of its own, with no AWS managed policy: what each may do is in the template, checked against the code by test/infra/deployed-paths.test.ts', () => {
    const roles = synth.service.findResources('AWS::IAM::Role');
    const ours = Object.entries(roles).filter(([id]) => /^(ApiFunction|Distribution(Dispatch|Send|SendSms|Alerts))Role/.test(id));
    expect(ours).toHaveLength(5);
    for (const [id, role] of ours) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
  });

  it('reserves the concurrency the org file asks for, function by function', () => {
    const byDescription = Object.fromEntries(
      Object.values(optional.service.findResources('AWS::Lambda::Function')).map((f) => [
        String(f.Properties.Description).split(':')[0],
        f.Properties.ReservedConcurrentExecutions,
      ]),
    );
    expect(byDescription).toMatchObject({
      'Care Pulse API': 40,
      'Care Pulse dispatch': 1,
      'Care Pulse alerts': 1,
      'Care Pulse send email': 2,
      'Care Pulse send SMS': 2,
    });
  });

  it('logs to encrypted log groups with a retention period', () => {
    const groups = synth.service.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBeGreaterThanOrEqual(2);
    for (const group of Object.values(groups)) {
      expect(group.Properties.KmsKeyId).toBeDefined();
      expect(group.Properties.RetentionInDays).toBe(365);
    }
  });
});

describe('the HTTP API', () => {
  it('serves the pulse, unsubscribe and dashboard routes (every group, a group, comments, the CSVs and action forms) and the health check, and nothing else', () => {
    const routes = Object.values(synth.service.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual([
      'GET /d/{link}',
      'GET /d/{link}/all',
      'GET /d/{link}/comments',
      'GET /d/{link}/comments/csv',
      'GET /d/{link}/csv',
      'GET /d/{link}/g/{department}',
      'GET /healthz',
      'GET /p/{token}',
      'GET /u/{staffId}/{token}',
      'POST /d/{link}/actions',
      'POST /d/{link}/actions/{actionId}',
      'POST /p/{token}',
      'POST /u/{staffId}/{token}',
    ]);
  });

  it('outputs what an admin needs: the pulse URL and table for the CLI, and the functions to run a job by hand', () => {
    const outputs = synth.service.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['PulseUrl', 'TableName', 'DispatchFunctionName', 'AlertsFunctionName']));
    expect(JSON.stringify(outputs.DispatchFunctionName!.Value)).toContain('DistributionDispatchFunction');
    expect(JSON.stringify(outputs.AlertsFunctionName!.Value)).toContain('DistributionAlertsFunction');
  });

  it('throttles and writes access logs that name the route, never the path, query or caller', () => {
    const stage = Object.values(synth.service.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(format).toContain('$context.routeKey');
    expect(format).not.toMatch(/\$context\.(path|resourcePath|identity|requestOverride)|querystring|sourceIp|userAgent/i);
  });

  it('maps a custom domain when the organization names one', () => {
    synth.service.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    optional.service.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'pulse.riverside.example' });
    optional.service.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });
});

describe('alarms', () => {
  it('page the admins on API 5xx and function errors, through an encrypted topic', () => {
    const alarms = Object.values(synth.service.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName).sort();
    expect(metrics).toEqual(expect.arrayContaining(['5xx', 'Errors']));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    synth.service.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('email the address the organization gives', () => {
    synth.service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'it@riverside.example' });
    optional.service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'on-call@riverside.example' });
    optional.service.resourceCountIs('AWS::SNS::Subscription', 1);
  });
});

describe('every function of ours', () => {
  it('runs Node.js 22 on arm64 with JSON logs to its own encrypted log group, and tracing', () => {
    const functions = Object.values(synth.service.findResources('AWS::Lambda::Function')).filter((f) =>
      String(f.Properties.Description).startsWith('Care Pulse'),
    );
    expect(functions.map((f) => String(f.Properties.Description).split(':')[0]).sort()).toEqual([
      'Care Pulse API',
      'Care Pulse alerts',
      'Care Pulse dispatch',
      'Care Pulse send SMS',
      'Care Pulse send email',
    ]);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });

  it('sends asynchronous failures of the scheduled functions to a dead-letter queue', () => {
    const scheduled = Object.values(synth.service.findResources('AWS::Lambda::Function')).filter((f) =>
      /dispatch|alerts/.test(String(f.Properties.Description)),
    );
    expect(scheduled).toHaveLength(2);
    for (const fn of scheduled) expect(fn.Properties.DeadLetterConfig?.TargetArn).toBeDefined();
  });
});

describe('distribution', () => {
  it('schedules open, remind, close, an hourly tick and the alert run in the organization’s time zone', () => {
    const schedules = Object.values(synth.service.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    const expressions = schedules.map((s) => s.ScheduleExpression).sort();
    expect(expressions).toEqual(['cron(0 10 * * ? *)', 'cron(0 10 * * ? *)', 'cron(0 10 ? * TUE *)', 'cron(0 11 * * ? *)', 'rate(1 hour)'].sort());
    for (const schedule of schedules.filter((s) => String(s.ScheduleExpression).startsWith('cron')))
      expect(schedule.ScheduleExpressionTimezone).toBe('America/Chicago');
    const actions = schedules.map((s) => JSON.parse(s.Target.Input).action).sort();
    expect(actions).toEqual(['alerts', 'close', 'open', 'remind', 'tick']);
    for (const schedule of schedules) expect(schedule.Target.DeadLetterConfig).toBeDefined();
  });

  it('queues each channel’s deliveries on a queue of its own with its own dead-letter queue, encrypted and TLS-only', () => {
    const queues = synth.service.findResources('AWS::SQS::Queue');
    const deliveryQueues = Object.entries(queues).filter(([, q]) => q.Properties.RedrivePolicy !== undefined);
    expect(deliveryQueues.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['DistributionDeliveryQueue', 'DistributionSmsDeliveryQueue']);
    for (const [, queue] of deliveryQueues)
      expect(queue.Properties).toMatchObject({ RedrivePolicy: { deadLetterTargetArn: expect.anything(), maxReceiveCount: 5 }, VisibilityTimeout: 1020 });
    // Each its own dead letters.
    expect(new Set(deliveryQueues.map(([, q]) => JSON.stringify(q.Properties.RedrivePolicy.deadLetterTargetArn))).size).toBe(2);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(synth.service.findResources('AWS::SQS::QueuePolicy'));
    expect(policies.length).toBe(5);
    for (const policy of policies) expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it('keeps the single send function’s resources as the email sender’s, so an upgrade keeps its queue and what waits on it', () => {
    // Logical ids of the stack before sending was split by channel (commit 1e68651): CloudFormation
    // updates a resource whose id stays and replaces one whose id changes, deleting the old.
    const before = {
      'AWS::SQS::Queue': ['DistributionDeliveryQueue215E3463', 'DistributionDeliveryDeadLettersB0ED3300'],
      'AWS::Lambda::Function': ['DistributionSendFunction1AC55231'],
      'AWS::Lambda::EventSourceMapping': ['DistributionSendFunctionSqsEventSourceCarePulsedemoDistributionDeliveryQueueB38237527049C1BB'],
      'AWS::IAM::Role': ['DistributionSendRole0B916DA6'],
      'AWS::CloudWatch::Alarm': ['DistributionDeliveryDeadLettersAlarm3EE53EE8', 'DistributionSendErrorsAlarmE6AEB25B'],
    };
    for (const [type, ids] of Object.entries(before)) {
      const now = Object.keys(synth.service.findResources(type));
      for (const id of ids) expect(now, type).toContain(id);
    }
    const emailSender = synth.service.findResources('AWS::Lambda::Function')['DistributionSendFunction1AC55231']!;
    expect(emailSender.Properties.Description).toMatch(/^Care Pulse send email:/);
  });

  it('feeds each send function 25 deliveries at a time from its channel’s queue (waiting up to a second to fill a batch) and retries only the failed ones', () => {
    const mappings = Object.values(synth.service.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings)
      expect(mapping).toMatchObject({
        BatchSize: 25,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    expect(new Set(mappings.map((m) => JSON.stringify(m.EventSourceArn))).size).toBe(2);
    expect(new Set(mappings.map((m) => JSON.stringify(m.FunctionName))).size).toBe(2);
  });

  it('gives the dispatch function a dead-letter queue for failed scheduled runs', () => {
    synth.service.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('dispatch'),
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Timeout: 900,
    });
  });

  it('deploys a sender, a queue and their permission only for the channels the organization has on, and none for none', () => {
    const functionsOf = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((f) => String(f.Properties.Description).split(':')[0]!)
        .filter((d) => d.startsWith('Care Pulse send'));
    const emailOnly = synthesize({ ...demo, channels: { ...demo.channels, sms: { enabled: false, maxPerSecond: 1 } } });
    expect(functionsOf(emailOnly.service)).toEqual(['Care Pulse send email']);
    expect(Object.keys(emailOnly.service.findResources('AWS::Lambda::EventSourceMapping'))).toHaveLength(1);
    expect(
      Object.values(emailOnly.service.findResources('AWS::IAM::Policy'))
        .flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()))
        .filter((a: string) => a.startsWith('sns:')),
    ).toEqual([]);
    expect(Object.keys(emailOnly.service.findResources('Custom::AWS'))).toEqual([]);
    expect(
      Object.values(emailOnly.service.findResources('AWS::Lambda::Function')).find((f) => /dispatch/.test(String(f.Properties.Description)))!.Properties
        .Environment.Variables,
    ).not.toHaveProperty('SMS_DELIVERY_QUEUE_URL');
    const none = synthesize({ ...demo, channels: { email: { ...demo.channels.email, enabled: false } } });
    expect(functionsOf(none.service)).toEqual([]);
    const dispatchEnv = Object.values(none.service.findResources('AWS::Lambda::Function')).find((f) => /dispatch/.test(String(f.Properties.Description)))!
      .Properties.Environment.Variables;
    expect(Object.keys(dispatchEnv).filter((name) => name.endsWith('_QUEUE_URL'))).toEqual([]);
    const smsOnly = synthesize({ ...demo, channels: { email: { ...demo.channels.email, enabled: false }, sms: { enabled: true, maxPerSecond: 3 } } });
    expect(functionsOf(smsOnly.service)).toEqual(['Care Pulse send SMS']);
    expect(actionsOf(smsOnly.service, 'DistributionSendSmsRole').filter((a) => a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([
      'sns:CheckIfPhoneNumberIsOptedOut',
      'sns:Publish',
    ]);
    // Leaders' digests still go by email.
    expect(actionsOf(smsOnly.service, 'DistributionAlertsRole')).toContain('ses:SendEmail');
  }, 120_000);

  it('changes no account-wide SMS setting: texts are sent as transactional one by one, and the spend cap is the account’s', () => {
    expect(Object.keys(synth.service.findResources('Custom::AWS'))).toEqual([]);
    expect(JSON.stringify(synth.service.toJSON())).not.toContain('SetSMSAttributes');
  });

  it('sends email through a configuration set of its own, from a domain identity kept in a stack of its own', () => {
    synth.service.resourceCountIs('AWS::SES::EmailIdentity', 0);
    synth.service.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    const sender = Template.fromStack(synth.stacks.sender!);
    expect(synth.stacks.sender!.stackName).toBe('CarePulse-sender-riverside-example');
    sender.hasResource('AWS::SES::EmailIdentity', {
      Properties: { EmailIdentity: 'riverside.example' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(synth.stacks.sender!.terminationProtection).toBe(true);
  });

  it('alarm on refused sends, links or dead letters left waiting, throttles, bounces and complaints, and schedules that failed', () => {
    const alarms = Object.values(synth.service.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const counter = (name: string) =>
      alarms
        .filter((a) => a.Namespace === 'CarePulse' && a.MetricName === name)
        .map((a) => Object.fromEntries((a.Dimensions as { Name: string; Value: string }[]).map((d) => [d.Name, d.Value])));
    expect(counter('MessagesRefused')).toEqual(
      expect.arrayContaining([
        { org: 'demo', service: 'send-email' },
        { org: 'demo', service: 'send-sms' },
      ]),
    );
    expect(counter('DigestsRefused')).toEqual([{ org: 'demo', service: 'alerts' }]);
    expect(counter('ReachNotCounted')).toEqual(
      expect.arrayContaining([
        { org: 'demo', service: 'send-email' },
        { org: 'demo', service: 'send-sms' },
      ]),
    );
    expect(alarms.filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage')).toHaveLength(5);
    expect(
      alarms
        .filter((a) => a.Namespace === 'AWS/SES')
        .map((a) => a.MetricName)
        .sort(),
    ).toEqual(['Reputation.BounceRate', 'Reputation.ComplaintRate']);
    expect(
      alarms
        .filter((a) => a.Namespace === 'AWS/Scheduler')
        .map((a) => a.MetricName)
        .sort(),
    ).toEqual(['InvocationDroppedCount', 'TargetErrorCount']);
    // Throttles and system errors, summed over the table's operations.
    expect(alarms.filter((a) => JSON.stringify(a.Metrics ?? '').includes('ThrottledRequests'))).toHaveLength(1);
    expect(alarms.filter((a) => JSON.stringify(a.Metrics ?? '').includes('SystemErrors'))).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.AlarmActions, String(alarm.AlarmDescription)).toHaveLength(1);
  });

  it('alarm when deliveries or scheduled runs land in a dead-letter queue', () => {
    const alarms = Object.values(synth.service.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(5);
  });
});

describe('many organizations in one account', () => {
  it('synthesize side by side, sharing the sender identity of their common domain once, and no resource of one named like one of the other', () => {
    const northside = { ...demo, id: 'northside', name: 'Northside Clinics' };
    const assembly = synthesizeTogether([demo, northside]);
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'CarePulse-demo',
      'CarePulse-demo-data',
      'CarePulse-northside',
      'CarePulse-northside-data',
      'CarePulse-sender-riverside-example',
    ]);
    const templates = assembly.stacks.map((s) => s.template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> });
    const resources = templates.flatMap((t) => Object.values(t.Resources));
    expect(resources.filter((r) => r.Type === 'AWS::SES::EmailIdentity')).toHaveLength(1);
    // Account-wide settings belong to no organization's stack.
    expect(resources.filter((r) => r.Type === 'Custom::AWS' || r.Type === 'AWS::SES::DedicatedIpPool' || r.Type === 'AWS::SMSVOICE::ConfigurationSet')).toEqual(
      [],
    );
    const named = resources.flatMap((r) =>
      ['Name', 'ApiName', 'TopicName', 'QueueName', 'FunctionName', 'TableName', 'LogGroupName', 'RoleName', 'ManagedPolicyName', 'AliasName'].flatMap((key) =>
        typeof r.Properties?.[key] === 'string' ? [`${r.Type} ${String(r.Properties[key])}`] : [],
      ),
    );
    expect(named.filter((name, index) => named.indexOf(name) !== index)).toEqual([]);
    for (const fn of resources.filter((r) => r.Type === 'AWS::Lambda::Function')) expect(fn.Properties?.ReservedConcurrentExecutions).toBeUndefined();
  }, 120_000);

  it('leave a domain verified outside Care Pulse to its owner', () => {
    expect(optional.stacks.sender).toBeUndefined();
    expect(optional.assembly.stacks.map((s) => s.stackName).sort()).toEqual(['CarePulse-demo', 'CarePulse-demo-data']);
    optional.service.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });
});
