import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption, RedrivePermission } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type Channel } from '../../shared/domain/staff.js';

/**
 * Each channel's construct ids and description. The email sender keeps the ids of the single
 * send function it replaced, so an upgrade keeps that queue and whatever waits on it
 * (deliveries queued before the split carry no channel and are read as email).
 */
export const SENDERS: Record<
  Channel,
  { ids: { queue: string; deadLetters: string; fn: string; alarm: string; deadLettersAlarm: string }; description: string }
> = {
  email: {
    ids: { queue: 'DeliveryQueue', deadLetters: 'DeliveryDeadLetters', fn: 'Send', alarm: 'SendErrorsAlarm', deadLettersAlarm: 'DeliveryDeadLettersAlarm' },
    description: 'Care Pulse send email: one pulse link per message, by SES',
  },
  sms: {
    ids: {
      queue: 'SmsDeliveryQueue',
      deadLetters: 'SmsDeliveryDeadLetters',
      fn: 'SendSms',
      alarm: 'SendSmsErrorsAlarm',
      deadLettersAlarm: 'SmsDeliveryDeadLettersAlarm',
    },
    description: 'Care Pulse send SMS: one pulse link per message, by SNS',
  },
};

/**
 * A dead-letter queue: kept two weeks, and declared one (any queue of ours may redrive into
 * it, as SQS allows by default; Lambda and Scheduler send to it directly either way).
 */
export const DEAD_LETTERS = { retentionPeriod: Duration.days(14), redriveAllowPolicy: { redrivePermission: RedrivePermission.ALLOW_ALL } };

/** A queue encrypted by SQS: its messages hold only ids and a kind, nothing personal. */
export function encryptedQueue(scope: Construct, id: string, props: ConstructorParameters<typeof Queue>[2]): Queue {
  return new Queue(scope, id, { ...props, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
}
