import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
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
  alarmAtLeast(scope, id, { description: `${fn.fn.node.path} reported errors.`, metric: fn.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), threshold: 1 }, action);
}

/** A message in a dead-letter queue means someone may not have been reached. */
export function deadLetterAlarm(scope: Construct, id: string, queue: IQueue, action: SnsAction) {
  alarmAtLeast(
    scope,
    id,
    { description: `Messages are waiting in ${queue.node.path}: some staff may not have received their link.`, metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), threshold: 1 },
    action,
  );
}
