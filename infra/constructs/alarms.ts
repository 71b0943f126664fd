import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { COUNTER_NAMESPACE } from '../../shared/adapters/aws/emf-counters.js';
import type { CounterName } from '../../shared/ports/counters.js';
import type { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PulseFunction } from './pulse-function.js';

/** An alarm that pages the admins' topic when a metric reaches a count within five minutes. */
export function alarmAtLeast(scope: Construct, id: string, props: { description: string; metric: IMetric; threshold: number }, action: SnsAction) {
  new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  }).addAlarmAction(action);
}

/** Any error in a function is worth a look. */
export function functionErrorAlarm(scope: Construct, id: string, fn: PulseFunction, action: SnsAction) {
  alarmAtLeast(
    scope,
    id,
    { description: `${fn.fn.node.path} reported errors.`, metric: fn.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), threshold: 1 },
    action,
  );
}

/** A message in a dead-letter queue means someone may not have been reached. */
export function deadLetterAlarm(scope: Construct, id: string, queue: IQueue, action: SnsAction) {
  alarmAtLeast(
    scope,
    id,
    {
      description: `Messages are waiting in ${queue.node.path}: some staff may not have received their link.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
    },
    action,
  );
}

/** One of our own counters (shared/adapters/aws/emf-counters.ts), summed over five minutes. */
export function counterMetric(org: string, service: string, name: CounterName): Metric {
  return new Metric({ namespace: COUNTER_NAMESPACE, metricName: name, dimensionsMap: { org, service }, statistic: 'Sum', period: Duration.minutes(5) });
}

/**
 * Messages waiting too long: the oldest in a delivery queue past `hours` means links are not
 * going out; the oldest dead letter past `hours` is on its way to being deleted unread.
 */
export function queueAgeAlarm(scope: Construct, id: string, queue: IQueue, props: { hours: number; description: string }, action: SnsAction) {
  alarmAtLeast(
    scope,
    id,
    {
      description: props.description,
      metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: props.hours * 3600,
    },
    action,
  );
}
