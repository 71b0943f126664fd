import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Channel } from '../../shared/domain/staff.js';
import { deliverySchema, type Delivery } from '../../shared/domain/wave.js';
import type { DeliveryOutcome } from '../../shared/ports/delivery-queue.js';
import { DeliveryError } from '../../shared/ports/messenger.js';
import { deliverMessages, type DeliverDeps } from '../../shared/use-cases/deliver-message.js';
import { errorName } from '../../shared/logger.js';

/**
 * One SQS batch of one channel's queue, delivered as one batch (shared reads, one closing
 * write). Failed records are reported one by one (partial batch response), so only they come
 * back; a record that keeps failing, like a malformed (poison) message or one of another
 * channel, reaches the dead-letter queue after the queue's receive limit.
 */
export async function processDeliveries(
  event: SQSEvent,
  deliverDeps: DeliverDeps,
  options: { channel: Channel; remainingMs?: () => number },
): Promise<SQSBatchResponse> {
  const { log } = deliverDeps;
  const records = event.Records.map((record) => ({ messageId: record.messageId, ...readDelivery(record.body, options.channel) }));
  const queuedBeforeTheSplit = records.filter((r) => r.queuedBeforeTheSplit).length;
  if (queuedBeforeTheSplit > 0) log.warn('delivery-without-channel', { deliveries: queuedBeforeTheSplit, sentBy: options.channel });
  const wellFormed = records.flatMap((r) => (r.delivery ? [{ messageId: r.messageId, delivery: r.delivery }] : []));

  let outcomes: DeliveryOutcome[];
  try {
    outcomes = await deliverMessages(
      deliverDeps,
      wellFormed.map((r) => r.delivery),
      options,
    );
  } catch (error) {
    // Nothing was sent: the whole batch comes back.
    log.warn('delivery-batch-failed', { deliveries: wellFormed.length, error: errorName(error) });
    const failed = new DeliveryError('batch failed', true, { cause: error });
    outcomes = wellFormed.map(() => ({ status: 'failed', error: failed }));
  }
  const outcomeOf = new Map(wellFormed.map((r, index) => [r.messageId, outcomes[index]!]));

  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const { messageId, delivery, otherChannel } of records) {
    if (!delivery) {
      log.error(otherChannel ? 'delivery-for-another-channel' : 'malformed-delivery', { messageId, channel: options.channel });
      batchItemFailures.push({ itemIdentifier: messageId });
      continue;
    }
    const outcome = outcomeOf.get(messageId)!;
    if (outcome.status === 'failed') {
      log.warn('delivery-failed', { kind: delivery.kind, wave: delivery.waveId, error: outcome.error.message, retryable: outcome.error.retryable });
      batchItemFailures.push({ itemIdentifier: messageId });
    } else if (outcome.status === 'skipped') {
      log.info('delivery-skipped', { reason: outcome.reason, kind: delivery.kind, wave: delivery.waveId });
    }
  }
  return { batchItemFailures };
}

/**
 * A well-formed delivery of this function's channel: this sender has no client for another.
 * A message queued by the single send function of earlier versions has no channel; it waits
 * on the queue that became the email queue and is sent by this queue's sender (CHANGELOG).
 */
function readDelivery(body: string, channel: Channel): { delivery?: Delivery; otherChannel?: boolean; queuedBeforeTheSplit?: boolean } {
  try {
    const message: unknown = JSON.parse(body);
    const queuedBeforeTheSplit = typeof message === 'object' && message !== null && !('channel' in message);
    const parsed = deliverySchema.safeParse(queuedBeforeTheSplit ? { ...message, channel } : message);
    if (!parsed.success) return {};
    return parsed.data.channel === channel ? { delivery: parsed.data, queuedBeforeTheSplit } : { otherChannel: true };
  } catch {
    return {};
  }
}
