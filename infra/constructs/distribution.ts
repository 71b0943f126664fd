import { Duration, RemovalPolicy, Stack, TimeZone, Token, Validations } from 'aws-cdk-lib';
import type { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleSpecs } from '../../shared/domain/cadence.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { channelsOn, type Channel } from '../../shared/domain/staff.js';
import { DELIVERY_BATCH_SIZE, STALE_CLAIM_MS } from '../../shared/ports/delivery-queue.js';
import { ALERT_CLAIM_STALE_MS } from '../../shared/ports/delivery-log.js';
import { alarmAtLeast, counterMetric, deadLetterAlarm, functionErrorAlarm, queueAgeAlarm } from './alarms.js';
import { PulseFunction } from './pulse-function.js';
import { SEND_CONCURRENCY, sendTimeoutSeconds } from './send-timeout.js';
import { ALERTS_TABLE_ACCESS, DISPATCH_TABLE_ACCESS, sendTableAccess } from './function-table-access.js';
import { DEAD_LETTERS, encryptedQueue, SENDERS } from './channel-queues.js';

export interface DistributionProps {
  org: OrgConfig;
  table: ITable;
  tableKey: IKey;
  opsKey: IKey;
  publicBaseUrl: string;
  alarmAction: SnsAction;
}

/** One channel's way out: its delivery queue, the queue's dead letters, and the function that sends. */
export interface ChannelPipeline {
  queue: Queue;
  deadLetters: Queue;
  fn: PulseFunction;
}

/** A cdk-nag finding acknowledged, with the reason. */
type Acknowledgment = { id: string; reason: string };

/**
 * Getting links to staff: the scheduled dispatch function (open, remind, close, hourly
 * tick); for each channel the organization turns on, a delivery queue with its dead-letter
 * queue and a send function of its own (email through SES, SMS through SNS), so neither
 * channel waits on the other's rate or failures; the SES identity and configuration set.
 * Wave secrets live in Secrets Manager under a per-organization prefix.
 */
export class Distribution extends Construct {
  readonly dispatch: PulseFunction;
  /** A sender for each staff channel that is on. */
  readonly senders: Partial<Record<Channel, ChannelPipeline>> = {};
  readonly dispatchDeadLetters: Queue;
  readonly alerts: PulseFunction;
  readonly schedulerRole: Role;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: DistributionProps) {
    super(scope, id);
    const { org } = props;
    const stack = Stack.of(this);
    const secretPrefix = `care-pulse/${org.id}/wave/`;
    const secretArns = `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${secretPrefix}*`;
    const arnPart = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
    const secretFinding = `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:${arnPart(stack.region, '<AWS::Region>')}:${arnPart(stack.account, '<AWS::AccountId>')}:secret:${secretPrefix}*]`;

    this.dispatchDeadLetters = this.encryptedQueue('DispatchDeadLetters', DEAD_LETTERS);

    const emailFrom = org.channels.email.from;
    this.configurationSet = new ConfigurationSet(this, 'EmailConfiguration', { reputationMetrics: true });
    const configurationSet = this.configurationSet;
    // Email only from this organization's sending domain (its identity lives in a stack of its
    // own, infra/stacks/sender-stack.ts), through its configuration set.
    // SES authorizes the identity that sends (the domain, or the address where that is verified
    // itself) and, while the account is in the sandbox, each recipient's identity too: so any
    // identity, held to this organization's sender address.
    const sendEmailStatement = () =>
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/*`,
          `arn:${stack.partition}:ses:${stack.region}:${stack.account}:configuration-set/${configurationSet.configurationSetName}`,
        ],
        conditions: { StringEquals: { 'ses:FromAddress': emailFrom } },
      });
    const identityFinding: Acknowledgment = {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${arnPart(stack.region, '<AWS::Region>')}:${arnPart(stack.account, '<AWS::AccountId>')}:identity/*]`,
      reason:
        'SES authorizes the sending identity (domain or address) and, in the sandbox, every recipient identity; the grant is held to this organization’s sender address by ses:FromAddress.',
    };

    const shared = {
      WAVE_SECRET_PREFIX: secretPrefix,
      PUBLIC_BASE_URL: props.publicBaseUrl,
    };
    const emailSettings = { EMAIL_FROM: emailFrom, SES_CONFIGURATION_SET: configurationSet.configurationSetName };

    // What each channel's sender needs beyond what every sender gets: its provider's settings
    // and the grant to reach it, with what cdk-nag is told of that grant.
    const providers: Record<
      Channel,
      { environment: Record<string, string>; grant: () => PolicyStatement; deny?: () => PolicyStatement; acknowledgments: Acknowledgment[] }
    > = {
      email: { environment: emailSettings, grant: sendEmailStatement, acknowledgments: [identityFinding] },
      sms: {
        environment: {},
        grant: () => new PolicyStatement({ actions: ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'], resources: ['*'] }),
        // Texts go to phone numbers, which have no ARN; a topic, which has one, is refused.
        deny: () => new PolicyStatement({ effect: Effect.DENY, actions: ['sns:Publish'], resources: [`arn:${stack.partition}:sns:*:*:*`] }),
        acknowledgments: [
          {
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason: 'sns:Publish to a phone number and sns:CheckIfPhoneNumberIsOptedOut have no resource ARN to scope to; publishing to any topic is denied.',
          },
        ],
      },
    };
    // Pulses go out only on the channels the organization turned on (leaders' digests, from
    // the alerts function, go by email whatever staff pulses use).
    for (const channel of channelsOn(org.channels)) {
      const provider = providers[channel];
      this.senders[channel] = this.channelPipeline(channel, props, {
        environment: { ...shared, SEND_CONCURRENCY: String(SEND_CONCURRENCY), ...provider.environment },
        grants: [
          new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArns] }),
          provider.grant(),
          ...(provider.deny ? [provider.deny()] : []),
        ],
        acknowledgments: [
          ...provider.acknowledgments,
          { id: secretFinding, reason: 'One secret per wave is created at run time under this organization\u2019s prefix; the function may only read those.' },
        ],
      });
    }

    this.dispatch = new PulseFunction(this, 'Dispatch', {
      entry: 'functions/dispatch/handler.ts',
      description: 'Care Pulse dispatch: open, remind and close waves; queue deliveries',
      org,
      logKey: props.opsKey,
      reservedConcurrency: org.deploy.reservedConcurrency?.dispatch,
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: {
        ...shared,
        ...(this.senders.email ? { EMAIL_DELIVERY_QUEUE_URL: this.senders.email.queue.queueUrl } : {}),
        ...(this.senders.sms ? { SMS_DELIVERY_QUEUE_URL: this.senders.sms.queue.queueUrl } : {}),
      },
      deadLetterQueue: this.dispatchDeadLetters,
    });
    this.dispatch.bindTable(props.table, props.tableKey, DISPATCH_TABLE_ACCESS);
    // SendMessage alone: the queues are SQS-encrypted (no key to use) and the URLs are given.
    const queueArns = Object.values(this.senders).map((sender) => sender.queue.queueArn);
    if (queueArns.length > 0) this.dispatch.role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: queueArns }));
    this.dispatch.role.addToPolicy(new PolicyStatement({ actions: ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret'], resources: [secretArns] }));

    // The organization's own group: the default group is the account's, and its metrics would
    // mix every organization's schedules.
    const scheduleGroup = new ScheduleGroup(this, 'Schedules', { removalPolicy: RemovalPolicy.DESTROY });
    // One role for all schedules, so its grant can be read (and acknowledged) in one place.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `Care Pulse ${org.id}: schedules invoke the dispatch and alerts functions`,
    });
    this.schedulerRole = schedulerRole;
    for (const spec of scheduleSpecs(org).filter((s) => s.name !== 'alerts')) {
      new Schedule(this, `${spec.name[0]!.toUpperCase()}${spec.name.slice(1)}Schedule`, {
        scheduleGroup,
        description: spec.description,
        schedule: spec.cron
          ? ScheduleExpression.cron({ ...spec.cron, timeZone: TimeZone.of(org.timeZone) })
          : ScheduleExpression.rate(Duration.minutes(spec.rateMinutes ?? 60)),
        target: new LambdaInvoke(this.dispatch.fn, {
          role: schedulerRole,
          input: ScheduleTargetInput.fromObject({ action: spec.name }),
          deadLetterQueue: this.dispatchDeadLetters,
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        }),
      });
    }

    deadLetterAlarm(this, 'DispatchDeadLettersAlarm', this.dispatchDeadLetters, props.alarmAction);
    functionErrorAlarm(this, 'DispatchErrorsAlarm', this.dispatch, props.alarmAction);

    this.alerts = new PulseFunction(this, 'Alerts', {
      entry: 'functions/alerts/handler.ts',
      description: 'Care Pulse alerts: evaluate the newest closed wave and email leaders their digest',
      org,
      logKey: props.opsKey,
      reservedConcurrency: org.deploy.reservedConcurrency?.alerts,
      // Shorter than a digest claim takes to go stale, so no live run's claim is taken over.
      timeout: Duration.millis(ALERT_CLAIM_STALE_MS - 5 * 60 * 1000),
      memorySize: 1024,
      environment: { ...shared, ...emailSettings, SEND_CONCURRENCY: '1' },
      deadLetterQueue: this.dispatchDeadLetters,
    });
    this.alerts.bindTable(props.table, props.tableKey, ALERTS_TABLE_ACCESS);
    this.alerts.role.addToPolicy(sendEmailStatement());
    Validations.of(this.alerts).acknowledge(identityFinding);
    const alertsSpec = scheduleSpecs(org).find((s) => s.name === 'alerts')!;
    new Schedule(this, 'AlertsSchedule', {
      scheduleGroup,
      description: alertsSpec.description,
      schedule: ScheduleExpression.cron({ ...alertsSpec.cron!, timeZone: TimeZone.of(org.timeZone) }),
      target: new LambdaInvoke(this.alerts.fn, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ action: 'alerts' }),
        deadLetterQueue: this.dispatchDeadLetters,
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
      }),
    });
    functionErrorAlarm(this, 'AlertsErrorsAlarm', this.alerts, props.alarmAction);
    alarmAtLeast(
      this,
      'DigestsRefusedAlarm',
      {
        description:
          'SES refused a leader’s digest for good (an unverified or refused address): that leader got nothing for this pulse. The alert log records which (state "refused").',
        metric: counterMetric(org.id, 'alerts', 'DigestsRefused'),
        threshold: 1,
      },
      props.alarmAction,
    );
    alarmAtLeast(
      this,
      'ScheduleErrorsAlarm',
      {
        description: 'A schedule could not run its function (a wave not opened, reminded, closed, or digests not sent on time).',
        metric: scheduleGroup.metricTargetErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
      },
      props.alarmAction,
    );
    alarmAtLeast(
      this,
      'ScheduleDroppedAlarm',
      {
        description: 'A scheduled run was dropped after its retries: a wave step did not happen.',
        metric: scheduleGroup.metricDropped({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
      },
      props.alarmAction,
    );
    queueAgeAlarm(
      this,
      'DispatchDeadLettersAgeAlarm',
      this.dispatchDeadLetters,
      { hours: 72, description: 'A failed scheduled run has waited three days in its dead-letter queue, which deletes it at fourteen.' },
      props.alarmAction,
    );
    // SES reviews an account whose bounce rate passes 5% or complaint rate 0.1%, and may stop its sending.
    alarmAtLeast(
      this,
      'EmailBounceRateAlarm',
      {
        description: 'More than 5% of this organization’s emails bounced: clean the roster before SES reviews the account.',
        metric: this.reputationMetric('Reputation.BounceRate'),
        threshold: 0.05,
      },
      props.alarmAction,
    );
    alarmAtLeast(
      this,
      'EmailComplaintRateAlarm',
      {
        description: 'More than 0.1% of this organization’s emails were reported as spam.',
        metric: this.reputationMetric('Reputation.ComplaintRate'),
        threshold: 0.001,
      },
      props.alarmAction,
    );

    Validations.of(schedulerRole).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.dispatch.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: 'The grant covers the dispatch function and its versions, nothing else; Scheduler needs no more.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.alerts.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: 'The grant covers the alerts function and its versions, nothing else; Scheduler needs no more.',
      },
      {
        id: 'HIPAA.Security-IAMNoInlinePolicy',
        reason: 'The scheduler role holds one statement, invoking this organization’s dispatch function; a managed policy would be broader.',
      },
    );
    Validations.of(this.dispatch).acknowledge({
      id: secretFinding,
      reason: 'The dispatch function creates one secret per wave at open and deletes it at close, all under this organization\u2019s prefix.',
    });
  }

  /**
   * A channel's queue, dead letters and send function, fed 25 deliveries at a time, paced to
   * the channel's rate and timed out by it (infra/constructs/send-timeout.ts).
   */
  private channelPipeline(
    channel: Channel,
    props: DistributionProps,
    settings: { environment: Record<string, string>; grants: PolicyStatement[]; acknowledgments: Acknowledgment[] },
  ): ChannelPipeline {
    const { ids, description } = SENDERS[channel];
    const timeout = Duration.seconds(sendTimeoutSeconds(props.org, channel));
    const deadLetters = this.encryptedQueue(ids.deadLetters, DEAD_LETTERS);
    const queue = this.encryptedQueue(ids.queue, {
      // Six times the send function's timeout, as Lambda advises for SQS sources, and longer
      // than a claim takes to go stale: a batch whose sender died comes back to claims it may
      // take over, not to claims that still look in flight (and would be skipped as sent).
      visibilityTimeout: Duration.seconds(Math.max(6 * timeout.toSeconds(), STALE_CLAIM_MS / 1000 + 60)),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    const fn = new PulseFunction(this, ids.fn, {
      entry: `functions/send/${channel}-handler.ts`,
      description,
      org: props.org,
      logKey: props.opsKey,
      reservedConcurrency: props.org.deploy.reservedConcurrency?.send,
      timeout,
      environment: settings.environment,
    });
    fn.bindTable(props.table, props.tableKey, sendTableAccess(channel));
    for (const grant of settings.grants) fn.role.addToPolicy(grant);
    // Batches of more than ten need a batching window; dispatch queues thousands at once, so
    // batches fill long before one second is up.
    fn.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: DELIVERY_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        maxConcurrency: SEND_CONCURRENCY,
      }),
    );
    deadLetterAlarm(this, ids.deadLettersAlarm, deadLetters, props.alarmAction);
    functionErrorAlarm(this, ids.alarm, fn, props.alarmAction);
    alarmAtLeast(
      this,
      `${ids.fn}RefusedAlarm`,
      {
        description: `The ${channel} provider refused messages for good (an unverified sender, denied access, a bad address): those staff got no link. Several at once usually mean the sender is not set up.`,
        metric: counterMetric(props.org.id, `send-${channel}`, 'MessagesRefused'),
        threshold: 1,
      },
      props.alarmAction,
    );
    alarmAtLeast(
      this,
      `${ids.fn}ReachNotCountedAlarm`,
      {
        description: `The ${channel} sender reached people but could not count them in their units (DynamoDB throttled or failed): until a reminder reaches them again, those units' answers are refused as "not enough people have their link yet".`,
        metric: counterMetric(props.org.id, `send-${channel}`, 'ReachNotCounted'),
        threshold: 1,
      },
      props.alarmAction,
    );
    queueAgeAlarm(
      this,
      `${ids.queue}AgeAlarm`,
      queue,
      { hours: 3, description: `A ${channel} link has waited three hours to be sent: the sender is failing or far too slow for the roster.` },
      props.alarmAction,
    );
    queueAgeAlarm(
      this,
      `${ids.deadLetters}AgeAlarm`,
      deadLetters,
      { hours: 72, description: `A ${channel} delivery has waited three days in its dead-letter queue, which deletes it at fourteen.` },
      props.alarmAction,
    );
    Validations.of(fn).acknowledge(
      {
        id: 'HIPAA.Security-LambdaDLQ',
        reason: `The ${channel} send function is fed by its delivery queue, whose redrive policy moves a message that keeps failing to its own dead-letter queue; a function DLQ only applies to asynchronous invocations.`,
      },
      ...settings.acknowledgments,
    );
    return { queue, deadLetters, fn };
  }

  private reputationMetric(metricName: string): Metric {
    return new Metric({
      namespace: 'AWS/SES',
      metricName,
      dimensionsMap: { 'ses:configuration-set': this.configurationSet.configurationSetName },
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
  }

  private encryptedQueue(id: string, props: ConstructorParameters<typeof Queue>[2]): Queue {
    return encryptedQueue(this, id, props);
  }
}
